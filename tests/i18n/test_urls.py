"""Addresses in three languages: the prefixes, every page type in every language, the
language switcher, the hreflang alternates and the first visit's language."""

from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from news.models import NewsRelease
from tests.user_agents import BROWSER

from .conftest import (
    LANGUAGE_NAMES,
    LANGUAGES,
    NAVIGATION,
    Page,
    in_language,
    make_partner,
    make_release,
    shown_views,
    url_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(office):
    """The office, a partner and a release about it, all written in three languages."""
    partner = make_partner()
    release = make_release()
    release.partners.add(partner)
    return {"release": release, "partner": partner}


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
    shown = [shown_views(client.get(a, HTTP_USER_AGENT=BROWSER)) for a in addresses]
    assert shown == ["1 view", "浏览 2 次", "3 просмотра"]
    release.refresh_from_db()
    assert release.view_count == 3


def test_russian_counts_use_russian_plural_forms(client, office):
    release = make_release(view_count=4)
    address = url_in(release, "ru")
    assert shown_views(client.get(address, HTTP_USER_AGENT=BROWSER)) == "5 просмотров"
    NewsRelease.objects.filter(pk=release.pk).update(view_count=20)
    assert shown_views(client.get(address, HTTP_USER_AGENT=BROWSER)) == "21 просмотр"


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


# The language switcher


def test_the_switcher_is_a_plain_post_form_without_script(client, site):
    page = Page(client.get("/news/"))
    form = page.switcher
    assert (form.attrs["action"], form.attrs["method"]) == ("/language/", "post")
    inline_scripts = [e for e in page.all("script") if "src" not in e.attrs]
    assert inline_scripts == []
    handlers = [name for e in page.elements for name in e.attrs if name.startswith("on")]
    assert handlers == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_names_each_language_in_itself_and_marks_the_current_one(
    client, site, language
):
    page = Page(client.get(in_language("/partners/", language)))
    current = page.with_class("language-current")
    assert [(e.text, e.attrs["aria-current"]) for e in current] == [
        (LANGUAGE_NAMES[language], "true")
    ]
    buttons = {e.attrs["lang"]: e.text for e in page.all("button", name="next")}
    assert buttons == {code: LANGUAGE_NAMES[code] for code in LANGUAGES if code != language}


def switch(client, page, language):
    """Press the switcher's button for `language` and follow it, as a browser does."""
    target = page.switcher_buttons()[language]
    response = client.post("/language/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == target
    return response, client.get(target, HTTP_USER_AGENT=BROWSER)


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_switching_language_on_a_release_lands_on_that_languages_slug(client, site, language):
    release = site["release"]
    page = Page(client.get(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER))
    redirect, landing = switch(client, page, language)
    assert redirect.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    assert landing.status_code == 200
    assert landing.wsgi_request.get_full_path() == url_in(release, language)
    column = language.replace("-", "_")
    assert Page(landing).heading.text == getattr(release, f"title_{column}")


def test_switching_back_to_english_from_a_russian_release_lands_on_the_english_slug(client, site):
    release = site["release"]
    page = Page(client.get(url_in(release, "ru"), HTTP_USER_AGENT=BROWSER))
    redirect, landing = switch(client, page, "en")
    assert redirect.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert landing.wsgi_request.get_full_path() == release.get_absolute_url()
    assert Page(landing).heading.text == release.title_en


def test_switching_language_on_an_untranslated_release_shows_it_with_the_note(client, office):
    release = make_release(languages=["en"])
    page = Page(client.get(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER))
    _redirect, landing = switch(client, page, "ru")
    assert landing.status_code == 200
    landed = Page(landing)
    assert landed.heading.text == release.title_en
    assert landed.fallback_note


def test_switching_language_on_a_partner_page_lands_on_that_languages_slug(client, site):
    partner = site["partner"]
    page = Page(client.get(partner.get_absolute_url()))
    _redirect, landing = switch(client, page, "zh-hans")
    assert landing.wsgi_request.get_full_path() == url_in(partner, "zh-hans")
    assert Page(landing).heading.text == partner.name_zh_hans


def test_switching_language_keeps_the_search_and_the_page_number(client, site):
    page = Page(client.get("/news/", {"q": "memorandum", "page": "1"}))
    target = page.switcher_buttons()["ru"]
    assert urlsplit(target).path == "/ru/news/"
    assert sorted(urlsplit(target).query.split("&")) == ["page=1", "q=memorandum"]


@pytest.mark.parametrize(
    "target", ["https://evil.example/ru/", "//evil.example/ru/", "ru/news/", "javascript:alert(1)"]
)
def test_the_switcher_never_sends_a_visitor_to_another_site(client, target):
    response = client.post("/language/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_language_chosen_with_the_switcher_is_remembered_for_a_year(client, site):
    redirect = client.post("/language/", {"next": "/ru/news/"})
    cookie = redirect.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ru"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


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


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_on_news_pages_stay_year_month_day_in_every_language(client, office, language):
    release = make_release(
        release_time=timezone.make_aware(timezone.datetime(2021, 6, 9, 9, 0)),
    )
    for path in [
        in_language("/", language),
        in_language("/news/", language),
        url_in(release, language),
    ]:
        page = Page(client.get(path, HTTP_USER_AGENT=BROWSER))
        assert page.texts("time") == ["2021-06-09"], path


# The first visit's language (Accept-Language)


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-hans"),
        ("zh", "zh-hans"),
        ("zh-Hans-CN", "zh-hans"),
        ("zh-SG", "zh-hans"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
        ("ru", "ru"),
        ("de-DE,ru;q=0.8,en;q=0.5", "ru"),
    ],
)
def test_a_first_visit_goes_to_the_language_the_browser_asks_for(
    client, site, accept_language, language
):
    response = client.get("/news/?q=memorandum", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == in_language("/news/?q=memorandum", language)
    assert Page(client.get(response["Location"])).lang == language


@pytest.mark.parametrize("accept_language", ["en-US,en;q=0.9", "de-DE,fr;q=0.8", "", "*"])
def test_a_first_visit_from_a_browser_without_chinese_or_russian_stays_in_english(
    client, site, accept_language
):
    response = client.get("/news/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    assert Page(response).lang == "en"


def test_a_first_visit_to_a_release_in_russian_lands_on_the_russian_slug(client, site):
    release = site["release"]
    response = client.get(
        release.get_absolute_url(),
        HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9",
        HTTP_USER_AGENT=BROWSER,
        follow=True,
    )
    assert response.status_code == 200
    assert response.wsgi_request.get_full_path() == url_in(release, "ru")
    assert Page(response).heading.text == release.title_ru
    release.refresh_from_db()
    assert release.view_count == 1


def test_a_language_chosen_with_the_switcher_wins_over_the_browsers(client, site):
    client.post("/language/", {"next": "/news/"})  # the visitor chose English
    response = client.get("/news/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 200
    assert Page(response).lang == "en"


def test_the_first_visit_redirect_varies_by_language_and_cookie(client, site):
    redirect = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US")
    for response in (redirect, english):
        vary = {value.strip().lower() for value in response["Vary"].split(",")}
        assert {"accept-language", "cookie"} <= vary


def test_a_form_sent_to_an_english_address_is_not_redirected(client, site):
    response = client.post("/admin/login/", {}, HTTP_ACCEPT_LANGUAGE="ru-RU")
    assert response.status_code == 200  # the login form again, with its errors
    assert Page(response).lang == "en"


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt", "/sitemap.xml"])
def test_addresses_outside_the_languages_are_never_redirected(client, site, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru-RU")
    assert response.status_code == 200


def test_an_address_belongs_to_the_institution_whose_address_it_is_in_that_language(client):
    """One institution's English slug may be another's Russian one: each keeps its page."""
    kazan = make_partner(
        languages=["en"], text={"en": {"name": "Kazan Federal University"}}, slug_en="kazan"
    )
    academy = make_partner(
        languages=["en", "ru"],
        text={"en": {"name": "Academy of Kazan"}, "ru": {"name": "Казанская академия"}},
        slug_ru="kazan",
    )
    english = Page(client.get("/partners/kazan/"))
    assert english.heading.text == "Kazan Federal University"
    russian = Page(client.get("/ru/partners/kazan/"))
    assert russian.heading.text == "Казанская академия"
    assert Page(client.get(url_in(academy, "en"))).heading.text == "Academy of Kazan"
    assert url_in(kazan, "en") == "/partners/kazan/"
