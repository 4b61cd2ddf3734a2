"""An application window: when applications for an opportunity open and close."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import PlainTextField

from .querysets import ApplicationWindowQuerySet


class ApplicationWindow(models.Model):
    opportunity = models.ForeignKey(
        "programmes.Opportunity",
        verbose_name=_("opportunity"),
        on_delete=models.CASCADE,
        related_name="windows",
    )
    label = PlainTextField(
        _("label"), max_length=200, blank=True, help_text=_("E.g. Spring semester 2027 intake.")
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("deadline"))
    # Counts the edits, for calendars: an edited deadline replaces the event they
    # show (same UID, higher SEQUENCE) instead of adding a second one.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    objects = ApplicationWindowQuerySet.as_manager()

    class Meta:
        verbose_name = _("application window")
        verbose_name_plural = _("application windows")
        ordering = ["opens_at", "pk"]
        indexes = [models.Index(fields=["closes_at", "opens_at"], name="programmes_window_times")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="programmes_window_closes_after_opening",
                violation_error_message=_("The deadline must be after the opening time."),
            ),
        ]

    def __str__(self):
        return self.label or str(self.opportunity)

    def save(self, *args, **kwargs):
        read = getattr(self, "_read", None)
        if self.pk is not None and read is not None and read != self.calendar_values():
            self.sequence += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)
        self._read = self.calendar_values()

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The deadline must be after the opening time.")})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        window = super().from_db(db, field_names, values, **kwargs)
        window._read = window.calendar_values()
        return window

    def calendar_values(self):
        """What calendars show of the window (its times, its label in every language):
        a change to any of it is a new SEQUENCE."""
        return {
            name: value
            for name, value in self.__dict__.items()
            if name.startswith("label") or name in {"opens_at", "closes_at"}
        }

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at
