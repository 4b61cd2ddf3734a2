"""Public pages kept rendered for a few seconds (core/pagecache.py).

A cached page must never be wrong where a visitor would notice: a staff edit shows at
once, a release's own page shows its live count, signed-in staff always see pages
rendered fresh, and each language and each address has its own copy.
"""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from news.models import NewsRelease
from partners.models import Agreement, AgreementKind, Ranking, RankingSystem
from tests.counting import counting_statements
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution
from tests.user_agents import BROWSER


@pytest.fixture
def institution(db):
    return make_institution()


@pytest.fixture
def release(db, institution):
    release = make_news_release()
    release.partners.add(institution)
    return release


def get(client, path):
    response = client.get(path, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200, path
    return response.content.decode()


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        get(client, path)
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/news/?q=memorandum", "/news/feed/", "/partners/", "/ru/news/"]
)
def test_a_page_seen_again_within_seconds_costs_no_query(client, office, release, path):
    assert queries_for(client, path) > 0
    assert queries_for(client, path) == 0


def test_a_partner_page_seen_again_costs_no_query(client, office, release, institution):
    get(client, institution.get_absolute_url())
    assert queries_for(client, institution.get_absolute_url()) == 0


def test_a_cached_release_page_still_counts_and_shows_the_live_count(client, office, release):
    first = get(client, release.get_absolute_url())
    assert "1 view" in first
    with CaptureQueriesContext(connection) as queries:
        second = get(Client(), release.get_absolute_url())
    # One statement counts the visit and brings the new count back, one adds it to
    # the day's figure.
    assert [q["sql"].split()[0] for q in queries] == counting_statements()
    assert "2 views" in second
    NewsRelease.objects.filter(pk=release.pk).update(view_count=41)  # other visitors
    assert "42 views" in get(Client(), release.get_absolute_url())
    assert second.replace("2 views", "42 views") == get(
        Client(), release.get_absolute_url()
    ).replace("43 views", "42 views")


def test_a_reload_served_from_the_cache_reads_the_count_and_adds_nothing(client, office, release):
    get(client, release.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        reloaded = get(client, release.get_absolute_url())
    assert [q["sql"].split()[0] for q in queries] == ["SELECT"]
    assert "1 view" in reloaded


def test_a_crawler_sees_the_live_count_on_a_cached_page_without_counting(client, office, release):
    get(client, release.get_absolute_url())
    crawler = {"user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(release.get_absolute_url(), headers=crawler)
    assert [q["sql"].split()[0] for q in queries] == ["SELECT"]
    assert "1 view" in response.content.decode()


def test_a_release_unpublished_behind_the_cache_is_gone_at_once(client, office, release):
    get(client, release.get_absolute_url())
    # No signal from a bulk update: the cached page is found, the live count is not.
    NewsRelease.objects.filter(pk=release.pk).update(status=NewsRelease.Status.DRAFT)
    assert client.get(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code == 404


def test_a_staff_edit_shows_at_once_on_every_cached_page(client, office, release, institution):
    pages = ["/", "/news/", release.get_absolute_url(), "/news/feed/"]
    for path in pages:
        get(client, path)
    release.title = "Memorandum signed with Irkutsk, updated"
    release.save()
    for path in pages:
        assert "Memorandum signed with Irkutsk, updated" in get(client, path), path


def test_a_new_release_shows_at_once(client, office, release):
    get(client, "/news/")
    make_news_release(title="Summer school in Irkutsk")
    assert "Summer school in Irkutsk" in get(client, "/news/")


def test_a_deleted_release_leaves_the_lists_at_once(client, office, release):
    assert release.title in get(client, "/news/")
    release.delete()
    assert release.title not in get(client, "/news/")


def test_edits_to_partners_rankings_and_agreements_show_at_once(
    client, office, release, institution
):
    path = institution.get_absolute_url()
    get(client, path)
    Ranking.objects.create(
        institution=institution, system=RankingSystem.objects.first(), year=2026, rank_from=777
    )
    assert "777" in get(client, path)
    Agreement.objects.create(
        institution=institution,
        kind=AgreementKind.MEMORANDUM,
        signed_on="2025-05-20",
        programmes="Aircraft manufacturing engineering",
    )
    assert "Aircraft manufacturing engineering" in get(client, path)
    institution.city = "Иркутск"
    institution.save()
    assert "Иркутск" in get(client, "/partners/")


def test_linking_a_partner_to_a_release_shows_at_once(client, office, release):
    other = make_institution(name="Harbin Institute of Technology", city="Harbin", country="CN")
    get(client, release.get_absolute_url())
    release.partners.add(other)
    assert "Harbin Institute of Technology" in get(client, release.get_absolute_url())


def test_an_office_edit_shows_in_every_footer_at_once(client, office, release):
    get(client, "/news/")
    office.telephone = "+86-543-0000000"
    office.save()
    assert "+86-543-0000000" in get(client, "/news/")


def test_signed_in_staff_always_get_a_fresh_page(client, office, release, admin_user):
    get(client, "/news/")
    # Changed without a signal: anonymous visitors keep the copy for a few seconds.
    NewsRelease.objects.filter(pk=release.pk).update(title="Changed behind the cache")
    assert "Changed behind the cache" not in get(client, "/news/")
    client.force_login(admin_user)
    assert "Changed behind the cache" in get(client, "/news/")


def test_cached_copies_expire_after_the_configured_seconds(client, settings, office, release):
    settings.PUBLIC_PAGE_SECONDS = 1
    get(client, "/news/")
    NewsRelease.objects.filter(pk=release.pk).update(title="A scheduled release went live")
    time.sleep(1.2)
    assert "A scheduled release went live" in get(client, "/news/")


def test_zero_seconds_turns_the_page_cache_off(client, settings, office, release):
    settings.PUBLIC_PAGE_SECONDS = 0
    get(client, "/news/")
    assert queries_for(client, "/news/") > 0


def test_each_language_and_each_address_has_its_own_copy(client, office, release):
    english = get(client, "/news/")
    russian = get(client, "/ru/news/")
    assert '<html lang="en"' in english
    assert '<html lang="ru"' in russian
    assert get(client, "/news/") == english
    assert "memorandum" in get(client, "/news/?q=memorandum").lower()
    assert release.title not in get(client, "/news/?q=nothing-matches-this")


def test_a_not_found_page_is_not_cached(client, office):
    assert client.get("/partners/nowhere/", HTTP_USER_AGENT=BROWSER).status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/partners/nowhere/", HTTP_USER_AGENT=BROWSER).status_code == 404
    assert len(queries) > 0


# Query parameters: only those a view reads make a page of its own.

CAMPAIGN = "utm_source=newsletter&utm_medium=email&fbclid=IwAR0xyz&made_up=1"


@pytest.mark.parametrize("path", ["/", "/news/", "/news/feed/", "/partners/", "/ru/news/"])
def test_parameters_the_view_does_not_read_are_served_the_cached_page(
    client, office, release, path
):
    page = get(client, path)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, f"{path}?{CAMPAIGN}") == page
    assert len(queries) == 0


def test_a_release_page_with_campaign_parameters_is_the_cached_page_with_its_count(
    client, office, release
):
    get(client, release.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        page = get(Client(), f"{release.get_absolute_url()}?{CAMPAIGN}")
    assert [q["sql"].split()[0] for q in queries] == counting_statements()
    assert "2 views" in page


def test_a_page_first_asked_for_with_made_up_parameters_links_without_them(client, office, release):
    for number in range(11):  # two pages of news
        make_news_release(title=f"Delegation visit {number}")
    news = get(client, f"/news/?{CAMPAIGN}")
    detail = get(client, f"{release.get_absolute_url()}?{CAMPAIGN}")

    assert 'href="?page=2"' in news
    assert 'hreflang="ru" href="http://testserver/ru/news/"' in news
    assert f'rel="canonical" href="http://testserver{release.get_absolute_url()}"' in detail
    for page in (news, detail):
        assert "utm_source" not in page
        assert "made_up" not in page
    assert queries_for(client, "/news/") == 0


@pytest.mark.parametrize(
    "variant",
    [
        "?year={year}&q=memorandum",  # another order
        "?q=summer&q=memorandum&year={year}",  # repeated: the last one counts, as in the view
        "?q=memorandum&year={year}&page=&utm_source=x",  # empty and unread ones
    ],
)
def test_the_parameters_a_view_reads_make_one_copy_in_whatever_form(
    client, office, release, variant
):
    year = release.release_time.year
    page = get(client, f"/news/?q=memorandum&year={year}")
    assert release.title in page
    with CaptureQueriesContext(connection) as queries:
        assert get(client, "/news/" + variant.format(year=year)) == page
    assert len(queries) == 0


def test_empty_parameters_are_the_page_without_them(client, office, release):
    page = get(client, "/partners/")
    assert queries_for(client, "/partners/?q=&country=&sort=&page=") == 0
    assert get(client, "/partners/?q=&country=&sort=&page=") == page
