"""The names an institution went by before, with the years it used them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import PlainTextField
from core.languages import translations_of

from .common import EARLIEST_FOUNDING_YEAR, validate_not_in_the_future


class FormerName(models.Model):
    institution = models.ForeignKey(
        "Institution",
        models.CASCADE,
        related_name="former_names",
        verbose_name=_("institution"),
    )
    name = PlainTextField(_("name"), max_length=200)
    used_from = models.PositiveSmallIntegerField(
        _("used from"),
        null=True,
        blank=True,
        validators=[validate_not_in_the_future],
        help_text=_("The year, if known."),
    )
    used_until = models.PositiveSmallIntegerField(
        _("used until"),
        null=True,
        blank=True,
        validators=[validate_not_in_the_future],
        help_text=_("The last year the name was used."),
    )

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = [models.F("used_until").desc(nulls_last=True), "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(used_from__isnull=True)
                | Q(used_until__isnull=True)
                | Q(used_until__gte=models.F("used_from")),
                name="former_name_years_in_order",
                violation_error_message=_(
                    "A name cannot stop being used before it was first used."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(used_from__isnull=True) | Q(used_from__gte=EARLIEST_FOUNDING_YEAR))
                & (Q(used_until__isnull=True) | Q(used_until__gte=EARLIEST_FOUNDING_YEAR)),
                name="former_name_years_plausible",
                violation_error_message=_("Give years from 800 on."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.institution.refresh_search_text()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.institution.refresh_search_text()
        return result

    def clean(self):
        if self.used_from and self.used_until and self.used_until < self.used_from:
            raise ValidationError(
                {"used_until": _("A name cannot stop being used before it was first used.")}
            )

    def all_names(self):
        return translations_of(self, "name")

    @property
    def years(self):
        """The years as a page shows them: both, one of them, or none."""
        if self.used_from and self.used_until:
            return f"{self.used_from}\N{EN DASH}{self.used_until}"
        if self.used_until:
            return _("until %(year)s") % {"year": self.used_until}
        if self.used_from:
            return _("from %(year)s") % {"year": self.used_from}
        return ""
