"""The production defaults, checked in fresh processes with debug off, and the HTTPS
switches through the test client."""

import json

import pytest

from tests.intloffice.test_configuration import manage, run_python

STRONG_SECRET_KEY = "k7#Qp2!vZ9@wL4$xR8%tB6^yN1&mJ3*hF5(dS0)gA-uE_oI+cV=bT~"
PRODUCTION = {"DJANGO_SECRET_KEY": STRONG_SECRET_KEY, "DJANGO_ALLOWED_HOSTS": "news.example.edu"}

SETTINGS_PROBE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
names = ["SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", "SECURE_REDIRECT_EXEMPT"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def production_settings(**env):
    result = run_python(SETTINGS_PROBE, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_check_deploy_reports_nothing_at_the_production_defaults():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_with_debug_off_the_site_redirects_to_https_sends_secure_cookies_and_hsts():
    found = production_settings()

    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SESSION_COOKIE_SECURE"] is True
    assert found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_HSTS_SECONDS"] == 31_536_000
    assert found["SECURE_REDIRECT_EXEMPT"] == ["^healthz$"]


def test_the_plain_http_switch_turns_off_the_redirect_secure_cookies_and_hsts_together():
    found = production_settings(DJANGO_SSL_REDIRECT="0")

    assert found["SECURE_SSL_REDIRECT"] is False
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["CSRF_COOKIE_SECURE"] is False
    assert found["SECURE_HSTS_SECONDS"] == 0


def test_x_forwarded_proto_is_trusted_only_behind_a_declared_tls_proxy():
    assert production_settings()["SECURE_PROXY_SSL_HEADER"] is None
    assert production_settings(DJANGO_BEHIND_TLS_PROXY="1")["SECURE_PROXY_SSL_HEADER"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_check_deploy_warns_when_https_is_switched_off():
    result = manage("check", "--deploy", **PRODUCTION, DJANGO_SSL_REDIRECT="0")

    assert "security.W008" in result.stderr + result.stdout


@pytest.fixture
def https_defaults(settings):
    """What the settings module gives with debug off (the test suite runs on HTTP)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    return settings


@pytest.mark.django_db
def test_a_plain_http_page_request_is_redirected_to_https(client, https_defaults):
    response = client.get("/news/?q=exchange")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/news/?q=exchange"


@pytest.mark.django_db
def test_the_health_check_answers_over_plain_http_for_load_balancers(client, https_defaults):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_https_responses_carry_hsts_for_a_year_with_subdomains(client, https_defaults):
    response = client.get("/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_forwarded_proto_from_a_declared_proxy_counts_as_https(client, https_defaults):
    https_defaults.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    assert client.get("/", headers={"X-Forwarded-Proto": "http"}).status_code == 301


@pytest.mark.django_db
def test_forwarded_proto_is_ignored_without_a_declared_proxy(client, https_defaults):
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 301


@pytest.mark.django_db
def test_admin_login_cookies_are_secure_and_http_only_over_https(
    client, https_defaults, admin_user
):
    client.get("/admin/login/", secure=True)
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "password", "csrfmiddlewaretoken": token},
        secure=True,
        headers={"Referer": "https://testserver/admin/login/"},
    )

    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        assert response.cookies[name]["secure"] is True, name
        assert response.cookies[name]["httponly"] is True, name
