"""Admin login lockout (django-axes): repeated failures lock one account for one client
address for a cool-off period, with a clear message; the count lives in the database
and staff unlock from the admin. Weak passwords are refused. Lockouts by address and
parallel attempts have modules of their own."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from .logins import LIMIT, PASSWORD, fail_until_locked, log_in


@pytest.mark.django_db
def test_wrong_passwords_are_answered_with_the_login_form_until_the_limit(client, editor):
    responses = [log_in(client, "wrong password") for _ in range(LIMIT - 1)]

    assert [response.status_code for response in responses] == [200] * (LIMIT - 1)
    assert "Please enter the correct username and password" in responses[-1].text


@pytest.mark.django_db
def test_after_the_limit_even_the_right_password_is_refused_with_a_clear_message(client, editor):
    assert fail_until_locked(client)[-1] == 429

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "Please try again in 15 minutes, or ask an administrator to unlock it." in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lockout_is_stored_in_the_database(client, editor):
    fail_until_locked(client)

    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.ip_address == "203.0.113.7"
    assert attempt.failures_since_start == LIMIT
    assert "wrong password" not in attempt.post_data


@pytest.mark.django_db
def test_the_lockout_keys_on_the_account_and_the_client_address_together(client, editor):
    fail_until_locked(client)

    assert log_in(client, PASSWORD, address="198.51.100.20").status_code == 302
    other = Client()
    assert log_in(other, "wrong", username="someone-else").status_code == 200


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off_period(client, editor):
    fail_until_locked(client)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_successful_login_clears_earlier_failures(client, editor):
    for _ in range(LIMIT - 1):
        log_in(client, "wrong password")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()

    assert [log_in(client, "wrong password").status_code for _ in range(LIMIT - 1)] == [200] * (
        LIMIT - 1
    )


@pytest.mark.django_db
def test_staff_unlock_an_account_from_the_admin(client, admin_client, editor):
    fail_until_locked(client)
    attempt = AccessAttempt.objects.get(username="editor")

    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "editor" in changelist.text
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302

    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_authenticating_outside_a_request_still_works(editor):
    from django.contrib.auth import authenticate

    assert authenticate(username="editor", password=PASSWORD) == editor


# Passwords


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("48151623424815", "This password is entirely numeric."),
        ("editor-account", "The password is too similar to the username."),
    ],
)
def test_weak_passwords_are_refused_by_the_validators(django_user_model, password, message):
    user = django_user_model(username="editor-account")

    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)

    assert message in refused.value.messages


@pytest.mark.django_db
def test_the_admins_password_change_form_refuses_a_weak_password(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[admin_user.pk]),
        {"password1": "12345678", "password2": "12345678", "usable_password": "true"},
    )

    assert response.status_code == 200
    assert "This password is too common." in response.text
