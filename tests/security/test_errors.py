"""Designed error pages for 400, 403, 404 and 500, never a traceback to the public, and
server errors logged as one JSON line with the request path."""

import json
import logging

import pytest
from django.test import Client

from core.logs import JsonLinesFormatter
from tests.intloffice.test_configuration import run_python

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.crash_urls")]


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def test_a_server_error_shows_the_designed_page_without_details(visitor, office):
    response = visitor.get("/crash/")

    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "ZeroDivisionError" not in response.text
    assert "Traceback" not in response.text
    assert 'href="/static/css/site.css"' in response.text


def test_a_server_error_is_logged_with_the_request_path_and_the_traceback(visitor, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        visitor.get("/crash/?page=2")

    [record] = [r for r in caplog.records if r.name == "django.request"]
    entry = json.loads(JsonLinesFormatter().format(record))
    assert entry["level"] == "ERROR"
    assert entry["path"] == "/crash/"
    assert entry["method"] == "GET"
    assert entry["status"] == 500
    assert "ZeroDivisionError: a bug in a view" in entry["exception"]


SERVER_ERROR_PROBE = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
from django.test import Client
settings.ROOT_URLCONF = "tests.security.crash_urls"
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
response = Client(raise_request_exception=False).get("/crash/")
print("STATUS", response.status_code)
"""


def test_a_server_error_is_one_json_line_on_stdout_in_a_real_process(tmp_path):
    result = run_python(
        SERVER_ERROR_PROBE,
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "STATUS 500"
    entries = [json.loads(line) for line in lines[:-1]]
    [error] = [entry for entry in entries if entry["level"] == "ERROR"]
    assert error["logger"] == "django.request"
    assert error["path"] == "/crash/"
    assert "ZeroDivisionError" in error["exception"]
    assert "Traceback" not in result.stderr


REFUSAL_PROBE = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
visitor = Client(raise_request_exception=False, enforce_csrf_checks=True)
print("STATUS", visitor.get("/", headers={"Host": "evil.example"}).status_code)
print("STATUS", visitor.post("/admin/login/", "a=1&" * 1001,
    content_type="application/x-www-form-urlencoded",
    headers={"Cookie": "csrftoken=" + "a" * 32}).status_code)
"""


def test_a_refused_request_is_logged_as_a_warning_without_a_traceback(tmp_path):
    result = run_python(
        REFUSAL_PROBE,
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("STATUS")] == ["STATUS 400", "STATUS 400"]
    entries = [json.loads(line) for line in lines if line.startswith("{")]
    refusals = [entry for entry in entries if entry["logger"].startswith("django.security.")]
    assert [entry["logger"] for entry in refusals] == [
        "django.security.DisallowedHost",
        "django.security.TooManyFieldsSent",
    ]
    assert all(entry["level"] == "WARNING" and "exception" not in entry for entry in refusals)
    assert "evil.example" in refusals[0]["message"]


def test_a_post_to_a_missing_page_is_a_404_whatever_its_body():
    visitor = Client(raise_request_exception=False, enforce_csrf_checks=True)
    for body, content_type in [
        ("a=1&" * 1001, "application/x-www-form-urlencoded"),  # more fields than Django reads
        ("x", "multipart/form-data"),  # no boundary
    ]:
        response = visitor.post(
            "/no-such-page/",
            body,
            content_type=content_type,
            headers={"Cookie": "csrftoken=" + "a" * 32},
        )
        assert response.status_code == 404
        assert "Page not found" in response.text


def test_a_permission_error_shows_the_designed_403_page(visitor):
    response = visitor.get("/refuse/")

    assert response.status_code == 403
    assert "Access denied" in response.text


def test_a_bad_request_shows_the_designed_400_page(visitor):
    response = visitor.get("/bad-request/")

    assert response.status_code == 400
    assert "Bad request" in response.text


def test_an_unknown_host_gets_the_designed_400_page(visitor):
    response = visitor.get("/", headers={"Host": "evil.example"})

    assert response.status_code == 400
    assert "Bad request" in response.text
    assert "evil.example" not in response.text


def test_a_form_sent_without_its_csrf_token_gets_the_designed_403_page():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})

    assert response.status_code == 403
    assert "The form has expired" in response.text
    assert "CSRF" not in response.text


def test_a_staff_member_without_permission_gets_the_designed_403_page(staff_client):
    response = staff_client.get("/admin/news/newsrelease/")

    assert response.status_code == 403
    assert "Access denied" in response.text
