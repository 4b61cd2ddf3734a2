"""Configuration read from the environment, checked in fresh processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def run_python(code, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_off_without_a_secret_key_stops_with_a_one_line_message():
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr


def test_debug_is_off_unless_asked_for():
    result = manage("diffsettings", "--all", DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert "DEBUG = False" in result.stdout


def test_debug_on_runs_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


PROBE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({"engine": db["ENGINE"], "name": str(db["NAME"]),
    "options": {k: str(v) for k, v in db.get("OPTIONS", {}).items()},
    "tz": settings.TIME_ZONE, "hosts": settings.ALLOWED_HOSTS,
    "media": str(settings.MEDIA_ROOT), "cache": settings.CACHES["default"]["BACKEND"],
    "caches": {alias: {"backend": cache["BACKEND"].rsplit(".", 1)[1],
                       "location": str(cache["LOCATION"]),
                       "prefix": cache.get("KEY_PREFIX", ""),
                       "max_entries": cache.get("OPTIONS", {}).get("MAX_ENTRIES")}
               for alias, cache in settings.CACHES.items()},
    "login_limits": [settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_ADDRESS_FAILURE_LIMIT]}))
"""


def probe(**env):
    result = run_python(PROBE, DJANGO_SECRET_KEY="k" * 50, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_sqlite_under_var_shanghai_time_and_local_hosts():
    found = probe()
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"] == str(BASE_DIR / "var" / "db.sqlite3")
    assert found["tz"] == "Asia/Shanghai"
    assert found["hosts"] == ["localhost", "127.0.0.1", "[::1]"]


def test_sqlite_is_set_up_for_several_server_processes():
    options = probe()["options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout" in options["init_command"]


def test_rendered_pages_have_a_bounded_file_cache_apart_from_the_content_state():
    caches = probe()["caches"]
    assert caches["pages"]["backend"] == caches["default"]["backend"] == "FileBasedCache"
    assert caches["pages"]["location"] == str(BASE_DIR / "var" / "cache" / "pages")
    assert caches["default"]["location"] == str(BASE_DIR / "var" / "cache" / "default")
    assert caches["pages"]["max_entries"] == 1000
    assert caches["default"]["max_entries"] == sys.maxsize  # never culls


def test_with_redis_pages_and_the_content_state_share_it_under_their_own_prefixes():
    caches = probe(REDIS_URL="redis://127.0.0.1:6379/0")["caches"]
    assert {cache["backend"] for cache in caches.values()} == {"ResilientRedisCache"}
    assert {cache["location"] for cache in caches.values()} == {"redis://127.0.0.1:6379/0"}
    assert caches["pages"]["prefix"] == "pages"
    assert caches["default"]["prefix"] == ""


def test_login_limits_per_account_and_per_address_come_from_the_environment():
    assert probe()["login_limits"] == [5, 30]
    limits = probe(DJANGO_LOGIN_FAILURE_LIMIT="3", DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT="50")
    assert limits["login_limits"] == [3, 50]


def test_environment_variables_override_the_defaults(tmp_path):
    found = probe(
        DATABASE_URL="postgres://user:pw@db.internal:5432/office",
        DJANGO_TIME_ZONE="Europe/Moscow",
        DJANGO_ALLOWED_HOSTS="news.example.edu, www.example.edu",
        DJANGO_MEDIA_ROOT=str(tmp_path),
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "office"
    assert found["tz"] == "Europe/Moscow"
    assert found["hosts"] == ["news.example.edu", "www.example.edu"]
    assert found["media"] == str(tmp_path)
    assert found["cache"] == "core.cache.ResilientRedisCache"


HEALTH_PROBE = """
import django, json, os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
from django.test import Client
# No collectstatic in this throwaway process: name static files without the manifest.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client(raise_request_exception=False)
started = time.monotonic()
health = client.get("/healthz")
page = client.get("/")
print(json.dumps({"health": health.status_code, "body": json.loads(health.content),
    "page": page.status_code, "designed": "Something went wrong" in page.content.decode(),
    "seconds": time.monotonic() - started}))
"""


@pytest.mark.parametrize(
    "database_url",
    ["postgres://nobody@127.0.0.1:9/nothing", "sqlite:////nonexistent-folder/db.sqlite3"],
)
def test_healthz_answers_503_and_pages_show_the_error_page_when_the_database_is_unreachable(
    database_url,
):
    result = run_python(
        HEALTH_PROBE,
        DJANGO_SECRET_KEY="k" * 50,
        DATABASE_URL=database_url,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SSL_REDIRECT="0",
    )
    assert result.returncode == 0, result.stderr
    # The lines before the last are the site's own log records (JSON lines on stdout).
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["health"] == 503
    assert found["body"]["database"] == "unreachable"
    assert found["page"] == 500
    assert found["designed"]
    assert found["seconds"] < 10


MAIL_PROBE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
print(json.dumps({**settings.MAILERS["default"], "from": settings.DEFAULT_FROM_EMAIL,
    "site": settings.SITE_URL}))
"""


def mail_settings(**env):
    result = run_python(MAIL_PROBE, DJANGO_SECRET_KEY="k" * 50, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_e_mail_goes_through_the_smtp_server_the_environment_names():
    mailer = mail_settings(
        DJANGO_EMAIL_HOST="smtp.example.edu",
        DJANGO_EMAIL_USE_TLS="1",
        DJANGO_EMAIL_HOST_USER="intl",
        DJANGO_EMAIL_HOST_PASSWORD=" secret ",
        DJANGO_EMAIL_TIMEOUT="5",
        DJANGO_DEFAULT_FROM_EMAIL="intl@example.edu",
        DJANGO_SITE_URL="https://io.example.edu/",
    )
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "smtp.example.edu",
        "port": 587,
        "use_tls": True,
        "use_ssl": False,
        "username": "intl",
        "password": " secret ",
        "timeout": 5,
    }
    assert mailer["from"] == "intl@example.edu"
    assert mailer["site"] == "https://io.example.edu"


def test_e_mail_defaults_to_the_machines_own_mail_server_and_to_the_console_in_debug():
    production = mail_settings()
    assert production["OPTIONS"]["host"] == "localhost"
    assert production["OPTIONS"]["port"] == 25
    assert mail_settings(DJANGO_EMAIL_USE_SSL="1")["OPTIONS"]["port"] == 465
    debug = mail_settings(DJANGO_DEBUG="1")
    assert debug["BACKEND"] == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DJANGO_EMAIL_USE_TLS": "1", "DJANGO_EMAIL_USE_SSL": "1"}, "DJANGO_EMAIL_USE_SSL"),
        ({"DJANGO_EMAIL_PORT": "smtp"}, "DJANGO_EMAIL_PORT"),
        ({"DJANGO_SITE_URL": "io.example.edu"}, "DJANGO_SITE_URL"),
    ],
)
def test_a_wrong_e_mail_setting_stops_the_site_with_a_one_line_message(env, named):
    result = manage("check", DJANGO_SECRET_KEY="k" * 50, **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "address", ["https://*", "https://cdn.example.edu 'unsafe-inline'", "https://a.edu;script-src"]
)
def test_a_public_media_address_that_would_widen_the_content_security_policy_is_refused(
    monkeypatch, address
):
    from django.core.exceptions import ImproperlyConfigured

    from intloffice.env import env_public_media_url

    monkeypatch.setenv("DJANGO_S3_PUBLIC_URL", address)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_S3_PUBLIC_URL must be an address"):
        env_public_media_url("DJANGO_S3_PUBLIC_URL", {"bucket_name": "media"})
    monkeypatch.setenv("DJANGO_S3_PUBLIC_URL", "https://media.example.edu:8443/intloffice")
    assert env_public_media_url("DJANGO_S3_PUBLIC_URL", {"bucket_name": "media"}) == (
        "https:",
        "media.example.edu:8443/intloffice",
    )
