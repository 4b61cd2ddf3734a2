"""Reminders to the partner managers before an agreement ends.

`send_agreement_reminders` runs this once a day. Each agreement in force with an end
date gets a reminder 180, 90 and 30 days before that date, once each: the row that
records a reminder is written in the same transaction as its e-mails are sent, and the
database holds one row only per agreement, threshold and end date.
"""

import email.policy
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from core.models import StaffPreferences

from .group import GROUP_NAME
from .models import Agreement, AgreementReminder, ReminderOutcome, ReminderThreshold

# Most urgent first.
THRESHOLDS = sorted(ReminderThreshold.values)


class AlreadySent(Exception):
    """Another run recorded this reminder between our reading and our writing."""


@dataclass
class Reminder:
    agreement: Agreement
    threshold: int
    days_left: int

    @property
    def passed_thresholds(self):
        """The earlier thresholds this one makes pointless."""
        return [threshold for threshold in THRESHOLDS if threshold > self.threshold]


def recipients():
    """The partner managers who can receive e-mail: active members of the group with an
    address. Superusers are not added: the group says who looks after agreements."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=GROUP_NAME)
        .exclude(email="")
        .select_related("staff_preferences")
        .order_by("pk")
        .distinct()
    )


def most_urgent_threshold(days_left):
    """The nearest threshold the agreement has reached, or None 181 days out or more."""
    return next((threshold for threshold in THRESHOLDS if days_left <= threshold), None)


def due_reminders(today: date):
    """The reminders due today, one at most per agreement: the most urgent threshold
    reached, unless it was recorded for the agreement's current end date."""
    agreements = (
        Agreement.objects.in_force(today)
        .filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=THRESHOLDS[-1]))
        .select_related("institution")
        .order_by("valid_until", "pk")
    )
    recorded = set(
        AgreementReminder.objects.filter(agreement__in=agreements).values_list(
            "agreement_id", "threshold", "valid_until"
        )
    )
    for agreement in agreements:
        days_left = (agreement.valid_until - today).days
        threshold = most_urgent_threshold(days_left)
        if (agreement.pk, threshold, agreement.valid_until) not in recorded:
            yield Reminder(agreement, threshold, days_left)


def send(reminder, users):
    """Send `reminder` to `users` and record it, or neither. Returns the users whose
    address the mail server refused: they are left out of the recorded recipients.

    Raises AlreadySent when another run has recorded it, and the mail backend's error
    (smtplib.SMTPException, OSError) when the mail server refuses every address or
    cannot be reached; nothing is recorded then, so the next run tries again.
    """
    agreement = reminder.agreement
    with transaction.atomic():
        try:
            # Written before the sending: a second run at the same time waits here for
            # this transaction, then finds the row and leaves the reminder alone.
            with transaction.atomic():
                record = AgreementReminder.objects.create(
                    agreement=agreement,
                    threshold=reminder.threshold,
                    valid_until=agreement.valid_until,
                    recipients="\n".join(user.email for user in users),
                )
        except IntegrityError:
            raise AlreadySent from None
        AgreementReminder.objects.bulk_create(
            [
                AgreementReminder(
                    agreement=agreement,
                    threshold=threshold,
                    valid_until=agreement.valid_until,
                    outcome=ReminderOutcome.PASSED,
                )
                for threshold in reminder.passed_thresholds
            ],
            ignore_conflicts=True,
        )
        refused = deliver(reminder, users)
        if len(refused) == len(users):
            raise smtplib.SMTPRecipientsRefused({user.email: refused[user] for user in users})
        if refused:
            record.recipients = "\n".join(user.email for user in users if user not in refused)
            record.save(update_fields=["recipients"])
    return list(refused)


def deliver(reminder, users):
    """Send each user their message. Returns {user: the server's answer} of those
    whose address the server refused: one colleague's closed mailbox must neither
    keep the reminder from the others nor, by undoing the run, send it to them twice."""
    refused = {}
    with mailers.default as connection:
        for user in users:
            try:
                connection.send_messages([message(reminder, user)])
            except smtplib.SMTPRecipientsRefused as error:
                refused[user] = error.recipients.get(user.email)
    return refused


class OneLineHeadersEmail(EmailMessage):
    """An e-mail whose headers are not folded.

    Python's e-mail package (before the fix of cpython issue 144156, not in the Python
    this site runs on) loses the space before a word when it folds a non-ASCII header
    there: a Russian subject reads "партнёром«Иркутский". Unfolded, a header is one
    encoded word, within the line length mail allows (998) though longer than the 75
    that encoded words should keep to, which mail programs read without trouble.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def message(reminder, user):
    """The e-mail to one partner manager, in the language they chose for e-mails."""
    with translation.override(StaffPreferences.email_language_of(user)):
        context = message_context(reminder, user)
        return OneLineHeadersEmail(
            subject=subject(context),
            body=render_to_string("partners/email/agreement_reminder.txt", context),
            to=[user.email],
        )


def message_context(reminder, user):
    """What the e-mail says, in the active language."""
    agreement = reminder.agreement
    return {
        "name": user.get_full_name() or user.get_username(),
        "institution": agreement.institution.name,
        "kind": agreement.get_kind_display(),
        "signed_on": date_format(agreement.signed_on) if agreement.signed_on else "",
        "end": date_format(agreement.valid_until),
        "days": reminder.days_left,
        "link": settings.SITE_URL + reverse("admin:partners_agreement_change", args=[agreement.pk]),
    }


def subject(context):
    if context["days"] == 0:
        return gettext("The agreement with %(institution)s ends today (%(end)s)") % context
    return (
        ngettext(
            "The agreement with %(institution)s ends on %(end)s, in %(days)d day",
            "The agreement with %(institution)s ends on %(end)s, in %(days)d days",
            context["days"],
        )
        % context
    )
