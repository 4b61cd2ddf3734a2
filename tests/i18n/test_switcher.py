"""The language switcher: a plain form that lands on the same page in the chosen
language, under that language's slug, and is remembered."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.user_agents import BROWSER

from .conftest import (
    LANGUAGE_NAMES,
    LANGUAGES,
    Page,
    in_language,
    make_release,
    url_in,
)

pytestmark = pytest.mark.django_db


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
