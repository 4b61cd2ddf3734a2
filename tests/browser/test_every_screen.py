"""Every public page type, in every language, on every common screen width: nothing
scrolls sideways, and what a finger taps is big enough."""

import io
import time

import pytest
from django.core.management import call_command
from django.test import Client

from tests.news.conftest import make_news_release
from tests.public_pages import LANGUAGE_PREFIXES, public_pages

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (320, 360, 390, 768, 1024, 1440)
LANGUAGES = tuple(LANGUAGE_PREFIXES)

# The element that reaches furthest past the right edge, ignoring what sits inside a
# container that scrolls on its own (a wide table in its scroll box is fine).
WIDEST_OFFENDER = """() => {
    const edge = window.innerWidth;
    const inScroller = (element) => {
        for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
            if (getComputedStyle(node).overflowX !== "visible") return true;
        }
        return false;
    };
    let worst = null;
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.right <= edge + 0.5 || box.width === 0 || inScroller(element)) continue;
        if (!worst || box.right > worst.right || (box.right === worst.right && box.width < worst.width)) {
            worst = {right: box.right, width: box.width, element};
        }
    }
    if (!worst) return "no element found";
    const element = worst.element;
    const classes = element.classList.length ? "." + [...element.classList].join(".") : "";
    const text = (element.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return `<${element.tagName.toLowerCase()}${classes}> right edge ${Math.round(worst.right)} px: "${text}"`;
}"""

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"

# What a finger taps: the header, the pagination, the filters and the forms' buttons.
# Links inside running text are exempt, as WCAG's target-size criterion allows.
TAP_TARGETS = ", ".join(
    [
        ".site-nav a",
        ".nav-submenu summary",
        ".language-switcher button",
        ".site-search button",
        ".pagination a",
        ".topic-chips a",
        ".year-archive a",
        ".country-filter a",
        "main form button",
    ]
)
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
    .filter((element) => element.checkVisibility())
    .map((element) => [element, element.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 - 0.01 || box.height < 44 - 0.01)
    .map(([element, box]) => `${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 30)}" `
        + `${Math.round(box.width * 10) / 10}x${Math.round(box.height * 10) / 10}`)"""


@pytest.fixture
def demo_pages(live_server):
    call_command("load_demo", stdout=io.StringIO())
    client = Client()

    def get(path):
        response = client.get(path)
        return response.status_code, response.content.decode()

    return {language: public_pages(get, language) for language in LANGUAGES}


def test_no_public_page_scrolls_sideways_at_any_common_width(browser, live_server, demo_pages):
    started = time.monotonic()
    overflows = []
    for width in WIDTHS:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 800}
        )
        tab = context.new_page()
        for language, pages in demo_pages.items():
            for name, path in pages.items():
                tab.goto(path)
                excess = tab.evaluate(OVERFLOW)
                if excess > 0:
                    offender = tab.evaluate(WIDEST_OFFENDER)
                    overflows.append(f"{language} {name} at {width} px: +{excess} px, {offender}")
        context.close()
    print(f"overflow check: {len(WIDTHS) * 3 * 12} pages in {time.monotonic() - started:.0f} s")
    assert not overflows, "pages wider than the screen:\n" + "\n".join(overflows)


def test_every_tap_target_is_at_least_44_px_on_a_phone(browser, live_server, demo_pages):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    tab = context.new_page()
    small = []
    for language, pages in demo_pages.items():
        # The news list has the pagination, the topic chips, the year archive and a
        # form; the partner list the country filter; every page the header.
        for name in ("news-list", "partner-list", "programme-list", "office-page"):
            tab.goto(pages[name])
            tab.locator(".nav-submenu summary").first.wait_for(state="attached")
            for target in tab.evaluate(SMALL_TARGETS, TAP_TARGETS):
                small.append(f"{language} {name}: {target}")
    context.close()
    assert not small, "tap targets smaller than 44x44 px:\n" + "\n".join(small)


def test_a_wide_table_a_long_address_and_code_in_a_release_stay_within_a_phone(page):
    cells = "".join(f"<td>Universität{n}Partnerschaftsvereinbarung</td>" for n in range(6))
    release = make_news_release(
        body=f"<table><tbody><tr>{cells}</tr></tbody></table>"
        "<p>https://www.example.edu/international/exchange/very/long/address/of/a/page/</p>"
        "<p>Сотрудничествоимеждународныеобменысуниверситетами-партнёрами</p>"
        "<pre><code>curl https://www.example.edu/api/v1/exchange-programmes?year=2026</code></pre>"
    )
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(release.get_absolute_url())

    assert page.evaluate(OVERFLOW) <= 0, page.evaluate(WIDEST_OFFENDER)
