"""Counting a reader's visit in Chromium, in both modes: "server" (the page counts as it
is served) and "beacon" (the page, kept by caches, reports the visit with its script,
or with its <noscript> image when JavaScript is off). A reload adds nothing; a
crawler counts in neither mode.

The live server runs in this process, so the `settings` fixture switches its mode."""

import pytest
from playwright.sync_api import expect

from tests.browser.csp_watch import CspWatch
from tests.news.conftest import make_news_release
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture
def release(db):
    return make_news_release(title="Exchange week", view_count=10)


@pytest.fixture
def new_reader(browser, live_server):
    """A browser of its own (made with `options`); gives a page in it, with its
    requests to the site noted in `page.requested`."""
    contexts = []

    def open_with(**options):
        options.setdefault("user_agent", BROWSER)
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        return page

    yield open_with
    for context in contexts:
        context.close()


def views_of(release):
    release.refresh_from_db()
    return release.view_count


def is_report(response):
    return response.url.endswith("/visit") and response.request.method == "POST"


def test_in_server_mode_a_reader_sees_the_count_with_its_visit_and_a_reload_adds_nothing(
    new_reader, release
):
    page = new_reader()
    page.goto(release.get_absolute_url())
    expect(page.locator(".news-release .views")).to_have_text("11 views")

    page.reload()

    expect(page.locator(".news-release .views")).to_have_text("11 views")
    assert views_of(release) == 11
    assert not [url for url in page.requested if "/visit" in url]


def test_in_beacon_mode_the_cacheable_page_reports_its_visit_and_shows_the_new_count(
    settings, new_reader, release
):
    settings.VIEW_COUNTING = "beacon"
    page = new_reader()
    csp = CspWatch(page)

    with page.expect_response(is_report) as report:
        response = page.goto(release.get_absolute_url())

    assert response.headers["cache-control"] == f"public, max-age={settings.PUBLIC_PAGE_SECONDS}"
    assert "set-cookie" not in response.headers
    assert report.value.json() == {"views": 11, "text": "11 views"}
    expect(page.locator(".news-release .views")).to_have_text("11 views")
    assert views_of(release) == 11

    with page.expect_response(is_report) as again:
        page.reload()

    assert again.value.json()["views"] == 11
    expect(page.locator(".news-release .views")).to_have_text("11 views")
    assert views_of(release) == 11
    # With script on, the <noscript> image is never asked for: no second count.
    assert not [url for url in page.requested if url.endswith("/visit.gif")]
    assert csp.violations == []


def test_in_beacon_mode_the_count_shown_is_in_the_pages_language(settings, new_reader, release):
    settings.VIEW_COUNTING = "beacon"
    page = new_reader()

    with page.expect_response(is_report):
        page.goto(f"/ru{release.get_absolute_url()}")

    expect(page.locator(".news-release .views")).to_have_text("11 просмотров")
    assert views_of(release) == 11


def test_in_beacon_mode_without_javascript_the_image_counts_the_visit_once(
    settings, new_reader, release
):
    settings.VIEW_COUNTING = "beacon"
    page = new_reader(java_script_enabled=False)

    page.goto(release.get_absolute_url(), wait_until="load")
    assert views_of(release) == 11
    page.reload(wait_until="load")

    assert views_of(release) == 11
    assert len([url for url in page.requested if url.endswith("/visit.gif")]) == 2
    assert not [url for url in page.requested if url.endswith("/visit.js")]


@pytest.mark.parametrize("mode", ["server", "beacon"])
def test_a_crawler_counts_in_neither_mode(settings, new_reader, release, mode):
    settings.VIEW_COUNTING = mode
    page = new_reader(user_agent=GOOGLEBOT)

    page.goto(release.get_absolute_url(), wait_until="networkidle")

    expect(page.locator(".news-release .views")).to_have_text("10 views")
    assert views_of(release) == 10
