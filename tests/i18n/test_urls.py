"""Addresses in three languages: the prefixes, every page type in every language, the
hreflang alternates and the dates. The language switcher and the first visit's
language have modules of their own."""

from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from news.models import NewsRelease
from tests.user_agents import BROWSER

from .conftest import (
    LANGUAGES,
    NAVIGATION,
    Page,
    in_language,
    make_release,
    shown_views,
    url_in,
)

pytestmark = pytest.mark.django_db


PAGE_TYPES = {
    "home": lambda site, language: in_language("/", language),
    "news list": lambda site, language: in_language("/news/", language),
    "news release": lambda site, language: url_in(site["release"], language),
    "partner directory": lambda site, language: in_language("/partners/", language),
    "partner page": lambda site, language: url_in(site["partner"], language),
}


def test_the_default_settings_offer_english_chinese_and_russian_with_english_as_default():
    assert settings.LANGUAGE_CODE == "en"
    assert [code for code, _name in settings.LANGUAGES] == LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_answers_in_every_language_with_its_lang_and_translated_navigation(
    client, site, page_type, language
):
    path = PAGE_TYPES[page_type](site, language)
    page = Page(client.get(path, HTTP_USER_AGENT=BROWSER))
    assert page.lang == language
    assert page.navigation == NAVIGATION[language]


def test_english_addresses_have_no_prefix_and_the_others_have_theirs(site):
    release, partner = site["release"], site["partner"]
    addresses = {}
    for language in LANGUAGES:
        with translation.override(language):
            addresses[language] = [
                unquote(reverse(name, kwargs=kwargs))
                for name, kwargs in [
                    ("home", {}),
                    ("news:list", {}),
                    ("news:detail", {"pk": release.pk, "slug": release.slug}),
                    ("partners:list", {}),
                    ("partners:detail", {"slug": partner.slug}),
                ]
            ]
    assert addresses == {
        "en": ["/", "/news/", f"/news/{release.pk}/{release.slug_en}/", "/partners/",
               f"/partners/{partner.slug_en}/"],
        "zh-hans": ["/zh-hans/", "/zh-hans/news/",
                    f"/zh-hans/news/{release.pk}/{release.slug_zh_hans}/", "/zh-hans/partners/",
                    f"/zh-hans/partners/{partner.slug_zh_hans}/"],
        "ru": ["/ru/", "/ru/news/", f"/ru/news/{release.pk}/{release.slug_ru}/", "/ru/partners/",
               f"/ru/partners/{partner.slug_ru}/"],
    }  # fmt: skip


def test_the_default_language_has_no_prefixed_address(client, site):
    assert client.get("/en/").status_code == 404
    assert client.get("/en/news/").status_code == 404


def test_a_prefix_the_site_does_not_speak_is_not_found(client, site):
    assert client.get("/de/news/").status_code == 404
    assert client.get("/zh-hant/news/").status_code == 404


def test_every_language_version_of_a_release_is_the_same_release_with_one_count(client, site):
    release = site["release"]
    addresses = [url_in(release, code) for code in LANGUAGES]
    assert [urlsplit(a).path.split("/news/")[1].split("/")[0] for a in addresses] == [
        str(release.pk)
    ] * 3
    assert len(set(addresses)) == 3  # each language has its own slug
    # One browser reading the release in three languages is one visit ...
    shown = [shown_views(client.get(a, HTTP_USER_AGENT=BROWSER)) for a in addresses]
    assert shown == ["1 view", "浏览 1 次", "1 просмотр"]
    # ... and three browsers are three.
    shown = [shown_views(Client().get(a, HTTP_USER_AGENT=BROWSER)) for a in addresses]
    assert shown == ["2 views", "浏览 3 次", "4 просмотра"]
    release.refresh_from_db()
    assert release.view_count == 4


def test_russian_counts_use_russian_plural_forms(client, office):
    release = make_release(view_count=4)
    address = url_in(release, "ru")
    assert shown_views(client.get(address, HTTP_USER_AGENT=BROWSER)) == "5 просмотров"
    NewsRelease.objects.filter(pk=release.pk).update(view_count=20)
    assert shown_views(Client().get(address, HTTP_USER_AGENT=BROWSER)) == "21 просмотр"


def test_a_release_address_with_another_languages_slug_redirects_to_this_languages(client, site):
    release = site["release"]
    english_slug_under_ru = f"/ru/news/{release.pk}/{release.slug_en}/"
    response = client.get(english_slug_under_ru, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 301
    assert response["Location"] == url_in(release, "ru")
    release.refresh_from_db()
    assert release.view_count == 0  # counted once, on the page the visitor lands on


def test_a_release_without_a_russian_slug_is_found_under_ru_by_its_english_one(client, office):
    release = make_release(languages=["en"])
    address = url_in(release, "ru")
    assert address == f"/ru/news/{release.pk}/{release.slug_en}/"
    response = client.get(address, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    release.refresh_from_db()
    assert release.view_count == 1


def test_a_partner_address_with_another_languages_slug_redirects_to_this_languages(client, site):
    partner = site["partner"]
    response = client.get(f"/ru/partners/{partner.slug_zh_hans}/")
    assert response.status_code == 301
    assert response["Location"] == url_in(partner, "ru")
    assert client.get(response["Location"]).status_code == 200


# hreflang alternates


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_names_its_versions_in_each_language_and_the_default(
    client, site, page_type, language
):
    page = Page(client.get(PAGE_TYPES[page_type](site, language), HTTP_USER_AGENT=BROWSER))
    expected = {code: "http://testserver" + PAGE_TYPES[page_type](site, code) for code in LANGUAGES}
    assert page.alternates == {**expected, "x-default": expected["en"]}


def test_each_language_page_links_to_its_own_feed(client, site):
    for language in LANGUAGES:
        page = Page(client.get(in_language("/", language)))
        feeds = [link.attrs["href"] for link in page.all("link", type="application/rss+xml")]
        assert feeds == [in_language("/news/feed/", language)]


# Dates


# As Page reads text: runs of white space, the no-break one included, as one space.
NEWS_DATES = {"en": "9 June 2021", "zh-hans": "2021年6月9日", "ru": "9 июня 2021 г."}


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_on_news_pages_read_in_the_languages_style(client, office, language):
    release = make_release(
        release_time=timezone.make_aware(timezone.datetime(2021, 6, 9, 9, 0)),
    )
    for path in [
        in_language("/", language),
        in_language("/news/", language),
        url_in(release, language),
    ]:
        page = Page(client.get(path, HTTP_USER_AGENT=BROWSER))
        assert page.texts("time") == [NEWS_DATES[language]], path
