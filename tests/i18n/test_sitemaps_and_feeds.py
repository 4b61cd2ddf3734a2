"""What machines read in three languages: the sitemap lists each page once per
language it is written in, with its alternates; the news feed exists per language."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from news.models import NewsRelease
from tests import sitemap

from .conftest import LANGUAGES, RELEASE_TEXT, in_language, make_partner, make_release, url_in

pytestmark = pytest.mark.django_db

NS = sitemap.NS
RELEASE_ADDRESS = re.compile(r"^(/zh-hans|/ru)?/news/\d+/")
CRAWLER = "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"


def read_sitemap(client):
    """Each <loc> (as a path) -> {hreflang: path} of its alternates, over every page."""
    entries = {}
    for url in sitemap.read_pages(client):
        location = urlsplit(url.find("s:loc", NS).text).path
        assert location not in entries, f"{location} is listed twice"
        entries[location] = {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall("x:link", NS)
        }
    return entries


def addresses_of(record, entries):
    """The sitemap's entries for one release or institution, in any language."""
    own = {url_in(record, code) for code in LANGUAGES}
    return {location for location in entries if location in own}


def test_a_translated_release_is_listed_in_every_language_with_its_alternates(client):
    release = make_release()
    entries = read_sitemap(client)
    versions = {code: url_in(release, code) for code in LANGUAGES}
    assert addresses_of(release, entries) == set(versions.values())
    for location in versions.values():
        assert entries[location] == {**versions, "x-default": versions["en"]}


def test_a_release_with_no_russian_text_is_listed_once_and_not_as_a_russian_release(client):
    release = make_release(languages=["en"])
    entries = read_sitemap(client)
    english = release.get_absolute_url()
    assert addresses_of(release, entries) == {english}
    assert entries[english] == {"en": english, "x-default": english}
    assert not [loc for loc in entries if loc.startswith("/ru/") and RELEASE_ADDRESS.match(loc)]


def test_a_release_is_listed_only_in_the_languages_it_has_a_title_and_body_in(client):
    chinese = make_release(languages=["en", "zh_hans"])
    half_russian = make_release(languages=["en"], title_ru="Только заголовок")
    emptied = make_release(languages=["en"], title_ru="", body_ru="", summary_ru="")
    entries = read_sitemap(client)
    assert addresses_of(chinese, entries) == {url_in(chinese, "en"), url_in(chinese, "zh-hans")}
    assert addresses_of(half_russian, entries) == {url_in(half_russian, "en")}
    assert addresses_of(emptied, entries) == {url_in(emptied, "en")}


def test_drafts_and_scheduled_releases_are_in_no_languages_sitemap(client):
    make_release(status=NewsRelease.Status.DRAFT)
    make_release(release_time=timezone.now() + timedelta(minutes=1))
    releases = [loc for loc in read_sitemap(client) if RELEASE_ADDRESS.match(loc)]
    assert releases == []


def test_partners_are_listed_in_the_languages_their_pages_are_written_in(client):
    translated = make_partner()
    untranslated = make_partner(
        languages=["en"], text={"en": {"name": "Tomsk State University", "city": "Tomsk"}}
    )
    entries = read_sitemap(client)
    assert addresses_of(translated, entries) == {url_in(translated, c) for c in LANGUAGES}
    assert addresses_of(untranslated, entries) == {untranslated.get_absolute_url()}


def test_the_home_page_and_the_lists_are_listed_in_every_language(client):
    entries = read_sitemap(client)
    for path in ["/", "/news/", "/partners/"]:
        versions = {code: in_language(path, code) for code in LANGUAGES}
        for location in versions.values():
            assert entries[location] == {**versions, "x-default": path}


def test_every_address_in_the_sitemap_answers_without_a_redirect(client):
    make_release()
    make_release(languages=["en"], title_ru="Только заголовок")
    make_partner()
    make_partner(languages=["en", "ru"], text={"en": {"name": "Tomsk"}, "ru": {"name": "Томск"}})
    entries = read_sitemap(client)
    for location in {
        *entries,
        *(a for alternates in entries.values() for a in alternates.values()),
    }:
        response = client.get(location, HTTP_USER_AGENT=CRAWLER)
        assert response.status_code == 200, location


# Feeds


def read_feed(client, language):
    response = client.get(in_language("/news/feed/", language))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = [
        {
            "title": item.findtext("title"),
            "link": urlsplit(item.findtext("link")).path,
            "description": item.findtext("description"),
        }
        for item in channel.findall("item")
    ]
    return channel, items


FEED_TITLES = {
    "en": "International Exchange & Cooperation Office: news",
    "zh-hans": "International Exchange & Cooperation Office：新闻",
    "ru": "International Exchange & Cooperation Office: новости",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_news_feed(client, office, language):
    release = make_release()
    channel, items = read_feed(client, language)
    assert channel.findtext("language") == language
    assert channel.findtext("title") == FEED_TITLES[language]
    assert urlsplit(channel.findtext("link")).path == in_language("/news/", language)
    column = language.replace("-", "_")
    assert items == [
        {
            "title": RELEASE_TEXT[column]["title"],
            "link": url_in(release, language),
            "description": RELEASE_TEXT[column]["summary"],
        }
    ]


def test_the_russian_feed_shows_untranslated_releases_in_english_never_with_an_empty_title(
    client, office
):
    now = timezone.now()
    untranslated = make_release(languages=["en"], release_time=now - timedelta(days=2))
    emptied = make_release(
        languages=["en"],
        text={"en": {"title": "Emptied in Russian", "summary": "English summary"}},
        title_ru="",
        summary_ru="",
        body_ru="",
        release_time=now - timedelta(days=1),
    )
    translated = make_release(release_time=now - timedelta(hours=1))
    _channel, items = read_feed(client, "ru")
    assert items == [
        {
            "title": RELEASE_TEXT["ru"]["title"],
            "link": url_in(translated, "ru"),
            "description": RELEASE_TEXT["ru"]["summary"],
        },
        {
            "title": "Emptied in Russian",
            "link": url_in(emptied, "ru"),
            "description": "English summary",
        },
        {
            "title": RELEASE_TEXT["en"]["title"],
            "link": url_in(untranslated, "ru"),
            "description": RELEASE_TEXT["en"]["summary"],
        },
    ]
    for item in items:
        assert client.get(item["link"], HTTP_USER_AGENT=CRAWLER).status_code == 200
