"""Integer settings read from the environment (intloffice/env.py env_int), checked in
fresh processes: empty means the default, anything but a whole number stops the site
with one line naming the variable."""

import json

import pytest

from tests.intloffice.test_configuration import manage, run_python

POSTGRES = "postgres://user:pw@db.internal:5432/office"
PROBE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
print(json.dumps({
    "DJANGO_CONN_MAX_AGE": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "DJANGO_PUBLIC_PAGE_SECONDS": settings.PUBLIC_PAGE_SECONDS,
    "DJANGO_TRUSTED_PROXY_COUNT": settings.TRUSTED_PROXY_COUNT,
    "DJANGO_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "DJANGO_LOGIN_FAILURE_LIMIT": settings.LOGIN_FAILURE_LIMIT,
    "DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
    "DJANGO_LOGIN_COOLOFF_MINUTES": settings.AXES_COOLOFF_TIME.total_seconds() / 60,
    "DJANGO_EMAIL_PORT": settings.MAILERS["default"]["OPTIONS"]["port"],
    "DJANGO_EMAIL_TIMEOUT": settings.MAILERS["default"]["OPTIONS"]["timeout"],
}))
"""
DEFAULTS = {
    "DJANGO_CONN_MAX_AGE": 60,
    "DJANGO_PUBLIC_PAGE_SECONDS": 5,
    "DJANGO_TRUSTED_PROXY_COUNT": 1,
    "DJANGO_HSTS_SECONDS": 365 * 24 * 60 * 60,
    "DJANGO_LOGIN_FAILURE_LIMIT": 5,
    "DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT": 30,
    "DJANGO_LOGIN_COOLOFF_MINUTES": 15,
    "DJANGO_EMAIL_PORT": 25,
    "DJANGO_EMAIL_TIMEOUT": 30,
}


def integer_settings(**env):
    result = run_python(PROBE, DJANGO_SECRET_KEY="k" * 50, DATABASE_URL=POSTGRES, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_unset_integer_settings_take_their_defaults():
    assert integer_settings() == DEFAULTS


def test_empty_integer_settings_take_their_defaults():
    assert integer_settings(**dict.fromkeys(DEFAULTS, "")) == DEFAULTS
    assert integer_settings(**dict.fromkeys(DEFAULTS, "  ")) == DEFAULTS


def test_integer_settings_come_from_the_environment():
    given = {name: str(number) for number, name in enumerate(DEFAULTS, start=2)}
    assert integer_settings(**{name: f" {value} " for name, value in given.items()}) == {
        name: int(value) for name, value in given.items()
    }


@pytest.mark.parametrize("name", DEFAULTS)
@pytest.mark.parametrize("value", ["five", "1.5"])
def test_an_integer_setting_that_is_not_a_whole_number_stops_with_a_one_line_message(name, value):
    result = manage("check", DJANGO_SECRET_KEY="k" * 50, DATABASE_URL=POSTGRES, **{name: value})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [f"Configuration error: {name} must be a whole number, not {value!r}."]
