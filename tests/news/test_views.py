import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import news.search
from news.models import NewsRelease
from tests import sitemap
from tests.user_agents import BROWSER

from .conftest import make_news_release

pytestmark = pytest.mark.django_db


def visit(client, release, **headers):
    return client.get(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER, **headers)


def shown_count(response):
    return int(re.search(r'class="views">\s*(\d+) views?', response.text).group(1))


def test_a_visit_counts_and_the_page_shows_the_count_including_it(client, release):
    assert shown_count(visit(client, release)) == 1
    assert shown_count(visit(client, release)) == 2
    release.refresh_from_db()
    assert release.view_count == 2


def test_release_page_shows_title_author_date_body_and_count(client):
    release = make_news_release(
        release_time=timezone.make_aware(timezone.datetime(2021, 6, 9, 9, 0)), view_count=10
    )
    response = visit(client, release)
    assert response.status_code == 200
    assert release.title in response.text
    assert "闫倩倩" in response.text
    assert ">2021-06-09<" in response.text
    assert "The universities signed a memorandum of cooperation." in response.text
    assert shown_count(response) == 11


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_prefetches_are_not_counted(client, release, headers):
    response = visit(client, release, **headers)
    assert response.status_code == 200
    release.refresh_from_db()
    assert release.view_count == 0


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (compatible; 360Spider)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "TelegramBot (like TwitterBot)",
        "WhatsApp/2.23.20.0 A",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ChatGPT-User/1.0; +https://openai.com/bot)",
        "anthropic-ai",
        "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 MicroMessenger/8.0 WeChat spider",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "",
    ],
)
def test_crawlers_unfurlers_and_empty_agents_are_not_counted(client, release, agent):
    response = client.get(release.get_absolute_url(), HTTP_USER_AGENT=agent)
    assert response.status_code == 200
    release.refresh_from_db()
    assert release.view_count == 0


def test_head_requests_are_not_counted(client, release):
    response = client.head(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    release.refresh_from_db()
    assert release.view_count == 0


def test_release_page_is_never_stored_by_a_shared_cache(client, release):
    response = visit(client, release)
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_missing_slug_redirects_permanently_to_the_canonical_url_without_counting(client, release):
    response = client.get(f"/news/{release.pk}/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 301
    assert response["Location"] == release.get_absolute_url()
    release.refresh_from_db()
    assert release.view_count == 0


def test_stale_slug_after_a_title_change_redirects_to_the_canonical_url(client, release):
    old_url = release.get_absolute_url()
    release.slug = "a-new-slug"
    release.save()
    response = client.get(old_url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 301
    assert response["Location"] == f"/news/{release.pk}/a-new-slug/"
    release.refresh_from_db()
    assert release.view_count == 0


def test_unicode_slug_urls_resolve(client):
    release = make_news_release(title="我校与伊尔库茨克国立技术大学签署合作协议")
    response = visit(client, release)
    assert response.status_code == 200
    assert shown_count(response) == 1


@pytest.mark.parametrize(
    ("status", "offset"),
    [
        (NewsRelease.Status.DRAFT, timedelta(days=-1)),
        (NewsRelease.Status.PUBLISHED, timedelta(minutes=1)),
    ],
)
def test_drafts_and_scheduled_releases_are_404_to_the_public(client, status, offset):
    release = make_news_release(status=status, release_time=timezone.now() + offset)
    assert visit(client, release).status_code == 404
    assert client.get(f"/news/{release.pk}/").status_code == 404
    release.refresh_from_db()
    assert release.view_count == 0


def test_staff_preview_a_draft_marked_as_preview_not_counted_and_not_cached(admin_client):
    release = make_news_release(status=NewsRelease.Status.DRAFT)
    response = visit(admin_client, release)
    assert response.status_code == 200
    assert "Preview" in response.text
    assert "no-store" in response["Cache-Control"]
    release.refresh_from_db()
    assert release.view_count == 0


def test_previous_and_next_links_skip_drafts_and_scheduled_releases(client, now):
    older = make_news_release(title="Older", release_time=now - timedelta(days=3))
    make_news_release(
        title="Hidden draft", status=NewsRelease.Status.DRAFT, release_time=now - timedelta(days=2)
    )
    current = make_news_release(title="Current", release_time=now - timedelta(days=1))
    make_news_release(title="Scheduled", release_time=now + timedelta(minutes=1))
    response = visit(client, current)
    assert response.context["older"] == older
    assert "newer" not in response.context
    assert "Hidden draft" not in response.text
    assert "Scheduled" not in response.text
    newer_response = visit(client, older)
    assert newer_response.context["newer"] == current


def test_release_page_has_canonical_and_opengraph_tags(client, release):
    html = visit(client, release).text
    canonical = f"http://testserver{release.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert f'<meta property="og:title" content="{release.title}">' in html


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
    assert ">2021-06-09<" in html
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
    with django_assert_max_num_queries(4):
        assert client.get("/news/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/news/", {"q": "memorandum", "page": "2"}).status_code == 200


@pytest.mark.parametrize("releases", [3, 25])
def test_detail_page_takes_a_fixed_number_of_queries_including_the_count(
    client, django_assert_max_num_queries, releases, now
):
    for day in range(releases):
        make_news_release(release_time=now - timedelta(days=day + 1))
    release = NewsRelease.objects.published()[1]
    client.get("/")
    with django_assert_max_num_queries(4):
        assert visit(client, release).status_code == 200
    release.refresh_from_db()
    assert release.view_count == 1


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
    popular = make_news_release(
        title="Popular old news", view_count=500, release_time=now - timedelta(days=300)
    )
    latest = make_news_release(title="Fresh news", release_time=now - timedelta(minutes=5))
    make_news_release(title="Popular draft", view_count=900, status=NewsRelease.Status.DRAFT)
    make_news_release(
        title="Popular long ago", view_count=800, release_time=now - timedelta(days=400)
    )
    response = client.get("/")
    assert response.context["latest_releases"][0] == latest
    assert response.context["most_read_releases"][0] == popular
    assert "Popular draft" not in response.text
    # The most read of the past year.
    assert [r.title for r in response.context["most_read_releases"]] == [
        "Popular old news",
        "Fresh news",
    ]


def test_a_release_in_a_new_year_appears_in_the_archive_at_once(client):
    make_news_release(release_time=timezone.make_aware(timezone.datetime(2021, 6, 9)))
    assert client.get("/news/").context["years"] == [2021]
    make_news_release(release_time=timezone.make_aware(timezone.datetime(2024, 2, 1)))
    assert client.get("/news/").context["years"] == [2021, 2024]
