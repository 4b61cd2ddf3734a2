"""The stored-XSS payloads (tests/data/xss_payloads.txt) loaded in Chromium: in news
titles, bylines and bodies, partner names and descriptions, and search queries. The
test fails if any dialog opens, any payload's call reaches the page's trap, or the
browser reports a CSP violation (markup that tried to run)."""

import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution
from tests.xss import XSS_PAYLOADS

from .csp_watch import CspWatch

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every way a payload reports success ends in the trap: dialogs, and the usual calls.
TRAP = """
for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => window.xssFired(`${name}(${args.join(",")})`);
}
"""


class XssGuard(CspWatch):
    def __init__(self, page):
        super().__init__(page)
        self.fired = []
        page.expose_function("xssFired", self.note_call)
        page.add_init_script(TRAP)
        page.on("dialog", self.note_dialog)

    def note_call(self, description):
        self.fired.append(description)

    def note_dialog(self, dialog):
        self.fired.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def assert_nothing_ran(self, where):
        assert self.fired == [], where
        assert self.violations == [], where


@pytest.fixture
def guard(page):
    return XssGuard(page)


@pytest.fixture
def hostile_content(db):
    releases = [
        make_news_release(title=f"{index} {payload}"[:255], author=payload[:100], summary=payload)
        for index, payload in enumerate(XSS_PAYLOADS)
    ]
    everything = make_news_release(
        title=XSS_PAYLOADS[0], body="<p>All of them</p>" + "".join(XSS_PAYLOADS)
    )
    institutions = [
        make_institution(
            name=f"University {index} {payload}"[:200],
            other_names=payload,
            city=payload[:100],
            strengths=payload,
            description=payload,
        )
        for index, payload in enumerate(XSS_PAYLOADS)
    ]
    everything.partners.add(*institutions[:20])
    catalogue = make_institution(
        name="Catalogue of payloads", description="".join(XSS_PAYLOADS), strengths="x"
    )
    return releases, everything, catalogue


def visit(page, guard, path):
    page.goto(path)
    expect(page.locator("main")).to_be_visible()
    page.evaluate("1")  # deliver any pending report before judging
    guard.assert_nothing_ran(path)


def test_the_guard_catches_a_payload_that_runs(page, guard):
    page.goto("/")
    page.evaluate("alert('ran')")
    page.evaluate("1")

    assert guard.fired == ["alert(ran)"]


def test_no_stored_payload_runs_on_any_news_or_partner_page(page, guard, hostile_content):
    releases, everything, catalogue = hostile_content
    news_pages = (len(releases) + 1 + 9) // 10
    partner_pages = (len(releases) + 1 + 11) // 12

    paths = [
        "/",
        everything.get_absolute_url(),
        catalogue.get_absolute_url(),
        *(f"/news/?page={number}" for number in range(1, news_pages + 1)),
        *(f"/partners/?page={number}" for number in range(1, partner_pages + 1)),
        *(release.get_absolute_url() for release in releases[::6]),
    ]
    for path in paths:
        visit(page, guard, path)


def test_no_payload_runs_from_a_search_query_or_url_parameter(page, guard, hostile_content):
    for payload in XSS_PAYLOADS[::3]:
        query = urllib.parse.urlencode({"q": payload, "page": payload, "year": payload})
        visit(page, guard, f"/news/?{query}")
        visit(
            page,
            guard,
            f"/partners/?{urllib.parse.urlencode({'q': payload, 'country': payload[:2]})}",
        )
