"""Beacon counting (settings.VIEW_COUNTING = "beacon"): the release page counts nothing
as it is served and any cache may keep it; the page's script, or its <noscript>
image, reports the visit to endpoints that count it as a page served in "server"
mode would. And "server" mode, the default, is left as it was."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from news.models import DailyViews, NewsRelease
from tests.counting import counting_statements
from tests.user_agents import BROWSER

from .conftest import make_news_release, visit

pytestmark = pytest.mark.django_db

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture
def beacon(settings):
    settings.VIEW_COUNTING = "beacon"


def reader():
    """A browser of its own: no cookie of another reader's visits."""
    return Client(HTTP_USER_AGENT=BROWSER)


def report(client, release, prefix="", **headers):
    return client.post(f"{prefix}/news/{release.pk}/visit", **headers)


def pixel(client, release, prefix="", **headers):
    return client.get(f"{prefix}/news/{release.pk}/visit.gif", **headers)


def views_of(release):
    release.refresh_from_db()
    return release.view_count


def test_in_beacon_mode_the_release_page_counts_nothing_and_any_cache_may_keep_it(
    beacon, settings, release
):
    response = visit(reader(), release)
    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={settings.PUBLIC_PAGE_SECONDS}"
    assert not response.cookies
    assert "<!-- live -->" not in response.text
    assert '<span class="views">0 views</span>' in response.text
    assert views_of(release) == 0


def test_in_beacon_mode_the_page_names_its_reporting_addresses_in_its_language(beacon, release):
    html = reader().get(f"/ru{release.get_absolute_url()}", HTTP_USER_AGENT=BROWSER).text
    assert f'data-visit-url="/ru/news/{release.pk}/visit"' in html
    assert re.search(r'<script src="/static/js/visit\.js" defer></script>', html)
    assert (
        f'<noscript><img class="visit-pixel" src="/ru/news/{release.pk}/visit.gif" alt="" '
        'width="1" height="1"></noscript>'
    ) in html


def test_in_server_mode_the_page_counts_itself_and_names_no_reporting_address(release):
    response = visit(reader(), release)
    assert "private" in response["Cache-Control"]
    assert "data-visit-url" not in response.text
    assert "visit.js" not in response.text
    assert "visit.gif" not in response.text
    assert views_of(release) == 1


def test_in_beacon_mode_the_cached_release_page_takes_no_query(
    beacon, release, django_assert_num_queries
):
    visit(reader(), release)
    with django_assert_num_queries(0):
        response = visit(reader(), release)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    assert views_of(release) == 0


def test_in_beacon_mode_a_staff_preview_is_never_cached_uncounted_and_reports_nothing(
    beacon, admin_client
):
    draft = make_news_release(status=NewsRelease.Status.DRAFT)
    response = visit(admin_client, draft)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "data-visit-url" not in response.text
    assert "visit.gif" not in response.text
    assert views_of(draft) == 0


@pytest.mark.parametrize(
    "prefix, language, text",
    [("", "en", "1 view"), ("/zh-hans", "zh-hans", "浏览 1 次"), ("/ru", "ru", "1 просмотр")],
)
def test_a_reported_visit_counts_in_the_pages_language_and_answers_the_count_as_the_page_says_it(
    beacon, release, prefix, language, text
):
    response = report(reader(), release, prefix)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"views": 1, "text": text}
    assert views_of(release) == 1
    assert list(DailyViews.objects.values_list("language", "views")) == [(language, 1)]


def test_the_answer_uses_the_pages_plural_forms(beacon):
    release = make_news_release(view_count=10)
    assert report(reader(), release, "/ru").json() == {"views": 11, "text": "11 просмотров"}
    assert report(reader(), release).json()["text"] == "12 views"


def test_a_browser_reporting_again_within_the_window_adds_nothing(beacon, release):
    client = reader()
    first = report(client, release)
    assert "read" in first.cookies
    assert report(client, release).json()["views"] == 1
    assert pixel(client, release).status_code == 200
    assert report(reader(), release).json()["views"] == 2
    assert views_of(release) == 2


def test_the_image_counts_a_visit_once_and_tells_the_browser(beacon, release):
    client = reader()
    response = pixel(client, release, "/zh-hans", HTTP_SEC_FETCH_DEST="image")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["Cache-Control"] == "no-store"
    assert "read" in response.cookies
    # No session was read: nothing in the answer depends on one.
    assert not response.has_header("Vary")
    assert pixel(client, release).status_code == 200
    assert views_of(release) == 1
    assert list(DailyViews.objects.values_list("language", flat=True)) == ["zh-hans"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": GOOGLEBOT},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Baiduspider/2.0)"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_PURPOSE": "prefetch"},
    ],
    ids=["googlebot", "baiduspider", "no agent", "sec-purpose prefetch", "purpose prefetch"],
)
def test_crawlers_and_prefetches_are_not_counted_by_either_report(beacon, release, headers):
    assert report(reader(), release, **headers).json() == {"views": 0, "text": "0 views"}
    assert pixel(reader(), release, **headers).status_code == 200
    assert views_of(release) == 0


def test_a_head_request_for_the_image_is_not_counted(beacon, release):
    assert reader().head(f"/news/{release.pk}/visit.gif").status_code == 200
    assert views_of(release) == 0


def test_another_site_cannot_have_its_readers_counted(beacon, release):
    assert report(reader(), release, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert pixel(reader(), release, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert views_of(release) == 0
    assert report(reader(), release, HTTP_SEC_FETCH_SITE="same-origin").status_code == 200
    assert views_of(release) == 1


@pytest.mark.parametrize("destination", ["document", "iframe", "script", "empty"])
def test_the_image_counts_only_when_loaded_as_an_image(beacon, release, destination):
    assert pixel(reader(), release, HTTP_SEC_FETCH_DEST=destination).status_code == 403
    assert views_of(release) == 0


def test_the_report_needs_no_csrf_token(beacon, release):
    client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER)
    assert report(client, release).status_code == 200
    assert views_of(release) == 1


def test_the_report_is_a_post_and_the_image_a_get(beacon, release):
    assert reader().get(f"/news/{release.pk}/visit").status_code == 405
    assert reader().post(f"/news/{release.pk}/visit.gif").status_code == 405
    assert views_of(release) == 0


@pytest.mark.parametrize(
    "status, offset",
    [(NewsRelease.Status.DRAFT, -1), (NewsRelease.Status.PUBLISHED, +1)],
    ids=["draft", "scheduled"],
)
def test_only_published_releases_are_counted(beacon, status, offset):
    release = make_news_release(status=status, release_time=timezone.now() + timedelta(offset))
    assert report(reader(), release).status_code == 404
    assert pixel(reader(), release).status_code == 404
    assert views_of(release) == 0


def test_an_unknown_release_is_not_found(beacon, db):
    assert reader().post("/news/999/visit").status_code == 404
    assert reader().get("/news/999/visit.gif").status_code == 404


def test_an_id_too_large_for_the_database_is_not_found_never_an_error(beacon, db):
    # It matches no address of a release (see core/converters.py).
    huge = "9" * 30
    assert reader().post(f"/news/{huge}/visit").status_code in {301, 404}
    assert reader().get(f"/news/{huge}/visit.gif", follow=True).status_code == 404


def test_in_server_mode_the_reporting_addresses_are_not_found_and_count_nothing(release):
    assert report(reader(), release).status_code == 404
    assert pixel(reader(), release).status_code == 404
    assert views_of(release) == 0


def test_a_release_with_the_slug_visit_keeps_its_page(beacon):
    release = make_news_release(slug="visit")
    assert visit(reader(), release).status_code == 200


def test_a_counted_report_takes_two_queries_and_one_not_counted_one(
    beacon, release, django_assert_num_queries
):
    # The count's UPDATE (bringing back the total) and the day's upsert.
    with django_assert_num_queries(len(counting_statements())):
        report(reader(), release)
    with django_assert_num_queries(1):
        report(reader(), release, HTTP_USER_AGENT=GOOGLEBOT)


def test_robots_txt_keeps_crawlers_off_the_reporting_addresses(client):
    robots = client.get("/robots.txt").text
    assert "Disallow: /*/visit$\n" in robots
    assert "Disallow: /*/visit.gif$\n" in robots
