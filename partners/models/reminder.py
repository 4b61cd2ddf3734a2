"""The record of the reminders sent to partner managers before an agreement ends."""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class ReminderThreshold(models.IntegerChoices):
    """How many days before an agreement's end its reminders go out."""

    HALF_A_YEAR = 180, _("180 days before")
    THREE_MONTHS = 90, _("90 days before")
    ONE_MONTH = 30, _("30 days before")


class ReminderOutcome(models.TextChoices):
    SENT = "sent", _("sent")
    # A run that missed days sends only the most urgent reminder due; the earlier
    # ones are recorded as passed so that no later run sends them.
    PASSED = "passed", _("passed over")


class AgreementReminder(models.Model):
    """One reminder that an agreement ends on `valid_until`, `threshold` days before.

    The row is written in the same transaction as the e-mails go out, and there can
    be one only per agreement, threshold and end date: a second run, or two runs at
    once, cannot send it again, and a failed sending leaves no row, so the next run
    tries again. An agreement given a new end date gets its reminders again.
    """

    agreement = models.ForeignKey(
        "Agreement", models.CASCADE, related_name="reminders", verbose_name=_("agreement")
    )
    threshold = models.PositiveSmallIntegerField(_("reminder"), choices=ReminderThreshold)
    valid_until = models.DateField(_("end date"), help_text=_("The end date it was about."))
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ReminderOutcome,
        default=ReminderOutcome.SENT,
        help_text=_("Passed over: the run came late and sent only the nearer reminder."),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))

    class Meta:
        verbose_name = _("agreement reminder")
        verbose_name_plural = _("agreement reminders")
        ordering = ["-sent_at", "-pk"]
        get_latest_by = "sent_at"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "threshold", "valid_until"],
                name="agreement_reminder_once_per_threshold_and_end_date",
            ),
        ]

    def __str__(self):
        return " · ".join(
            [
                str(self.agreement.institution),
                self.get_threshold_display(),
                date_format(self.valid_until),
            ]
        )

    @property
    def recipients_list(self):
        return self.recipients.split()
