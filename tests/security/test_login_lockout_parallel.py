"""Parallel wrong passwords against real server processes get exactly the
account's and the address's limit of tries, no more."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from tests.server import running_site

from .logins import LIMIT, LOGIN, PASSWORD

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
