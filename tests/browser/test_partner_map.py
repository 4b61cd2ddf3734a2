"""The directory's map in Chromium: it asks nothing of another origin, keeps the strict
CSP, fits a small phone, and the keyboard reaches its markers with a visible focus."""

import gzip
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from partners import demo

from .csp_watch import CspWatch

# serialized_rollback: keep what migrations created for the next test, since
# transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WEIGHED = {"document", "stylesheet", "script"}
FOCUS_RING = "rgb(242, 169, 0)"  # --focus in site.css
# The demo partners are in this many cities, each with one marker.
DEMO_CITIES = 10


@pytest.fixture
def partners(db):
    demo.load()


def open_directory(browser, live_server, width):
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    watch = CspWatch(page)
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto("/partners/", wait_until="networkidle")
    return context, page, watch, requests


@pytest.mark.parametrize("width", [320, 1280])
def test_the_map_asks_nothing_of_another_origin_keeps_the_csp_and_fits_the_screen(
    browser, live_server, partners, width
):
    context, page, watch, requests = open_directory(browser, live_server, width)
    try:
        origin = urlsplit(live_server.url)[:2]
        assert [r.url for r in requests if urlsplit(r.url)[:2] != origin] == []
        world_map = [r for r in requests if r.url.endswith(".svg") and "world-map" in r.url]
        assert len(world_map) == 1 and world_map[0].response().status == 200
        # The page, its styles and the world map, gzipped as a server would send them,
        # stay well under the 60 KB a first visit may weigh (tests/audit/test_weight.py).
        weighed = [r for r in requests if r.resource_type in WEIGHED or r in world_map]
        weight = sum(len(gzip.compress(r.response().body(), 6)) for r in weighed)
        assert weight < 40 * 1024, weight
        assert watch.violations == []
        markers = page.locator(".map-marker")
        expect(markers).to_have_count(DEMO_CITIES)
        # No sideways scrolling, and every marker's circle shows whole and tappable.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        canvas = page.locator(".partner-map-canvas").bounding_box()
        for index in range(DEMO_CITIES):
            circle = markers.nth(index).locator("circle.map-count:visible").bounding_box()
            assert circle["width"] >= 18
            assert canvas["x"] <= circle["x"] <= canvas["x"] + canvas["width"] - circle["width"]
            assert canvas["y"] <= circle["y"] <= canvas["y"] + canvas["height"] - circle["height"]
    finally:
        context.close()


def test_the_keyboard_reaches_every_marker_by_its_name_with_a_visible_focus(
    browser, live_server, partners
):
    context, page, watch, _ = open_directory(browser, live_server, 1280)
    try:
        # After the country filters, the map's markers, in the order of the countries.
        page.locator(".country-filter a").last.focus()
        names = []
        for _ in range(DEMO_CITIES):
            page.keyboard.press("Tab")
            focused = page.locator(".map-marker:focus")
            expect(focused).to_have_count(1)
            ring = focused.locator("circle.map-count:visible")
            assert ring.evaluate("circle => getComputedStyle(circle).stroke") == FOCUS_RING
            names.append(page.evaluate("document.activeElement.querySelector('title').textContent"))
        assert names[0] == "Hobart, Australia: 1 partner institution"
        assert "Irkutsk, Russia: 1 partner institution" in names
        page.keyboard.press("Tab")
        expect(page.locator(".map-marker:focus")).to_have_count(0)

        irkutsk = page.get_by_role("link", name="Irkutsk, Russia: 1 partner institution")
        expect(irkutsk).to_have_count(1)
        irkutsk.focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Irkutsk National Research Technical University")
        assert watch.violations == []
    finally:
        context.close()


def test_the_map_is_out_of_the_way_of_screen_readers_but_its_markers(
    browser, live_server, partners
):
    context, page, _, _ = open_directory(browser, live_server, 390)
    try:
        snapshot = page.locator(".partner-map").aria_snapshot()
        # The heading, the note and one link per city: no image without a name, no
        # marker's number read out beside its name.
        assert snapshot.count('link "') == DEMO_CITIES
        assert "img" not in snapshot
        assert 'link "Minsk, Belarus: 1 partner institution"' in snapshot
        assert "text:" not in snapshot
    finally:
        context.close()
