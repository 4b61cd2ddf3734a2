import json
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests import sitemap
from tests.conftest import in_default_language

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_office_details(client, office):
    response = client.get("/")
    assert response.status_code == 200
    assert "Huanghe Road, Binzhou City" in response.text
    assert "+86-543-3194976" in response.text


def test_home_page_works_before_any_office_details_are_entered(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "International Office" in response.text


OFFICE_NAME_IN = {
    "/": "International Office",
    "/ru/": "Отдел международного сотрудничества",
    "/zh-hans/": "国际交流合作处",
}


@pytest.mark.parametrize("first_page", OFFICE_NAME_IN)
def test_footer_names_the_placeholder_office_in_every_language_whichever_is_read_first(
    client, first_page
):
    # The footer prints the office's name with no fallback of its own, so the name
    # there comes from the unsaved placeholder; the first visitor's language decides
    # which column it is cached in, and every language must still read a name.
    client.get(first_page)
    for url, name in OFFICE_NAME_IN.items():
        footer = client.get(url).text.split('<footer class="site-footer">')[1]
        assert f"<strong>{name}</strong>" in footer, (first_page, url)


def test_footer_of_every_page_shows_the_office_address(client, office):
    for url in ["/", "/this-page-does-not-exist/"]:
        response = client.get(url)
        footer = response.text.split('<footer class="site-footer">')[1]
        assert "Huanghe Road, Binzhou City, Shandong 256600" in footer, url


def test_office_details_edited_in_the_admin_appear_in_the_footer(staff_client, office):
    change_url = reverse("admin:core_office_change", args=[office.pk])
    response = staff_client.post(
        change_url,
        in_default_language(
            {
                "name": "Office of International Affairs",
                "university": "Binzhou University",
                "address": "391 Huanghe 5th Road, Binzhou",
                "telephone": "+86-543-0000000",
                "email": "oia@example.edu",
            }
        ),
    )
    assert response.status_code == 302, response.text
    page = staff_client.get("/").text
    footer = page.split('<footer class="site-footer">')[1]
    assert "391 Huanghe 5th Road, Binzhou" in footer
    assert "Office of International Affairs" in footer
    assert "Huanghe Road, Binzhou City" not in footer


def test_office_admin_allows_no_second_office(admin_client, office):
    response = admin_client.get(reverse("admin:core_office_add"))
    assert response.status_code == 403


def test_healthz_answers_200_with_json_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    # On one machine the cache and the media are local files: nothing to reach.
    assert json.loads(response.content) == {
        "status": "ok",
        "ready": True,
        "database": "ok",
        "cache": "local",
        "storage": "local",
    }
    assert "no-cache" in response["Cache-Control"]


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_sitemap_lists_the_home_page(client):
    assert "<loc>http://testserver/</loc>" in sitemap.all_text(client)


def test_missing_page_gives_the_designed_404_page(client, office):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="site-header"' in response.text
    assert "Huanghe Road" in response.text


def test_server_error_page_is_the_designed_page_without_details():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'class="site-header"' in html
    assert "Traceback" not in html


def test_admin_login_page_is_branded_as_the_office(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert "International Office administration" in response.text


def test_admin_requires_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_site_css_is_served_by_the_app_and_pages_load_nothing_from_other_hosts(client, office):
    html = client.get("/").text
    assert "/static/css/site.css" in html
    for marker in ['src="http', "src='http", 'href="http', "//cdn", 'src="//', 'href="//']:
        assert marker not in html.replace('href="http://testserver', ""), marker


def test_the_site_stylesheet_closes_every_block_it_opens():
    # An unclosed @media block swallows every rule after it: the print style and the
    # phone's header would then apply only on a wide screen, silently.
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    depth = 0
    for character in re.sub(r"/\*.*?\*/", "", css, flags=re.S):
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0
