"""The main navigation and the sitemap come from the tree, at a fixed cost."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import Page
from tests import sitemap

from .conftest import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def menu(tree):
    for key in ("study", "incoming"):
        page = Page.objects.get(pk=tree[key].pk)
        page.show_in_navigation = True
        page.save()
    make_page(title="Privacy")  # not in the menu
    return tree


def test_the_menu_lists_top_level_pages_and_their_children_marked_for_it(client, menu):
    html = client.get("/").content.decode()
    nav = html[html.index('class="site-nav"') : html.index("</nav>")]
    assert 'href="/study-with-us/">Study with us</a>' in nav
    assert 'href="/go-abroad/">Go abroad</a>' in nav
    assert '<details class="nav-submenu">' in nav
    assert 'href="/study-with-us/incoming-exchange/">Incoming exchange</a>' in nav
    assert "How to apply" not in nav and "Privacy" not in nav
    ru = client.get("/ru/").content.decode()
    assert 'href="/ru/uchis/">Study with us по-русски</a>' in ru


def test_the_menu_marks_the_section_being_read(client, menu):
    html = client.get("/study-with-us/incoming-exchange/how-to-apply/").content.decode()
    assert 'href="/study-with-us/" aria-current="true">' in html
    html = client.get("/study-with-us/incoming-exchange/").content.decode()
    assert 'href="/study-with-us/incoming-exchange/" aria-current="page">Incoming' in html


def tree_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return sum('"pages_page"' in query["sql"] for query in queries.captured_queries)


def test_the_menu_is_one_query_per_content_version_and_language(client, menu):
    assert tree_queries(client, "/news/") == 1
    assert tree_queries(client, "/partners/") == 0
    assert tree_queries(client, "/ru/partners/") == 0  # every language from one read
    for number in range(5):
        make_page(Page.objects.get(pk=menu["study"].pk), title=f"Child {number}")
    assert tree_queries(client, "/partners/") == 1
    assert tree_queries(client, "/news/") == 0


@pytest.mark.parametrize("children", [1, 6])
def test_a_page_view_costs_a_fixed_number_of_queries(
    client, tree, django_assert_num_queries, children
):
    for number in range(children):
        make_page(Page.objects.get(pk=tree["apply"].pk), title=f"Step {number}")
    client.get("/news/")  # the office's details and the menu, as any earlier visit reads them
    # The page, its ancestors, its public children, its documents.
    with django_assert_num_queries(4):
        response = client.get("/study-with-us/incoming-exchange/how-to-apply/")
    assert len(response.context["children"]) == children


def test_the_home_page_costs_the_same_with_pages_in_the_menu(
    client, menu, django_assert_num_queries
):
    client.get("/news/")
    # The home page's own (latest releases, partners, the next deadlines the first
    # time): the menu, and the most read, come from the cache the news list filled.
    with django_assert_num_queries(3) as home:
        client.get("/")
    assert not any("pages_page" in query["sql"] for query in home.captured_queries)


def test_the_sitemap_lists_each_public_page_per_language_with_alternates(client, tree):
    make_page(title="Privacy", title_ru="", body_ru="", status="draft")
    make_page(title="About", title_ru="", body_ru="")
    urls = ET.fromstring(client.get("/sitemap-pages.xml").content).findall("s:url", sitemap.NS)
    locations = [url.find("s:loc", sitemap.NS).text for url in urls]
    assert "http://testserver/study-with-us/incoming-exchange/how-to-apply/" in locations
    assert any(loc.startswith("http://testserver/ru/uchis/vkhodyashchie/") for loc in locations)
    assert "http://testserver/about/" in locations
    assert not any("/ru/about" in loc for loc in locations)  # not written in Russian
    assert not any("privacy" in loc for loc in locations)
    study = next(u for u in urls if u.find("s:loc", sitemap.NS).text.endswith("/study-with-us/"))
    alternates = {
        link.get("hreflang"): link.get("href") for link in study.findall("x:link", sitemap.NS)
    }
    assert alternates["ru"] == "http://testserver/ru/uchis/"
    assert alternates["x-default"] == "http://testserver/study-with-us/"
