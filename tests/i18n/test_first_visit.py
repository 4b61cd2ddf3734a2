"""The first visit's language: a visitor who has not chosen one is sent to the language
their browser asks for (Accept-Language), and only then."""

import pytest

from tests.user_agents import BROWSER

from .conftest import (
    Page,
    in_language,
    make_partner,
    url_in,
)

pytestmark = pytest.mark.django_db


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
