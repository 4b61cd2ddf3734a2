"""Sharing a release in Chromium: copying its link, the system share sheet where the
browser has one, the QR code, and the page without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.news.conftest import make_news_release
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Stands in for the share sheet Chromium has on phones and some desktops but not
# headless on Linux: it records what the page asked to share.
FAKE_SHARE_SHEET = """
window.__shared = [];
navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
"""
NO_CLIPBOARD = "Object.defineProperty(navigator, 'clipboard', {value: undefined});"


@pytest.fixture
def release(db):
    return make_news_release(title="Exchange week")


@pytest.fixture
def open_release(browser, live_server, release):
    """Open the release in a fresh context made with `options`; gives the page."""
    contexts = []

    def open_with(init_script=None, **options):
        context = browser.new_context(base_url=live_server.url, user_agent=BROWSER, **options)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(release.get_absolute_url())
        return page

    yield open_with
    for context in contexts:
        context.close()


def test_copy_link_puts_the_release_address_on_the_clipboard(open_release, live_server, release):
    page = open_release(permissions=["clipboard-read", "clipboard-write"])
    address = live_server.url + release.get_short_url()
    expect(page.get_by_label("Link to this release")).to_have_value(address)

    page.get_by_role("button", name="Copy link").click()

    expect(page.locator(".share-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_without_a_clipboard_copy_link_selects_the_address_for_the_reader(open_release):
    page = open_release(init_script=NO_CLIPBOARD)

    page.get_by_role("button", name="Copy link").click()

    field = page.get_by_label("Link to this release")
    expect(field).to_be_focused()
    expect(page.locator(".share-status")).to_contain_text("Ctrl+C")
    selected = field.evaluate("f => f.value.slice(f.selectionStart, f.selectionEnd)")
    assert selected == field.input_value()


def test_the_share_button_is_hidden_where_the_browser_has_no_share_sheet(open_release):
    page = open_release()
    if page.evaluate("typeof navigator.share") == "function":
        pytest.skip("this Chromium has a share sheet")

    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    expect(page.locator("[data-share-native]")).to_be_hidden()


def test_the_share_button_opens_the_share_sheet_with_the_release(
    open_release, live_server, release
):
    page = open_release(init_script=FAKE_SHARE_SHEET)

    page.get_by_role("button", name="Share…").click()

    shared = page.evaluate("window.__shared")
    assert shared == [{"title": "Exchange week", "url": live_server.url + release.get_short_url()}]


def test_the_share_buttons_are_big_enough_to_touch(open_release):
    page = open_release(init_script=FAKE_SHARE_SHEET, viewport={"width": 320, "height": 640})

    for name in ("Copy link", "Share…"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["height"] >= 44


def test_without_javascript_the_link_and_qr_code_show_and_the_buttons_do_not(open_release):
    page = open_release(java_script_enabled=False)

    expect(page.get_by_label("Link to this release")).to_be_visible()
    expect(page.locator(".share svg.qr-code")).to_be_visible()
    expect(page.get_by_text("Scan with WeChat to share")).to_be_visible()
    expect(page.locator(".share button")).to_have_count(2)
    for button in page.locator(".share button").all():
        expect(button).to_be_hidden()


def test_sharing_a_release_asks_nothing_of_another_origin(browser, live_server, release):
    context = browser.new_context(
        base_url=live_server.url,
        user_agent=BROWSER,
        permissions=["clipboard-read", "clipboard-write"],
    )
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(release.get_absolute_url())
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".share-status")).to_have_text("Link copied.")
    context.close()

    assert any(url.endswith("/static/js/share.js") for url in requested)
    assert [url for url in requested if not url.startswith(live_server.url + "/")] == []
