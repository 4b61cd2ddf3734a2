"""Reminders before an agreement ends, e-mailed through a real SMTP server."""

import contextlib
import datetime
import io
import re
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.mail import mailers
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from core.models import StaffPreferences
from partners.group import GROUP_NAME
from partners.models import AgreementReminder, AgreementStatus, ReminderOutcome
from partners.reminders import AlreadySent, due_reminders, message, recipients, send
from tests.server import BASE_DIR, fresh_database, site_environment
from tests.smtp import SmtpServer

from .conftest import make_agreement, make_institution

END = datetime.date(2026, 6, 30)
SITE_URL = "https://io.example.edu"


def days_before(days):
    return (END - timedelta(days=days)).isoformat()


@pytest.fixture
def smtp(settings):
    """The site sends through Django's SMTP backend to a server of the test's own."""
    server = SmtpServer()
    server.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 10},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "intl@example.edu"
    settings.SITE_URL = SITE_URL
    yield server
    if server.controller:
        server.stop()


def make_user(django_user_model, username, *, language=None, group=True, **fields):
    fields.setdefault("email", f"{username}@example.edu")
    user = django_user_model.objects.create_user(username, **fields)
    if group:
        user.groups.add(Group.objects.get_or_create(name=GROUP_NAME)[0])
    if language:
        StaffPreferences.objects.create(user=user, email_language=language)
    return user


@pytest.fixture
def managers(django_user_model):
    """Three partner managers who read English, Chinese and Russian, and people who
    must get nothing: a former member (inactive), a member without an address, a
    superuser outside the group and a colleague outside it."""
    make_user(django_user_model, "anna", first_name="Anna", last_name="Smith")
    make_user(django_user_model, "li", language="zh-hans", first_name="Li", last_name="Wei")
    make_user(django_user_model, "olga", language="ru", first_name="Olga")
    make_user(django_user_model, "gone", is_active=False)
    make_user(django_user_model, "noaddress", email="")
    make_user(django_user_model, "root", group=False, is_superuser=True, is_staff=True)
    make_user(django_user_model, "editor", group=False, is_staff=True)
    return ["anna@example.edu", "li@example.edu", "olga@example.edu"]


@pytest.fixture
def irkutsk(db):
    institution = make_institution(
        name_zh_hans="伊尔库茨克国立研究技术大学",
        name_ru="Иркутский национальный исследовательский технический университет",
    )
    return make_agreement(institution, valid_until=END)


def remind(today, *args):
    call_command("send_agreement_reminders", "--today", today, *args, stdout=io.StringIO())


def thresholds_recorded(agreement, outcome=ReminderOutcome.SENT):
    return sorted(
        AgreementReminder.objects.filter(agreement=agreement, outcome=outcome).values_list(
            "threshold", flat=True
        )
    )


def subjects(smtp, address):
    return [str(message["Subject"]) for message in smtp.to(address)]


def text(message):
    return message.get_content()


def test_nothing_is_sent_more_than_180_days_before_the_end(smtp, managers, irkutsk):
    remind(days_before(200))
    assert smtp.messages == []
    assert not AgreementReminder.objects.exists()


def test_each_partner_manager_gets_one_message_180_days_before(smtp, managers, irkutsk):
    remind(days_before(170))
    assert sorted(recipients for recipients, _message in smtp.messages) == [[a] for a in managers]
    assert thresholds_recorded(irkutsk) == [180]
    reminder = AgreementReminder.objects.get()
    assert reminder.recipients.split() == managers
    assert smtp.messages[0][1]["From"] == "intl@example.edu"


def test_inactive_members_members_without_address_and_outsiders_get_nothing(
    smtp, managers, irkutsk
):
    remind(days_before(170))
    received = {address for recipients, _message in smtp.messages for address in recipients}
    assert received == set(managers)
    assert [user.username for user in recipients()] == ["anna", "li", "olga"]


def test_each_message_is_in_its_recipients_language(smtp, managers, irkutsk):
    remind(days_before(170))
    [english] = smtp.to("anna@example.edu")
    [chinese] = smtp.to("li@example.edu")
    [russian] = smtp.to("olga@example.edu")
    pk = irkutsk.pk

    assert english["Subject"] == (
        "The agreement with Irkutsk National Research Technical University ends on "
        "30 June 2026, in 170 days"
    )
    assert "Hello Anna Smith," in text(english)
    assert f"{SITE_URL}/admin/partners/agreement/{pk}/change/" in text(english)

    assert (
        chinese["Subject"] == "与伊尔库茨克国立研究技术大学的协议将于2026年6月30日到期（170天后）"
    )
    assert "2026年6月30日" in text(chinese)
    assert "协议" in text(chinese) and "Hello" not in text(chinese)
    assert f"{SITE_URL}/zh-hans/admin/partners/agreement/{pk}/change/" in text(chinese)

    assert russian["Subject"] == (
        "Соглашение с партнёром «Иркутский национальный исследовательский технический "
        "университет» истекает 30 июня 2026\u00a0г., через 170 дней"
    )
    assert "Здравствуйте" in text(russian) and "Hello" not in text(russian)
    assert f"{SITE_URL}/ru/admin/partners/agreement/{pk}/change/" in text(russian)


def test_a_second_run_sends_nothing_more(smtp, managers, irkutsk):
    remind(days_before(170))
    remind(days_before(170))
    remind(days_before(100))
    assert len(smtp.messages) == 3
    assert thresholds_recorded(irkutsk) == [180]


def test_each_threshold_is_sent_once_as_the_end_comes_nearer(smtp, managers, irkutsk):
    for days in (170, 85, 85, 60, 25, 25, 1):
        remind(days_before(days))
    assert [
        re.search(r", in (\d+) days", subject).group(1)
        for subject in subjects(smtp, "anna@example.edu")
    ] == ["170", "85", "25"]
    assert len(smtp.messages) == 9
    assert thresholds_recorded(irkutsk) == [30, 90, 180]


def test_a_run_that_missed_days_sends_only_the_most_urgent_reminder(smtp, managers, irkutsk):
    remind(days_before(25))
    assert len(smtp.to("anna@example.edu")) == 1
    assert thresholds_recorded(irkutsk) == [30]
    assert thresholds_recorded(irkutsk, ReminderOutcome.PASSED) == [90, 180]
    remind(days_before(20))
    assert len(smtp.messages) == 3


def test_a_new_end_date_makes_the_reminders_due_again(smtp, managers, irkutsk):
    remind(days_before(170))
    irkutsk.valid_until = END + timedelta(days=365)
    irkutsk.save()
    remind(days_before(170))
    assert len(smtp.messages) == 3  # 535 days from the new end: nothing yet
    remind((END + timedelta(days=365 - 170)).isoformat())
    assert len(smtp.to("anna@example.edu")) == 2
    assert AgreementReminder.objects.filter(agreement=irkutsk, threshold=180).count() == 2


def test_when_the_mail_server_is_down_nothing_is_recorded_and_the_next_run_sends(
    smtp, managers, irkutsk
):
    smtp.stop()
    with pytest.raises(CommandError, match=r"mail server 127\.0\.0\.1:\d+ did not take"):
        remind(days_before(170))
    assert not AgreementReminder.objects.exists()
    smtp.start()
    remind(days_before(169))
    assert len(smtp.messages) == 3
    assert thresholds_recorded(irkutsk) == [180]


def test_an_address_the_mail_server_refuses_keeps_the_reminder_from_no_one_else(
    smtp, managers, irkutsk
):
    smtp.refused.add("li@example.edu")
    out, err = io.StringIO(), io.StringIO()

    call_command("send_agreement_reminders", "--today", days_before(170), stdout=out, stderr=err)
    remind(days_before(169))

    assert [len(smtp.to(address)) for address in managers] == [1, 0, 1]
    assert thresholds_recorded(irkutsk) == [180]
    assert AgreementReminder.objects.get().recipients_list == [
        "anna@example.edu",
        "olga@example.edu",
    ]
    assert "refused li@example.edu" in err.getvalue()
    assert "1 reminder(s) sent, 2 e-mail(s)." in out.getvalue()


def test_when_the_mail_server_refuses_every_address_nothing_is_recorded(smtp, managers, irkutsk):
    smtp.refused.update(managers)
    with pytest.raises(CommandError, match="did not take"):
        remind(days_before(170))
    assert not AgreementReminder.objects.exists()


def test_a_dry_run_sends_and_records_nothing(smtp, managers, irkutsk, capsys):
    call_command("send_agreement_reminders", "--today", days_before(85), "--dry-run")
    assert "Would send the 90-day reminder" in capsys.readouterr().out
    assert smtp.messages == []
    assert not AgreementReminder.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"valid_until": None}, id="open-ended"),
        pytest.param({"valid_until": END - timedelta(days=200)}, id="ended"),
        pytest.param({"status_override": AgreementStatus.EXPIRED}, id="ended early"),
        pytest.param({"signed_on": None}, id="in preparation"),
        pytest.param(
            {"status_override": AgreementStatus.IN_FORCE, "valid_until": END - timedelta(days=200)},
            id="kept in force past its end date",
        ),
    ],
)
def test_an_agreement_not_in_force_with_an_end_date_gets_no_reminder(
    smtp, managers, irkutsk, changes
):
    for field, value in changes.items():
        setattr(irkutsk, field, value)
    irkutsk.save()
    for days in (170, 85, 25):
        remind(days_before(days))
    assert smtp.messages == []
    assert not AgreementReminder.objects.exists()


def test_the_output_says_what_was_sent_to_whom(smtp, managers, irkutsk, capsys):
    call_command("send_agreement_reminders", "--today", days_before(85))
    out = capsys.readouterr().out
    assert "Sent the 90-day reminder for Irkutsk National Research Technical University" in out
    assert "to 3 partner manager(s): anna@example.edu, li@example.edu, olga@example.edu" in out
    assert "1 reminder(s) sent, 3 e-mail(s)." in out


def test_a_date_that_is_not_a_date_is_refused_clearly(db):
    with pytest.raises(CommandError, match="give a date as YYYY-MM-DD, not '2026-13-01'"):
        call_command("send_agreement_reminders", "--today", "2026-13-01")


def test_a_date_at_the_end_of_the_calendar_is_refused_clearly(db):
    with pytest.raises(CommandError, match="give a date up to 9999-07-04"):
        call_command("send_agreement_reminders", "--today", "9999-12-31")


def send_then_record(reminder, users):
    """The naive order, as a control: two runs at once both send before either records."""
    with mailers.default as mail:
        mail.send_messages([message(reminder, user) for user in users])
    AgreementReminder.objects.create(
        agreement=reminder.agreement,
        threshold=reminder.threshold,
        valid_until=reminder.agreement.valid_until,
    )


def two_runs_at_once(sender, today):
    """Two threads (each with its own database connection) that both find the reminder
    due before either sends it, then send it."""
    both_read = threading.Barrier(2, timeout=30)
    errors = []

    def run():
        try:
            reminders = list(due_reminders(today))
            users = recipients()
            both_read.wait()
            for reminder in reminders:
                with contextlib.suppress(AlreadySent):
                    sender(reminder, users)
        except Exception as error:  # reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("threads with connections of their own need a server database")


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_send_each_message_once(on_postgresql, smtp, managers, irkutsk):
    errors = two_runs_at_once(send, END - timedelta(days=170))
    assert errors == []
    assert len(smtp.messages) == 3
    assert thresholds_recorded(irkutsk) == [180]


@pytest.mark.django_db(transaction=True)
def test_control_the_harness_catches_two_runs_that_both_send(
    on_postgresql, smtp, managers, irkutsk
):
    errors = two_runs_at_once(send_then_record, END - timedelta(days=170))
    assert len(smtp.messages) == 6
    assert len(errors) == 1  # the second row is refused, after its e-mails went


def test_the_command_configured_by_the_environment_fails_cleanly_then_sends(tmp_path, smtp):
    """A real run of manage.py: settings from DJANGO_EMAIL_*, a one-line error while
    the mail server is down, and the reminders once it is back."""
    with fresh_database(tmp_path) as database_url:
        env = site_environment(
            database_url,
            tmp_path,
            {
                "DJANGO_EMAIL_HOST": "127.0.0.1",
                "DJANGO_EMAIL_PORT": str(smtp.port),
                "DJANGO_DEFAULT_FROM_EMAIL": "intl@example.edu",
                "DJANGO_SITE_URL": SITE_URL,
            },
        )

        def manage(*args):
            return subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )

        assert manage("migrate", "-v", "0").returncode == 0
        setup = manage("shell", "--no-imports", "-c", SETUP)
        assert setup.returncode == 0, setup.stderr
        smtp.stop()
        down = manage("send_agreement_reminders", "--today", days_before(170))
        assert down.returncode == 1
        assert down.stderr.strip().startswith("CommandError: The mail server 127.0.0.1:")
        assert "Traceback" not in down.stderr
        smtp.start()
        up = manage("send_agreement_reminders", "--today", days_before(170))
        assert up.returncode == 0, up.stderr
        assert "1 reminder(s) sent, 1 e-mail(s)." in up.stdout
        assert [recipients for recipients, _message in smtp.messages] == [["anna@example.edu"]]


SETUP = f"""
import datetime
from django.contrib.auth.models import Group, User
from partners.models import Agreement, Institution
user = User.objects.create_user("anna", "anna@example.edu")
user.groups.add(Group.objects.get(name="Partner managers"))
institution = Institution.objects.create(name="Irkutsk", slug="irkutsk", city="Irkutsk", country="RU")
Agreement.objects.create(institution=institution, kind="memorandum",
    signed_on=datetime.date(2021, 5, 26), valid_until=datetime.date.fromisoformat("{END}"))
"""


def test_partner_managers_see_the_reminders_sent_and_cannot_change_them(
    smtp, managers, irkutsk, partner_manager_client
):
    remind(days_before(85))
    reminder = AgreementReminder.objects.get(threshold=90)
    changelist = partner_manager_client.get(reverse("admin:partners_agreementreminder_changelist"))
    assert changelist.status_code == 200
    assert "Irkutsk National Research Technical University" in changelist.text
    assert "90 days before" in changelist.text
    assert "180 days before · passed over" in changelist.text
    detail = partner_manager_client.get(
        reverse("admin:partners_agreementreminder_change", args=[reminder.pk])
    )
    assert "olga@example.edu" in detail.text
    assert 'name="_save"' not in detail.text
    add = partner_manager_client.get(reverse("admin:partners_agreementreminder_add"))
    assert add.status_code == 403


def test_the_institution_form_says_when_each_agreements_last_reminder_went_out(
    smtp, managers, irkutsk, admin_client
):
    form = reverse("admin:partners_institution_change", args=[irkutsk.institution_id])
    assert "none sent yet" in admin_client.get(form).text
    remind(days_before(85))
    sent_at = AgreementReminder.objects.get(outcome=ReminderOutcome.SENT).sent_at
    shown = f"{date_format(localtime(sent_at), 'DATETIME_FORMAT')} (90 days before)"
    assert shown in admin_client.get(form).text


def test_a_staff_members_language_for_e_mails_is_chosen_in_the_user_form(
    admin_client, django_user_model
):
    user = make_user(django_user_model, "olga")
    form = reverse("admin:auth_user_change", args=[user.pk])
    assert "language for e-mails" in admin_client.get(form).text.lower()
    response = admin_client.post(
        form,
        {
            "username": "olga",
            "email": "olga@example.edu",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
            "groups": [Group.objects.get(name=GROUP_NAME).pk],
            "staff_preferences-TOTAL_FORMS": "1",
            "staff_preferences-INITIAL_FORMS": "0",
            "staff_preferences-MIN_NUM_FORMS": "0",
            "staff_preferences-MAX_NUM_FORMS": "1",
            "staff_preferences-0-email_language": "ru",
        },
    )
    assert response.status_code == 302, response.text
    user.refresh_from_db()
    assert StaffPreferences.email_language_of(user) == "ru"


def test_an_agreement_ending_today_without_a_reminder_gets_one_that_says_so(
    smtp, managers, irkutsk
):
    remind(END.isoformat())
    [english] = smtp.to("anna@example.edu")
    assert english["Subject"] == (
        "The agreement with Irkutsk National Research Technical University ends today "
        "(30 June 2026)"
    )
    assert thresholds_recorded(irkutsk) == [30]
    remind((END + timedelta(days=1)).isoformat())
    assert len(smtp.messages) == 3
