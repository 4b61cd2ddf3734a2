"""The share box of a release page: its link, a QR code of it, and the buttons the
site's script brings to life."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import segno
from django.utils import translation

from tests.news.conftest import make_news_release, visit

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def share_box(html):
    match = re.search(r'<section class="share".*?</section>', html, re.DOTALL)
    assert match, "no share box on the page"
    return match.group(0)


def qr_svg(html):
    match = re.search(r'<svg viewBox="[^"]+" class="qr-code">.*?</svg>', html, re.DOTALL)
    assert match, "no QR code in the share box"
    return match.group(0)


def modules_drawn(svg):
    """The path of dark modules in a QR SVG (segno draws them as one path)."""
    root = ET.fromstring(svg)
    (dark,) = [path for path in root.iter("path") if path.get("stroke") == "#000"]
    return dark.get("d")


class Buttons(HTMLParser):
    def __init__(self):
        super().__init__()
        self.buttons = []

    def handle_starttag(self, tag, attrs):
        if tag == "button":
            self.buttons.append(dict(attrs))


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_the_share_box_holds_the_release_address_as_a_read_only_field(client, language):
    release = make_news_release(title_ru="Неделя", body_ru="<p>Текст.</p>")
    with translation.override(language):
        page, address = release.get_absolute_url(), HOST + release.get_short_url()

    box = share_box(client.get(page).content.decode())

    assert f'<input id="share-url" type="url" value="{address}" readonly>' in box


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_the_shared_address_is_short_and_leads_to_the_release_in_its_language(client, language):
    # A Chinese or Russian title's slug, percent-encoded, runs to hundreds of
    # characters: the shared address leaves it out, and the QR code stays coarse.
    release = make_news_release(
        title_zh_hans="滨州学院与伊尔库茨克国立研究技术大学签署合作备忘录",
        title_ru="Бинчжоуский университет и Иркутский технический университет подписали меморандум",
    )
    with translation.override(language):
        page, shared = release.get_absolute_url(), release.get_short_url()

    box = share_box(client.get(page).content.decode())
    response = client.get(shared)

    assert f'value="{HOST}{shared}"' in box
    assert len(HOST + shared) < 40 < len(HOST + page)
    assert response.status_code == 301
    assert response["Location"] == page


def test_the_qr_code_is_valid_svg_from_segno_for_exactly_the_release_address(client, release):
    address = HOST + release.get_short_url()

    svg = qr_svg(share_box(visit(client, release).content.decode()))

    expected = segno.make(address, error="m", micro=False).svg_inline(dark="#000", light="#fff")
    assert modules_drawn(svg) == modules_drawn(expected)
    other = segno.make(address + "x", error="m", micro=False).svg_inline(dark="#000")
    assert modules_drawn(svg) != modules_drawn(other)


def test_the_buttons_are_hidden_until_the_script_shows_them(client, release):
    html = visit(client, release).content.decode()

    buttons = Buttons()
    buttons.feed(share_box(html))

    assert len(buttons.buttons) == 2
    assert all("hidden" in button for button in buttons.buttons)
    assert '<script src="/static/js/share.js" defer></script>' in html


def test_a_preview_of_a_draft_offers_nothing_to_share(news_editor_client):
    draft = make_news_release(status="draft")

    html = news_editor_client.get(draft.get_absolute_url()).content.decode()

    assert 'class="share"' not in html
    assert "share.js" not in html


def test_a_release_page_from_the_page_cache_keeps_its_qr_code_at_one_query(
    client, release, django_assert_num_queries
):
    visit(client, release)

    # The visit's count, and nothing for the QR code: it is kept with the page.
    with django_assert_num_queries(1):
        html = visit(client, release).content.decode()

    assert qr_svg(share_box(html))
