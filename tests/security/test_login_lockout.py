"""Admin login lockout (django-axes): repeated failures lock one account for one client
address for a cool-off period, and failures against many accounts lock the address as
a whole, with a clear message; the count lives in the database, staff unlock from the
admin, and parallel attempts do not slip past either limit."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from core.security import client_ip
from tests.server import running_site

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"
LIMIT = 5
ADDRESS_LIMIT = 30


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, password, username="editor", address="203.0.113.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail_until_locked(client, **kwargs):
    return [log_in(client, "wrong password", **kwargs).status_code for _ in range(LIMIT)]


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


# Which address is the client's


def request_from(remote_addr, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return RequestFactory().post(LOGIN, REMOTE_ADDR=remote_addr, headers=headers)


def test_without_a_declared_proxy_the_forwarded_address_is_ignored(settings):
    settings.BEHIND_TLS_PROXY = False

    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_declared_proxy_the_address_it_appended_is_the_clients(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1

    # The left-most entries are whatever the client sent; the proxy appends the real one.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def test_behind_two_declared_proxies_the_second_entry_from_the_right_is_the_clients(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.1")) == "198.51.100.1"


@pytest.mark.parametrize("forwarded_for", ["", "not-an-address", " , "])
def test_a_missing_or_malformed_forwarded_address_falls_back_to_the_proxy(settings, forwarded_for):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("10.0.0.2", forwarded_for)) == "10.0.0.2"


@pytest.mark.django_db
def test_a_client_cannot_escape_the_lockout_by_forging_x_forwarded_for(client, editor, settings):
    settings.BEHIND_TLS_PROXY = True
    for forged in range(LIMIT):
        log_in(
            client,
            "wrong",
            address="10.0.0.2",
            **{"X-Forwarded-For": f"1.1.1.{forged}, 203.0.113.7"},
        )

    response = log_in(
        client, PASSWORD, address="10.0.0.2", **{"X-Forwarded-For": "9.9.9.9, 203.0.113.7"}
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_without_a_declared_proxy_forged_forwarded_addresses_do_not_help_either(client, editor):
    for forged in range(LIMIT):
        log_in(client, "wrong", **{"X-Forwarded-For": f"1.1.1.{forged}"})

    assert log_in(client, PASSWORD, **{"X-Forwarded-For": "9.9.9.9"}).status_code == 429


# One address against many accounts (password spraying)


@pytest.fixture
def accounts(settings, django_user_model):
    """Staff accounts enough to spray past the address's limit (a fast hasher: only the
    number of attempts matters here)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return [
        django_user_model.objects.create_user(
            username=f"staff{number:02}", password=PASSWORD, is_staff=True, is_superuser=True
        ).username
        for number in range(ADDRESS_LIMIT + 1)
    ]


def spray(client, usernames, **kwargs):
    """One wrong password against each account: statuses."""
    return [
        log_in(client, "wrong password", username=name, **kwargs).status_code for name in usernames
    ]


@pytest.mark.django_db
def test_one_address_failing_against_many_accounts_is_locked_out_at_the_address_limit(
    client, accounts
):
    statuses = spray(client, accounts[:ADDRESS_LIMIT])

    # The limit-th failure is answered with the lockout page already.
    assert statuses == [200] * (ADDRESS_LIMIT - 1) + [429]
    response = log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT])
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "Please try again in 15 minutes, or ask an administrator to unlock it." in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_address_locked_out_for_spraying_leaves_other_addresses_alone(client, accounts):
    spray(client, accounts[:ADDRESS_LIMIT])
    assert log_in(client, PASSWORD, username=accounts[0]).status_code == 429

    elsewhere = {"username": accounts[0], "address": "198.51.100.20"}
    assert log_in(Client(), "wrong password", **elsewhere).status_code == 200
    assert log_in(Client(), PASSWORD, **elsewhere).status_code == 302


@pytest.mark.django_db
def test_an_ipv6_client_cannot_spray_from_a_new_address_of_its_network_each_time(client, accounts):
    # Any address of one /64 is one client: a fresh address for every guess gains nothing.
    statuses = [
        log_in(client, "wrong password", username=name, address=f"2001:db8:7:1::{number:x}")
        for number, name in enumerate(accounts[:ADDRESS_LIMIT], start=1)
    ]
    assert [response.status_code for response in statuses][-1] == 429
    assert (
        log_in(client, PASSWORD, username=accounts[0], address="2001:db8:7:1::beef").status_code
        == 429
    )

    neighbour = {"username": accounts[0], "address": "2001:db8:7:2::1"}
    assert log_in(Client(), PASSWORD, **neighbour).status_code == 302


@pytest.mark.django_db
def test_the_people_behind_one_campus_address_do_not_reach_the_address_limit(accounts):
    # A control: ten colleagues behind one NAT address each mistype twice, then log in.
    for name in accounts[:10]:
        colleague = Client()
        assert spray(colleague, [name, name]) == [200, 200]
        assert log_in(colleague, PASSWORD, username=name).status_code == 302


@pytest.mark.django_db
def test_an_address_lockout_ends_after_the_cool_off_period(client, accounts):
    spray(client, accounts[:ADDRESS_LIMIT])
    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.latest("attempt_time").attempt_time
        - timedelta(minutes=16)
    )

    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 302


@pytest.mark.django_db
def test_staff_unlock_an_address_with_a_command(client, accounts):
    spray(client, accounts[:ADDRESS_LIMIT])
    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 429

    call_command("axes_reset_ip", "203.0.113.7", verbosity=0)

    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 302


@pytest.mark.django_db
def test_behind_a_declared_proxy_the_forwarded_address_is_the_one_locked_out(
    client, accounts, settings
):
    settings.BEHIND_TLS_PROXY = True
    for number, name in enumerate(accounts[:ADDRESS_LIMIT]):
        # Whatever the sprayer writes on the left, the proxy appends its real address.
        forwarded = {"X-Forwarded-For": f"1.1.1.{number}, 203.0.113.7"}
        log_in(client, "wrong password", username=name, address="10.0.0.2", **forwarded)

    via_proxy = {"username": accounts[ADDRESS_LIMIT], "address": "10.0.0.2"}
    sprayer = log_in(client, PASSWORD, **via_proxy, **{"X-Forwarded-For": "9.9.9.9, 203.0.113.7"})
    colleague = log_in(Client(), PASSWORD, **via_proxy, **{"X-Forwarded-For": "198.51.100.20"})
    assert sprayer.status_code == 429
    assert colleague.status_code == 302


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


# Parallel attempts against real server processes


CREATE_EDITOR = f"""
from django.contrib.auth.models import User
User.objects.create_user("editor", password="{PASSWORD}", is_staff=True, is_superuser=True)
"""


class LoginForm:
    """One visitor's CSRF cookie and token, shared by every attempt it makes."""

    def __init__(self, site):
        with urllib.request.urlopen(site.url + LOGIN, timeout=30) as response:
            page = response.read().decode()
            cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        self.site = site
        self.cookie = cookie
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def attempt(self, password, username="editor"):
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": self.token}
        ).encode()
        request = urllib.request.Request(
            self.site.url + LOGIN, data=data, headers={"Cookie": self.cookie}
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def attempt_all_at_once(form, passwords, usernames=None):
    usernames = usernames or ["editor"] * len(passwords)
    barrier = threading.Barrier(len(passwords))

    def attempt(password, username):
        barrier.wait()
        return form.attempt(password, username)

    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(pool.map(attempt, passwords, usernames))


def failures_recorded(site):
    return int(
        site.shell(
            "from axes.models import AccessAttempt; "
            "print(sum(AccessAttempt.objects.values_list('failures_since_start', flat=True)))"
        )
    )


def password_checks(path):
    return len(path.read_text().splitlines()) if path.exists() else 0


@contextmanager
def counting_site(tmp_path, serialised=True, **env):
    checks = tmp_path / "password-checks"
    extra_env = {
        "TEST_PASSWORD_CHECKS_FILE": str(checks),
        "TEST_UNSERIALISED_LOGINS": "0" if serialised else "1",
        **env,
    }
    wsgi = "tests.security.counting_login_wsgi"
    with running_site(tmp_path, workers=4, wsgi=wsgi, extra_env=extra_env) as site:
        site.shell(CREATE_EDITOR)
        yield site, checks


@pytest.mark.server
def test_parallel_wrong_passwords_get_exactly_the_limit_of_tries_across_processes(tmp_path):
    with counting_site(tmp_path) as (site, checks):
        form = LoginForm(site)

        statuses = attempt_all_at_once(form, ["wrong password"] * 16)

        # The limit-th failure is answered with the lockout page already.
        assert sorted(statuses) == [200] * (LIMIT - 1) + [429] * (16 - LIMIT + 1)
        assert password_checks(checks) == LIMIT
        assert failures_recorded(site) == 16
        assert form.attempt(PASSWORD) == 429
        assert password_checks(checks) == LIMIT


@pytest.mark.server
def test_the_harness_sees_guesses_slip_past_when_logins_are_not_serialised(tmp_path):
    with counting_site(tmp_path, serialised=False) as (site, checks):
        attempt_all_at_once(LoginForm(site), ["wrong password"] * 16)

        assert password_checks(checks) > LIMIT


SPRAYED = [f"staff{number:02}" for number in range(16)]
CREATE_SPRAYED_ACCOUNTS = f"""
from django.contrib.auth.models import User
for name in {SPRAYED!r}:
    User.objects.create_user(name, password="{PASSWORD}", is_staff=True, is_superuser=True)
"""
SERVER_ADDRESS_LIMIT = 6


@pytest.mark.server
def test_parallel_wrong_passwords_against_many_accounts_get_exactly_the_address_limit(tmp_path):
    address_limit = {"DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT": str(SERVER_ADDRESS_LIMIT)}
    with counting_site(tmp_path, **address_limit) as (site, checks):
        site.shell(CREATE_SPRAYED_ACCOUNTS)
        form = LoginForm(site)

        statuses = attempt_all_at_once(form, ["wrong password"] * len(SPRAYED), SPRAYED)

        limit = SERVER_ADDRESS_LIMIT
        assert sorted(statuses) == [200] * (limit - 1) + [429] * (len(SPRAYED) - limit + 1)
        assert password_checks(checks) == limit
        assert form.attempt(PASSWORD, "editor") == 429
        assert password_checks(checks) == limit
