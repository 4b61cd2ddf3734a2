"""The news list, its search and year archive, the feed, the sitemap and the home
page's news: published releases only, in order, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import news.search
from news.models import NewsRelease
from tests import sitemap

from .conftest import make_news_release, read_on, visit

pytestmark = pytest.mark.django_db


def test_list_shows_published_releases_newest_first_ten_a_page(client, now):
    for day in range(12):
        make_news_release(title=f"Release {day:02d}", release_time=now - timedelta(days=day + 1))
    make_news_release(title="Draft one", status=NewsRelease.Status.DRAFT)
    make_news_release(title="Future one", release_time=now + timedelta(minutes=1))
    page1 = client.get("/news/")
    titles = [release.title for release in page1.context["page_obj"]]
    assert titles == [f"Release {day:02d}" for day in range(10)]
    assert 'href="?page=2"' in page1.text
    page2 = client.get("/news/?page=2")
    assert [r.title for r in page2.context["page_obj"]] == ["Release 10", "Release 11"]
    assert "Draft one" not in page1.text + page2.text
    assert "Future one" not in page1.text + page2.text


def test_list_cards_show_date_author_summary_and_count(client, now):
    make_news_release(
        release_time=timezone.make_aware(timezone.datetime(2021, 6, 9, 9, 0)), view_count=10
    )
    html = client.get("/news/").text
    assert ">9 June 2021<" in html
    assert "闫倩倩" in html
    assert "Two universities agree on joint programmes." in html
    assert "10 views" in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "1.5", "%00", "1' OR 1=1"])
def test_bad_page_values_show_a_page_not_an_error(client, page, now):
    for day in range(12):
        make_news_release(release_time=now - timedelta(days=day + 1))
    response = client.get("/news/", {"page": page})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    ["", "   ", "<script>alert(1)</script>", "' OR 1=1 --", "%", "_", "\\", "x" * 5000, "\x00"],
)
def test_empty_or_hostile_queries_are_harmless(client, release, query):
    response = client.get("/news/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_search_finds_chinese_and_cyrillic_text_and_only_published(client, now):
    make_news_release(title="联合培养项目", body="<p>高分子材料与工程</p>")
    make_news_release(title="Меморандум о сотрудничестве")
    make_news_release(title="联合 draft", status=NewsRelease.Status.DRAFT)
    assert [r.title for r in client.get("/news/", {"q": "材料"}).context["page_obj"]] == [
        "联合培养项目"
    ]
    assert len(client.get("/news/", {"q": "联合"}).context["page_obj"]) == 1
    assert len(client.get("/news/", {"q": "МЕМОРАНДУМ"}).context["page_obj"]) == 1


def test_search_keeps_the_query_in_page_links(client, now):
    for day in range(12):
        make_news_release(title=f"Exchange {day}", release_time=now - timedelta(days=day + 1))
    html = client.get("/news/", {"q": "exchange"}).text
    assert 'href="?q=exchange&amp;page=2"' in html


def test_search_counts_results_up_to_a_limit(client, now, monkeypatch):
    monkeypatch.setattr(news.search, "RANKED_MATCHES", 25)
    for day in range(30):
        make_news_release(title=f"Scholarship {day}", release_time=now - timedelta(days=day + 1))
    make_news_release(title="Scholarship results", release_time=now - timedelta(minutes=5))
    response = client.get("/news/", {"q": "scholarship"})
    assert "More than 25 releases found for “scholarship”." in response.text
    assert response.context["page_obj"][0].title == "Scholarship results"
    last = client.get("/news/", {"q": "scholarship", "page": 99}).context["page_obj"]
    assert (last.number, len(last)) == (3, 5)  # the first 25 results, newest first
    few = client.get("/news/", {"q": "results"})
    assert "1 release found for “results”." in few.text


def test_year_archive_lists_years_and_filters(client):
    make_news_release(
        title="From 2021", release_time=timezone.make_aware(timezone.datetime(2021, 6, 9))
    )
    make_news_release(
        title="From 2023", release_time=timezone.make_aware(timezone.datetime(2023, 3, 1))
    )
    make_news_release(
        title="Draft 2019",
        status=NewsRelease.Status.DRAFT,
        release_time=timezone.make_aware(timezone.datetime(2019, 3, 1)),
    )
    response = client.get("/news/", {"year": "2021"})
    assert [r.title for r in response.context["page_obj"]] == ["From 2021"]
    assert response.context["years"] == [2021, 2023]
    assert client.get("/news/", {"year": "banana"}).status_code == 200


def test_hostile_title_and_author_are_shown_escaped(client):
    release = make_news_release(
        title='<script>alert("t")</script>{{ 7|add:1 }}', author="<img src=x onerror=alert(1)>"
    )
    html = visit(client, release).text + client.get("/news/").text
    assert "<script>alert(" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("releases", [3, 25])
def test_list_page_takes_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, releases, now
):
    for day in range(releases):
        make_news_release(release_time=now - timedelta(days=day + 1))
    client.get("/")  # warm the office cache, as any earlier visitor would
    # The page, its count, the most read and whether anything was ever read.
    with django_assert_max_num_queries(6):
        assert client.get("/news/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/news/", {"q": "memorandum", "page": "2"}).status_code == 200


def test_feed_lists_published_releases_with_title_link_date_author_and_summary(client, now):
    release = make_news_release()
    make_news_release(title="Secret draft", status=NewsRelease.Status.DRAFT)
    make_news_release(title="Future release", release_time=now + timedelta(minutes=1))
    response = client.get(reverse("news:feed"))
    assert response.status_code == 200
    xml = response.text
    assert release.title in xml
    assert f"http://testserver{release.get_absolute_url()}" in xml
    assert "闫倩倩" in xml
    assert "Two universities agree on joint programmes." in xml
    assert "<pubDate>" in xml
    assert "Secret draft" not in xml
    assert "Future release" not in xml


def test_feed_survives_a_control_character_in_a_title(client):
    release = make_news_release()
    NewsRelease.objects.filter(pk=release.pk).update(title="Vertical\x0btab")
    response = client.get(reverse("news:feed"))
    assert response.status_code == 200
    assert "Verticaltab" in response.text


def test_sitemap_lists_published_releases_with_last_modified_only(client, now):
    release = make_news_release()
    draft = make_news_release(title="Draft", status=NewsRelease.Status.DRAFT)
    scheduled = make_news_release(title="Later", release_time=now + timedelta(minutes=1))
    xml = sitemap.all_text(client)
    assert f"http://testserver{release.get_absolute_url()}" in xml
    assert draft.get_absolute_url() not in xml
    assert scheduled.get_absolute_url() not in xml
    assert "<lastmod>" in xml


def test_home_page_shows_latest_and_most_read_releases_published_only(client, now):
    today = timezone.localdate()
    popular = make_news_release(title="Popular old news", release_time=now - timedelta(days=300))
    read_on(popular, today, 500)
    latest = make_news_release(title="Fresh news", release_time=now - timedelta(minutes=5))
    read_on(latest, today, 1)
    draft = make_news_release(title="Popular draft", status=NewsRelease.Status.DRAFT)
    read_on(draft, today, 900)
    response = client.get("/")
    assert response.context["latest_releases"][0] == latest
    assert "Popular draft" not in response.text
    # The most read of this month, whenever they were released.
    assert [r.title for r in response.context["most_read_releases"]] == [
        "Popular old news",
        "Fresh news",
    ]


def test_a_release_in_a_new_year_appears_in_the_archive_at_once(client):
    make_news_release(release_time=timezone.make_aware(timezone.datetime(2021, 6, 9)))
    assert client.get("/news/").context["years"] == [2021]
    make_news_release(release_time=timezone.make_aware(timezone.datetime(2024, 2, 1)))
    assert client.get("/news/").context["years"] == [2021, 2024]


def test_a_site_without_news_says_there_is_none_yet_and_a_search_that_nothing_matches(client, db):
    assert "No news yet." in client.get(reverse("news:list")).content.decode()
    searched = client.get(reverse("news:list"), {"q": "Sorbonne"}).content.decode()
    assert "No news releases found." in searched
