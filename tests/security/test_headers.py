"""Security headers on every kind of page: CSP without inline script, nosniff, referrer
policy, frame protection and a Permissions-Policy."""

import re

import pytest
from django.urls import reverse

from tests.xss import executable_content

pytestmark = pytest.mark.django_db

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@pytest.fixture
def page_urls(release, institution):
    return {
        "home": "/",
        "news list": "/news/",
        "news release": release.get_absolute_url(),
        "news search": "/news/?q=exchange",
        "feed": reverse("news:feed"),
        "partner directory": "/partners/",
        "partner": institution.get_absolute_url(),
        "missing page": "/no-such-page/",
        "admin login": "/admin/login/",
        "robots.txt": "/robots.txt",
        "sitemap": "/sitemap.xml",
    }


def test_every_kind_of_page_carries_the_strict_content_security_policy(client, page_urls):
    for name, url in page_urls.items():
        response = client.get(url)
        assert response.status_code in {200, 404}, name
        assert response["Content-Security-Policy"] == STRICT_CSP, name


EDITOR_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; style-src-attr 'unsafe-inline'"
)


def test_the_admins_editor_pages_add_only_data_images_and_style_attributes(
    admin_client, release, institution
):
    for url in [
        reverse("admin:news_newsrelease_add"),
        reverse("admin:news_newsrelease_change", args=[release.pk]),
        reverse("admin:partners_institution_change", args=[institution.pk]),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == EDITOR_CSP, url
        assert "script-src 'self';" in response["Content-Security-Policy"]


def test_a_past_version_of_a_release_shown_in_the_editor_gets_the_editors_policy(
    admin_client, release
):
    release.title = "Memorandum signed, revised"
    release.save()
    version = release.history.last()
    response = admin_client.get(f"/admin/news/newsrelease/{release.pk}/history/{version.pk}/")
    assert response.status_code == 200
    assert "data-rich-text" in response.text
    assert response["Content-Security-Policy"] == EDITOR_CSP


def test_other_admin_pages_keep_the_strict_policy(admin_client, office, release):
    for url in [
        reverse("admin:index"),
        reverse("admin:news_newsrelease_changelist"),
        reverse("admin:news_newsrelease_history", args=[release.pk]),
        # Add and change pages without the editor.
        reverse("admin:core_office_change", args=[office.pk]),
        reverse("admin:auth_user_add"),
        reverse("admin:partners_rankingsystem_add"),
        "/admin/password_change/",
    ]:
        assert admin_client.get(url)["Content-Security-Policy"] == STRICT_CSP, url


def test_the_policy_allows_no_inline_script_no_eval_and_no_nonce(client):
    policy = client.get("/")["Content-Security-Policy"]

    assert "unsafe" not in policy
    assert "nonce-" not in policy
    assert "strict-dynamic" not in policy


def test_every_page_forbids_sniffing_framing_and_leaking_the_referrer(client, page_urls):
    for name, url in page_urls.items():
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name


def test_every_page_denies_camera_microphone_geolocation_and_payment(client, page_urls):
    for name, url in page_urls.items():
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy, name


def test_public_pages_have_no_inline_script_or_event_handler(client, page_urls):
    for name, url in page_urls.items():
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.text)
        assert inline_scripts == [], name
        handlers = [found for found in executable_content(response.text) if " on" in found]
        assert handlers == [], name


def test_the_editor_page_starts_ckeditor_from_static_files_only(admin_client):
    response = admin_client.get(reverse("admin:news_newsrelease_add"))

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.text) == []
    assert "rich-text-editor.js" in response.text
