"""The release page: what it shows, which visits it counts, its redirects to the
canonical address, drafts and previews, and its query count."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from news.models import NewsRelease
from tests.user_agents import BROWSER

from .conftest import make_news_release, visit

pytestmark = pytest.mark.django_db


def shown_count(response):
    return int(re.search(r'class="views">\s*(\d+) views?', response.text).group(1))


def test_a_visit_counts_and_the_page_shows_the_count_including_it(client, release):
    assert shown_count(visit(client, release)) == 1
    assert shown_count(visit(Client(), release)) == 2
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
    assert ">9 June 2021<" in response.text
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


@pytest.mark.parametrize("releases", [3, 25])
def test_detail_page_takes_a_fixed_number_of_queries_including_the_count(
    client, django_assert_max_num_queries, releases, now
):
    for day in range(releases):
        make_news_release(release_time=now - timedelta(days=day + 1))
    release = NewsRelease.objects.published()[1]
    client.get("/")
    # The count's UPDATE and the day's upsert, the release, its partners, its topics,
    # its public documents, its neighbours (a release without topics or partners asks
    # for no related releases: see tests/news/test_topics_related.py for those).
    with django_assert_max_num_queries(7):
        assert visit(client, release).status_code == 200
    release.refresh_from_db()
    assert release.view_count == 1


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_the_count_a_cached_release_page_shows_reads_as_the_template_writes_it(language):
    from django.template.loader import render_to_string
    from django.utils import translation

    from news.views import view_count_html

    with translation.override(language):
        for count in [0, 1, 2, 4, 5, 11, 21, 22, 25, 101, 1000, 1234567]:
            rendered = render_to_string("news/_view_count.html", {"release": {"view_count": count}})
            assert view_count_html(count) == rendered
