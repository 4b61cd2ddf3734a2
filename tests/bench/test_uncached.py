"""The benchmark's uncached section asks for every page type, and never twice for one address."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from bench import uncached
from bench.seed import seed
from news.models import NewsRelease

CHINESE = re.compile(r"[\u4e00-\u9fff]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.fixture
def site(db):
    seed(30)
    return uncached.site_sample(300)


@pytest.fixture
def planned(site):
    return uncached.plan(site, 300)


def test_no_address_is_asked_for_twice_in_the_whole_run(planned):
    addresses = [address for page in planned.values() for address in page]
    assert len(addresses) == len(set(addresses)) == 300 * len(uncached.PAGE_TYPES)


def test_every_page_type_gets_its_share_of_requests(planned):
    assert list(planned) == uncached.PAGE_TYPES
    assert all(len(addresses) == 300 for addresses in planned.values())


def test_searches_are_new_words_of_all_three_scripts_common_and_rare(planned):
    words = [parse_qs(urlsplit(a).query)["q"][0] for a in planned["news_search"]]
    assert len(set(words)) == len(words)
    assert any(CHINESE.fullmatch(word) and len(word) == 2 for word in words)
    assert any(CYRILLIC.match(word) for word in words)
    assert any(word.isascii() for word in words)
    assert {"scholarship", "留学"} <= set(words)  # common, and rare


def test_pages_that_name_an_object_name_a_different_one_each_time(site, planned):
    assert len(site.release_paths) == NewsRelease.objects.published().count()
    assert planned["news_detail"][: len(site.release_paths)] == site.release_paths
    assert planned["partner_detail"][:8] == site.partner_paths
    assert len(set(planned["sitemap_page"])) == 300


def test_every_planned_address_answers_200(db, site, planned):
    client = Client(HTTP_HOST="localhost")
    for name, addresses in planned.items():
        for address in addresses[:5]:
            assert client.get(address).status_code == 200, (name, address)


def test_the_site_search_is_measured_with_news_and_partner_words(planned):
    assert "site_search" in uncached.PAGE_TYPES
    assert uncached.TARGET_P99_MS["site_search"] == 150
    words = [parse_qs(urlsplit(a).query)["q"][0] for a in planned["site_search"]]
    assert all(urlsplit(a).path.endswith("/search/") for a in planned["site_search"])
    assert len(set(words)) == len(words)
    assert {"scholarship", "Irkutsk"} & set(words) and {"大学", "университет"} & set(words)


def test_the_seeded_partners_are_in_the_site_search_index(db):
    seed(30)
    response = Client(HTTP_HOST="localhost").get("/search/", {"q": "university"})
    kinds = [group.kind.name for group in response.context["groups"]]
    assert kinds == ["news", "partners"]


@pytest.mark.parametrize("page", ["home", "news_list"])
def test_the_home_page_and_the_news_list_are_measured_for_every_period_of_most_read(planned, page):
    periods = [parse_qs(urlsplit(a).query).get("read", ["month"])[0] for a in planned[page]]
    assert {period: periods.count(period) > 50 for period in set(periods)} == {
        "week": True,
        "month": True,
        "year": True,
        "all": True,
    }
