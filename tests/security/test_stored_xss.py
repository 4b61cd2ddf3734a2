"""Stored and reflected XSS beyond the news tests (tests/news/test_hostile_input.py):
partner names, other names, cities, descriptions and strengths, and hostile URL
parameters and paths on every public page."""

import urllib.parse

import pytest
from django.urls import reverse

from partners.models import Institution
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution
from tests.user_agents import BROWSER
from tests.xss import XSS_PAYLOADS, assert_page_runs_no_payload, executable_content

pytestmark = pytest.mark.django_db


def test_there_are_at_least_eighty_payloads():
    assert len(XSS_PAYLOADS) >= 80
    assert len(set(XSS_PAYLOADS)) == len(XSS_PAYLOADS)


def hostile_institution(index, payload):
    return make_institution(
        name=f"University {index} {payload}"[:200],
        other_names=f"{payload}\nИркутский {payload}",
        city=payload[:100],
        description=f"<p>Before</p>{payload}<p>After</p>",
        strengths=payload,
    )


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_hostile_partner_is_shown_without_anything_executable(client, payload):
    institution = hostile_institution(1, payload)
    make_news_release(title=f"News {payload}"[:255]).partners.add(institution)
    institution.refresh_from_db()

    assert executable_content(institution.description) == []
    for url in [institution.get_absolute_url(), "/partners/", "/"]:
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200, url
        assert_page_runs_no_payload(response.text)


def test_many_hostile_partners_share_the_directory_pages_harmlessly(client):
    for index, payload in enumerate(XSS_PAYLOADS):
        hostile_institution(index, payload)
    assert Institution.objects.count() == len(XSS_PAYLOADS)

    pages = (len(XSS_PAYLOADS) + 11) // 12
    for page in range(1, pages + 1):
        response = client.get("/partners/", {"page": page})
        assert response.status_code == 200
        assert_page_runs_no_payload(response.text)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_parameters_on_the_partner_directory_are_harmless(client, payload):
    make_institution()

    response = client.get(
        "/partners/", {"q": payload, "country": payload[:2], "sort": payload, "page": payload}
    )

    assert response.status_code == 200
    assert_page_runs_no_payload(response.text)


@pytest.mark.parametrize("payload", XSS_PAYLOADS[1::4])
def test_hostile_parameters_on_news_pages_and_the_home_page_are_harmless(client, payload):
    release = make_news_release()

    for url in ["/", "/news/", release.get_absolute_url()]:
        response = client.get(url, {"q": payload, "year": payload, "utm_source": payload})
        assert response.status_code == 200, url
        assert_page_runs_no_payload(response.text)


@pytest.mark.parametrize("payload", XSS_PAYLOADS[::5])
def test_a_hostile_slug_in_a_release_address_redirects_to_the_canonical_one_or_is_not_found(
    client, payload
):
    release = make_news_release()

    response = client.get(f"/news/{release.pk}/{urllib.parse.quote(payload, safe='')}/")

    # A slash inside the payload makes another path, which matches no page.
    if "/" in payload:
        assert response.status_code == 404
        assert_page_runs_no_payload(response.text)
    else:
        assert response.status_code == 301
        assert response["Location"] == release.get_absolute_url()


@pytest.mark.parametrize("payload", XSS_PAYLOADS[::5])
def test_a_hostile_path_gets_the_designed_404_page_without_the_payload(client, payload):
    for prefix in ["/", "/partners/", "/news/"]:
        response = client.get(prefix + urllib.parse.quote(payload, safe=""), follow=True)
        # APPEND_SLASH may redirect first, always within the site.
        assert all(
            url.startswith("/") and not url.startswith("//") for url, _ in response.redirect_chain
        )
        assert response.status_code == 404
        assert_page_runs_no_payload(response.text)


@pytest.mark.parametrize("payload", XSS_PAYLOADS[::7])
def test_a_hostile_search_in_the_admin_is_harmless(admin_client, payload):
    for url in [
        reverse("admin:news_newsrelease_changelist"),
        reverse("admin:partners_institution_changelist"),
    ]:
        response = admin_client.get(url, {"q": payload})
        assert response.status_code == 200
        assert "<script>alert" not in response.text
        assert "onerror=alert" not in response.text
