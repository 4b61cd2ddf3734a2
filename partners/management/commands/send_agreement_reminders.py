"""E-mail the partner managers before agreements end; meant to run once a day."""

import argparse
import smtplib
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from partners.group import GROUP_NAME
from partners.reminders import THRESHOLDS, AlreadySent, due_reminders, recipients, send

# The command looks this far ahead of --today, which must stay within the calendar.
LATEST_TODAY = date.max - timedelta(days=max(THRESHOLDS))


def iso_date(value):
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"give a date as YYYY-MM-DD, not {value!r}") from None
    if day > LATEST_TODAY:
        raise argparse.ArgumentTypeError(f"give a date up to {LATEST_TODAY.isoformat()}")
    return day


class Command(BaseCommand):
    help = (
        "E-mail the partner managers 180, 90 and 30 days before an agreement in force "
        "ends: each reminder once per end date, each person in their language for "
        f"e-mails. Recipients: the active members of the {GROUP_NAME!r} group with an "
        "e-mail address (superusers only if they are members). A run that missed days "
        "sends only the most urgent reminder due. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=iso_date,
            help="Act as if today were this date (YYYY-MM-DD), to test or to catch up.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the reminders that are due; send and record nothing.",
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        today = today or timezone.localdate()
        reminders = list(due_reminders(today))
        if not reminders:
            self.stdout.write(f"No reminders due on {today.isoformat()}.")
            return
        users = recipients()
        if not users:
            raise CommandError(
                f"{len(reminders)} reminder(s) due, but no active member of the "
                f"{GROUP_NAME!r} group has an e-mail address: nothing sent."
            )
        sent = emails = 0
        for reminder in reminders:
            if dry_run:
                self.stdout.write(f"Would send {describe(reminder, users)}")
                continue
            try:
                refused = send(reminder, users)
            except AlreadySent:
                self.stdout.write(f"Already sent by another run: {describe(reminder, [])}")
                continue
            except (smtplib.SMTPException, OSError) as error:
                raise CommandError(
                    f"The mail server {mail_server()} did not "
                    f"take the reminder for {reminder.agreement.institution.name} "
                    f"({error.__class__.__name__}: {error}). It is not recorded: the next "
                    f"run sends it. {sent} reminder(s) sent before this one are recorded."
                ) from None
            delivered = [user for user in users if user not in refused]
            sent, emails = sent + 1, emails + len(delivered)
            self.stdout.write(f"Sent {describe(reminder, delivered)}")
            if refused:
                addresses = ", ".join(user.email for user in refused)
                self.stderr.write(
                    f"The mail server refused {addresses}: no reminder for "
                    f"{reminder.agreement.institution.name} went there. Correct the "
                    "address in the admin, or remove its owner from the group."
                )
        if not dry_run:
            self.stdout.write(f"{sent} reminder(s) sent, {emails} e-mail(s).")


def describe(reminder, users):
    agreement = reminder.agreement
    line = (
        f"the {reminder.threshold}-day reminder for {agreement.institution.name}, "
        f"{agreement.get_kind_display()} ending {agreement.valid_until.isoformat()} "
        f"(in {reminder.days_left} days)"
    )
    if users:
        addresses = ", ".join(user.email for user in users)
        line += f" to {len(users)} partner manager(s): {addresses}"
    return line


def mail_server():
    """The SMTP server's address, for the error message."""
    options = settings.MAILERS["default"].get("OPTIONS", {})
    if "host" not in options:
        return settings.MAILERS["default"]["BACKEND"]
    return f"{options['host']}:{options.get('port', 25)}"
