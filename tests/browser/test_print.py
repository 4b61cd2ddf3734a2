"""A release or a partner's page printed: the article alone, its links' addresses
written out, on paper that Chromium really produces."""

import pytest
from playwright.sync_api import expect

from partners.models import Institution
from tests.news.conftest import make_news_release

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = (
    "<p>Read the <a href='https://www.istu.edu/eng/'>partner's own site</a> and "
    '<a href="/partners/istu/">its page here</a>.</p>'
    "<table><tr><th>Year</th><th>Students</th></tr><tr><td>2024</td><td>12</td></tr></table>"
)


def printed(page, path, tmp_path):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(path)
    page.emulate_media(media="print")
    pdf = page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    return page


def link_address(page, selector):
    return page.locator(selector).evaluate("(link) => getComputedStyle(link, '::after').content")


def test_a_printed_release_has_no_navigation_and_shows_its_links_addresses(
    page, live_server, tmp_path
):
    Institution.objects.create(name="Irkutsk", slug="istu", city="Irkutsk", country="RU")
    release = make_news_release(body=BODY)
    printed(page, release.get_absolute_url(), tmp_path)

    for hidden in (".site-nav", ".site-search", ".language-switcher", ".release-neighbours"):
        expect(page.locator(hidden)).to_be_hidden()
    assert link_address(page, ".prose a >> nth=0") == '" (https://www.istu.edu/eng/)"'
    assert "/partners/istu/" in link_address(page, ".prose a >> nth=1")
    expect(page.locator(".print-address")).to_have_text(
        f"{live_server.url}{release.get_absolute_url()}"
    )
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(0, 0, 0)"


def test_a_printed_partner_page_has_no_navigation_and_no_addresses_beside_its_facts(
    page, live_server, tmp_path
):
    institution = Institution.objects.create(
        name="Irkutsk National Research Technical University",
        slug="istu",
        city="Irkutsk",
        country="RU",
        website="https://www.istu.edu/eng/",
    )
    printed(page, institution.get_absolute_url(), tmp_path)

    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".language-switcher")).to_be_hidden()
    # The website's link already reads as its address, and the country filter's
    # would only repeat the site's own: neither is written out.
    assert link_address(page, ".partner-facts a[href^='http']") == "none"
    assert link_address(page, ".partner-facts a[href^='/']") == "none"
    expect(page.locator(".print-address")).to_be_visible()
