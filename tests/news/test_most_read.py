"""Most read, by period: this week, this month, this year (calendar periods in the
office's time zone, from the per-day figures) and all time (the totals), on the home
page and the news list, chosen by links that need no script."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from news.models import NewsRelease, Period
from tests.news.conftest import make_news_release, read_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def most_read_block(html):
    return re.search(r'<section class="most-read-block".*?</section>', html, re.S).group(0)


def listed(html):
    block = most_read_block(html)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", block.split('<ol class="most-read">')[-1], re.S)
    ]


def current_period(html):
    return re.findall(r'<a href="[^"]*"\s*aria-current="true">([^<]*)</a>', most_read_block(html))


@pytest.mark.parametrize(
    ("period", "first_day"),
    [
        (Period.WEEK, date(2026, 11, 23)),
        (Period.MONTH, date(2026, 11, 1)),
        (Period.YEAR, date(2026, 1, 1)),
        (Period.ALL, None),
    ],
)
def test_a_period_starts_on_monday_the_first_of_the_month_or_the_first_of_january(
    period, first_day
):
    assert period.first_day(date(2026, 11, 29)) == first_day  # a Sunday
    if first_day is not None:
        assert period.first_day(first_day) == first_day


def test_the_most_read_of_a_period_are_ordered_by_that_periods_views_not_the_totals(now, today):
    famous = make_news_release(title="Famous", release_time=now - timedelta(days=800))
    read_on(famous, today - timedelta(days=700), 5000)
    read_on(famous, today, 1)
    fresh = make_news_release(title="Fresh")
    read_on(fresh, today, 3, "en")
    read_on(fresh, today, 4, "ru")
    before_the_week = Period.WEEK.first_day() - timedelta(days=1)
    last_week = make_news_release(title="Last week", release_time=now - timedelta(days=20))
    read_on(last_week, before_the_week, 90)
    read_on(last_week, Period.WEEK.first_day(), 2)

    week = NewsRelease.objects.published().most_read(Period.WEEK, 5)
    every = NewsRelease.objects.published().most_read(Period.ALL, 5)

    assert [(r.title, r.period_views) for r in week] == [
        ("Fresh", 7),
        ("Last week", 2),
        ("Famous", 1),
    ]
    assert [(r.title, r.period_views) for r in every] == [
        ("Famous", 5001),
        ("Last week", 92),
        ("Fresh", 7),
    ]


def test_drafts_scheduled_and_archived_releases_are_never_among_the_most_read(now, today):
    read_on(make_news_release(title="Public"), today, 1)
    for hidden in [
        make_news_release(title="Draft", status=NewsRelease.Status.DRAFT),
        make_news_release(title="Scheduled", release_time=now + timedelta(days=1)),
        make_news_release(title="Archived", expires_at=now - timedelta(minutes=1)),
    ]:
        read_on(hidden, today, 100)

    for period in Period:
        titles = [r.title for r in NewsRelease.objects.published().most_read(period, 5)]
        assert titles == ["Public"], period


@pytest.mark.parametrize("address", ["/", "/news/"])
def test_each_period_is_a_link_that_shows_its_own_figures(client, address, now, today):
    release = make_news_release(title="Read before the week")
    read_on(release, Period.WEEK.first_day() - timedelta(days=400), 40)
    read_on(make_news_release(title="Read today"), today, 2)

    week = client.get(address, {"read": "week"}).text
    every = client.get(address, {"read": "all"}).text

    assert current_period(week) == ["This week"]
    assert listed(week) == ["Read today 2 views this week"]
    assert current_period(every) == ["All time"]
    assert listed(every) == ["Read before the week 40 views", "Read today 2 views"]
    links = re.findall(r'<a href="([^"]*)"', most_read_block(week))[:4]
    assert links == [
        "?read=week#most-read",
        "?#most-read",
        "?read=year#most-read",
        "?read=all#most-read",
    ]


@pytest.mark.parametrize("address", ["/", "/news/"])
def test_a_period_nothing_was_read_in_says_so_and_still_offers_the_others(client, address, today):
    read_on(make_news_release(), Period.YEAR.first_day() - timedelta(days=1), 3)

    html = client.get(address, {"read": "week"}).text

    assert "Nothing has been read yet this week." in most_read_block(html)
    assert current_period(html) == ["This week"]
    assert "?read=all#most-read" in most_read_block(html)


@pytest.mark.parametrize("address", ["/", "/news/"])
def test_a_site_where_nothing_was_ever_read_shows_no_most_read_block(client, address):
    make_news_release()

    assert "most-read" not in client.get(address, {"read": "all"}).text


@pytest.mark.parametrize("address", ["/", "/news/"])
def test_an_unknown_period_shows_this_month_from_the_same_cached_copy(
    client, address, today, django_assert_num_queries
):
    read_on(make_news_release(title="Read today"), today, 2)
    first = client.get(address, {"read": "fortnight"}).text
    assert current_period(first) == ["This month"]
    assert listed(first) == ["Read today 2 views this month"]

    for made_up in ["decade", "month", "", "week\x00"]:
        with django_assert_num_queries(0):
            assert Client().get(address, {"read": made_up}).text == first
    with django_assert_num_queries(0):
        assert Client().get(address).text == first


def read_a_lot(releases, days, now, today):
    for number in range(releases):
        release = make_news_release(
            title=f"Release {number}", release_time=now - timedelta(days=days + number)
        )
        for day in range(days):
            read_on(release, today - timedelta(days=day), number + 1, "en")
            read_on(release, today - timedelta(days=day), 1, "zh-hans")


@pytest.mark.parametrize(("address", "queries"), [("/", 4), ("/news/", 3)])
@pytest.mark.parametrize("read", ["week", "month", "year", "all"])
@pytest.mark.parametrize(("releases", "days"), [(2, 1), (12, 9)])
def test_a_most_read_page_costs_a_fixed_number_of_queries_then_none_from_the_page_cache(
    client, address, queries, read, releases, days, now, today, django_assert_num_queries
):
    read_a_lot(releases, days, now, today)
    # What any earlier visitor leaves cached: the office's details, the menu, the
    # years, another period's most read.
    client.get("/news/", {"page": "9", "read": "week" if read == "month" else "month"})

    with django_assert_num_queries(queries):
        assert "most-read-block" in client.get(address, {"read": read}).text
    with django_assert_num_queries(0):
        assert "most-read-block" in Client().get(address, {"read": read}).text
