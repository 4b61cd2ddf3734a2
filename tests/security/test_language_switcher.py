"""Another site cannot change a visitor's language: the switcher takes a POST sent
from this site's own pages only, and the public pages that carry it stay the same for
every visitor, so the page cache keeps them."""

import pytest
from django.conf import settings
from django.test import Client

from tests.i18n.conftest import Page, make_release

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def release(office):
    return make_release()


def switch_to_russian(client, **headers):
    return client.post("/language/", {"next": "/ru/news/"}, **headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "http://evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        # A sibling subdomain is the same site but not the same origin.
        {"HTTP_ORIGIN": "http://blog.testserver", "HTTP_SEC_FETCH_SITE": "same-site"},
        # A sandboxed frame or a data: page.
        {"HTTP_ORIGIN": "null"},
        # The same host over the other scheme is another origin.
        {"HTTP_ORIGIN": "https://testserver"},
    ],
    ids=["origin", "origin-and-fetch-site", "fetch-site", "same-site", "null-origin", "scheme"],
)
def test_a_form_on_another_site_cannot_change_the_language(client, office, headers):
    response = switch_to_russian(client, **headers)
    assert response.status_code == 403
    assert COOKIE not in response.cookies
    assert Page(client.get("/news/")).lang == "en"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {},  # not a browser: it can only set its own cookie
    ],
    ids=["origin-and-fetch-site", "fetch-site", "origin", "neither"],
)
def test_the_sites_own_form_changes_the_language(client, office, headers):
    response = switch_to_russian(client, **headers)
    assert response.status_code == 302
    assert response["Location"] == "/ru/news/"
    assert response.cookies[COOKIE].value == "ru"


def test_a_get_to_the_switcher_does_not_change_the_language(client, office):
    response = client.get("/language/", {"next": "/ru/news/"})
    assert response.status_code == 405
    assert COOKIE not in response.cookies
    assert not client.cookies


def test_a_public_page_with_the_switcher_sets_no_cookie_and_holds_no_token(client, release):
    for path in ["/", "/news/", "/ru/partners/", release.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies, path
        assert "csrfmiddlewaretoken" not in response.content.decode(), path


def test_a_new_visitor_switches_language_from_a_page_served_by_the_cache(release):
    # CSRF checks on, as for a real browser: Django's token check would refuse a
    # newcomer without a csrftoken cookie.
    first, newcomer = Client(), Client(enforce_csrf_checks=True)
    first.get("/news/")  # the page is now in the cache
    page = Page(newcomer.get("/news/"))
    assert not newcomer.cookies
    target = page.switcher_buttons()["zh-hans"]
    response = newcomer.post("/language/", {"next": target}, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302
    assert newcomer.cookies[COOKIE].value == "zh-hans"
    assert Page(newcomer.get(response["Location"])).lang == "zh-hans"


def test_the_switchers_buttons_carry_no_hreflang(client, office):
    buttons = Page(client.get("/news/")).all("button", name="next")
    assert buttons
    assert all("hreflang" not in button.attrs for button in buttons)
