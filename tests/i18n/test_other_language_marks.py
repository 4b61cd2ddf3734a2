"""Lists say when they show an item in another language: a title that falls back to
English carries lang="en" and a visible label; a translated title carries neither."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from .conftest import make_partner, make_release, url_in

pytestmark = pytest.mark.django_db

ENGLISH_TITLE = "Summer school in Bremerhaven opens its applications"
MARKER = 'class="in-other-language"'


@pytest.fixture
def releases():
    translated = make_release()
    english_only = make_release(
        languages=("en",),
        text={"en": {"title": ENGLISH_TITLE}},
        release_time=timezone.now() - timedelta(hours=2),
    )
    return translated, english_only


def link_to(html, record, language):
    """The opening <a> tag of the link to `record` and what follows it up to the end
    of its line, where the label stands."""
    match = re.search(rf'<a href="{re.escape(url_in(record, language))}"[^>]*>[^\n]*', html)
    assert match, "no link to the record"
    return match.group(0)


def page(client, language, name, query=""):
    with translation.override(language):
        response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_the_news_list_marks_a_title_shown_in_english(client, releases, language):
    translated, english_only = releases
    html = page(client, language, "news:list")
    assert 'lang="en"' in link_to(html, english_only, language)
    assert MARKER in link_to(html, english_only, language)
    assert 'lang="en"' not in link_to(html, translated, language)
    assert MARKER not in link_to(html, translated, language)


def test_the_english_site_marks_nothing(client, releases):
    assert MARKER not in page(client, "en", "news:list")


def test_search_results_mark_a_title_shown_in_english(client, releases):
    _translated, english_only = releases
    html = page(client, "zh-hans", "search", "?q=Bremerhaven")
    assert 'lang="en"' in link_to(html, english_only, "zh-hans")
    assert MARKER in link_to(html, english_only, "zh-hans")


def test_the_directory_marks_a_name_shown_in_english(client):
    translated = make_partner(slug="irkutsk")
    english_only = make_partner(
        languages=("en",),
        text={"en": {"name": "Hochschule Bremerhaven", "city": "Bremerhaven"}},
        country="DE",
        slug="bremerhaven",
    )
    html = page(client, "ru", "partners:list")
    assert MARKER in link_to(html, english_only, "ru")
    assert 'lang="en"' in link_to(html, english_only, "ru")
    assert MARKER not in link_to(html, translated, "ru")


def test_a_release_marks_its_neighbour_shown_in_english(client, releases):
    translated, english_only = releases
    with translation.override("zh-hans"):
        html = client.get(url_in(translated, "zh-hans")).text
    assert MARKER in link_to(html, english_only, "zh-hans")


def test_chinese_writes_a_partners_place_country_first_without_a_comma(client):
    make_partner(
        text={"zh_hans": {"city": "不来梅港"}, "en": {"city": "Bremerhaven"}},
        country="DE",
        slug="bremerhaven",
    )
    assert "德国不来梅港" in page(client, "zh-hans", "partners:list")
    assert "Bremerhaven, Germany" in page(client, "en", "partners:list")


def test_chinese_puts_no_english_colon_after_previous(client, releases):
    translated, _english_only = releases
    with translation.override("zh-hans"):
        html = client.get(url_in(translated, "zh-hans")).text
    assert "上一篇" in html
    assert "上一篇:" not in html
