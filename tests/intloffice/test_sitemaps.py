"""The sitemap: an index at /sitemap.xml naming pages of bounded size, each cheap and cached."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from news.models import NewsRelease
from news.sitemaps import NewsReleaseSitemap
from partners.sitemaps import InstitutionSitemap
from tests import sitemap
from tests.i18n.conftest import make_partner, make_release

pytestmark = pytest.mark.django_db

SITEMAP_URLS = 50_000
SITEMAP_BYTES = 10 * 1024 * 1024


@pytest.fixture
def small_pages(monkeypatch):
    """Two items a page, so that a handful of them fill several pages."""
    monkeypatch.setattr(NewsReleaseSitemap, "limit", 2)
    monkeypatch.setattr(InstitutionSitemap, "limit", 2)


def make_partners(count):
    for number in range(count):
        names = {
            "en": f"University {number}",
            "zh_hans": f"大学{number}",
            "ru": f"Университет {number}",
        }
        make_partner(text={code: {"name": name} for code, name in names.items()})


def release_ids(urls):
    ids = []
    for url in urls:
        parts = urlsplit(url.find("s:loc", sitemap.NS).text).path.split("/")
        if "news" in parts and parts[parts.index("news") + 1].isdigit():
            ids.append(int(parts[parts.index("news") + 1]))
    return ids


def test_the_index_names_every_page_of_every_section(client, small_pages):
    for _ in range(5):
        make_release()
    make_partner()
    assert sitemap.page_addresses(client) == [
        "/sitemap-pages.xml",
        "/sitemap-news.xml",
        "/sitemap-news.xml?p=2",
        "/sitemap-news.xml?p=3",
        "/sitemap-partners.xml",
        "/sitemap-programmes.xml",
    ]


def test_a_section_longer_than_a_page_is_split_and_lists_each_release_once(client, small_pages):
    released = [make_release() for _ in range(5)]
    english_only = make_release(languages=["en"])
    make_release(status=NewsRelease.Status.DRAFT)
    make_release(release_time=timezone.now() + timedelta(minutes=1))
    pages = [a for a in sitemap.page_addresses(client) if a.startswith("/sitemap-news")]
    assert len(pages) == 3  # six public releases, two a page
    listed = []
    for address in pages:
        urls = ET.fromstring(client.get(address).content).findall("s:url", sitemap.NS)
        ids = release_ids(urls)
        assert len(set(ids)) == 2, address
        listed += sorted(set(ids))
    assert listed == sorted(r.pk for r in [*released, english_only])


def test_each_page_is_a_sitemap_with_hreflang_alternates_and_no_unpublished_release(
    client, small_pages
):
    translated = make_release()
    draft = make_release(status=NewsRelease.Status.DRAFT)
    scheduled = make_release(release_time=timezone.now() + timedelta(minutes=1))
    urls = sitemap.read_pages(client)
    ids = release_ids(urls)
    assert ids.count(translated.pk) == 3  # once per language
    assert draft.pk not in ids and scheduled.pk not in ids
    for url in urls:
        alternates = {link.get("hreflang") for link in url.findall("x:link", sitemap.NS)}
        assert {"en", "x-default"} <= alternates
        assert all(link.get("rel") == "alternate" for link in url.findall("x:link", sitemap.NS))


@pytest.mark.parametrize("section", ["news", "partners"])
def test_a_page_costs_the_same_few_queries_however_many_items_it_holds(
    client, django_assert_max_num_queries, section
):
    for _ in range(12):
        make_release()
    make_partners(12)
    # A count, the ids of one page, their rows.
    with django_assert_max_num_queries(3):
        assert client.get(f"/sitemap-{section}.xml").status_code == 200


def test_the_index_costs_a_few_queries_however_long_the_sections_are(
    client, small_pages, django_assert_max_num_queries
):
    for _ in range(12):
        make_release()
    make_partners(12)
    # A count per section (news, partners, programmes).
    with django_assert_max_num_queries(3):
        assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.parametrize("path", ["/sitemap.xml", "/sitemap-news.xml", "/sitemap-news.xml?p=2"])
def test_a_sitemap_seen_again_costs_no_query(client, small_pages, django_assert_num_queries, path):
    for _ in range(3):
        make_release()
    assert client.get(path).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200


def test_a_renamed_release_shows_at_once_on_its_cached_sitemap_page(client, small_pages):
    releases = [make_release() for _ in range(3)]
    assert f"/news/{releases[2].pk}/renamed/" not in client.get("/sitemap-news.xml?p=2").text
    releases[2].slug_en = "renamed"
    releases[2].save()
    assert f"/news/{releases[2].pk}/renamed/" in client.get("/sitemap-news.xml?p=2").text


def test_a_new_page_shows_at_once_in_the_cached_index(client, small_pages):
    for _ in range(4):
        make_release()
    assert "/sitemap-news.xml?p=3" not in client.get("/sitemap.xml").text
    make_release()
    assert "/sitemap-news.xml?p=3" in client.get("/sitemap.xml").text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999", "1e3", "9" * 5000, "%00", "２"])
def test_a_page_number_that_names_no_page_is_not_found(client, page):
    make_release()
    response = client.get("/sitemap-news.xml", {"p": page})
    assert response.status_code == 404


def test_an_empty_page_number_is_the_first_page(client):
    # The page cache reads an empty parameter as an absent one, as Django's own
    # sitemap view does when p is missing.
    release = make_release()
    response = client.get("/sitemap-news.xml", {"p": ""})
    assert response.status_code == 200
    assert release.get_absolute_url() in response.text


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-secrets.xml").status_code == 404


def test_robots_txt_points_crawlers_at_the_index(client):
    assert "Sitemap: http://testserver/sitemap.xml\n" in client.get("/robots.txt").text


@pytest.mark.parametrize(
    ("sitemap_class", "make_longest"),
    [
        (NewsReleaseSitemap, lambda slug: make_release(slug_en=slug, slug_zh_hans=slug, slug_ru=slug)),
        (InstitutionSitemap, lambda slug: make_partner(slug_en=slug[:200], slug_zh_hans=slug[:200], slug_ru=slug[:200])),
    ],
)  # fmt: skip
def test_a_full_page_of_the_longest_addresses_stays_within_the_sitemap_limits(
    client, sitemap_class, make_longest
):
    """A page holds at most `limit` items, each one <url> per language written in: with
    every slug at its longest in characters of four UTF-8 bytes, a full page
    still fits 50,000 addresses and 10 MB, on a host name of 100 characters."""
    make_longest("𠀀" * 255)  # four bytes in UTF-8, twelve once percent-encoded
    section = "news" if sitemap_class is NewsReleaseSitemap else "partners"
    text = client.get(f"/sitemap-{section}.xml").content.decode()
    urls = text.count("<url>")
    assert urls == len(settings.LANGUAGES)
    longer_host = text.count("http://testserver/") * (100 - len("testserver"))
    envelope = len(text.split("<url>")[0]) + len("</urlset>")
    one_item = len(text.encode()) + longer_host - envelope
    assert sitemap_class.limit * len(settings.LANGUAGES) <= SITEMAP_URLS
    assert envelope + sitemap_class.limit * one_item <= SITEMAP_BYTES
