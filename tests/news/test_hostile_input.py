"""Stored XSS: hostile bodies, titles and bylines saved through the ORM and through
the admin are shown without anything a browser would execute."""

import html
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease
from tests.conftest import in_default_language
from tests.user_agents import BROWSER
from tests.xss import XSS_PAYLOADS, assert_page_runs_no_payload, executable_content

from .conftest import make_news_release

pytestmark = pytest.mark.django_db


def test_there_are_enough_hostile_payloads_and_the_checker_flags_them_unsanitized():
    assert len(XSS_PAYLOADS) >= 30
    flagged = [payload for payload in XSS_PAYLOADS if executable_content(payload)]
    assert len(flagged) >= 0.9 * len(XSS_PAYLOADS)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_body_saved_through_the_orm_renders_no_executable_content(client, payload):
    release = make_news_release(body=f"<p>Before</p>{payload}<p>After</p>")
    release.refresh_from_db()
    assert executable_content(release.body) == []
    response = client.get(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert_page_runs_no_payload(response.text)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_title_and_byline_are_escaped_everywhere(client, payload):
    release = make_news_release(title=f"T {payload}", author=payload[:100], summary=payload)
    for url in [release.get_absolute_url(), "/news/", "/"]:
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200, url
        assert_page_runs_no_payload(response.text)
    # The feed is well-formed XML (ET raises otherwise) whose one item carries the
    # hostile text as character data: no element grew out of the payload.
    feed = ET.fromstring(client.get(reverse("news:feed")).content)
    [item] = feed.iter("item")
    title, description = item.find("title"), item.find("description")
    assert title.text == release.title and len(title) == 0
    # Feed readers read a description, once the XML is decoded, as HTML: it must
    # decode to the summary as text, with nothing to execute.
    assert len(description) == 0
    assert executable_content(description.text) == []
    assert html.unescape(description.text) == release.summary
    for description in feed.iter("description"):
        assert executable_content(description.text or "") == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS[::4])
def test_hostile_search_queries_and_parameters_are_harmless(client, payload):
    make_news_release()
    response = client.get("/news/", {"q": payload, "year": payload, "page": payload})
    assert response.status_code == 200
    assert_page_runs_no_payload(response.text)


@pytest.mark.parametrize("payload", XSS_PAYLOADS[::3])
def test_hostile_body_saved_through_the_admin_renders_no_executable_content(admin_client, payload):
    response = admin_client.post(
        reverse("admin:news_newsrelease_add"),
        in_default_language(
            {
                "title": "Through the admin",
                "slug": "",
                "summary": "",
                "body": f"<p>Text</p>{payload}",
                "author": "闫倩倩",
                "status": "published",
                "release_time_0": timezone.localtime().strftime("%Y-%m-%d"),
                "release_time_1": "00:00:00",
                "cover_alt": "",
            }
        ),
    )
    assert response.status_code == 302, response.context["adminform"].errors
    release = NewsRelease.objects.get(title="Through the admin")
    assert executable_content(release.body) == []
    page = admin_client.get(release.get_absolute_url())
    assert_page_runs_no_payload(page.text)
