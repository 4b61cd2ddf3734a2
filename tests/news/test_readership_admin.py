"""Readership in the admin: views per day and language of the site and of a release,
over a chosen period, as counted; the most read of the period; the CSV export; the
sparkline column of the list; who may see them; and a fixed number of queries."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease
from news.models.readership import DailyViews
from tests.conftest import make_staff_user
from tests.news.conftest import make_news_release

pytestmark = pytest.mark.django_db

SITE = reverse("admin:news_newsrelease_readership")
SITE_CSV = reverse("admin:news_newsrelease_readership_csv")
CHANGELIST = reverse("admin:news_newsrelease_changelist")
LANGUAGES = ["en", "zh-hans", "ru", ""]
BOM = "\ufeff".encode()


def page_of(release):
    return reverse("admin:news_newsrelease_release_readership", args=[release.pk])


def csv_of(release):
    return reverse("admin:news_newsrelease_release_readership_csv", args=[release.pk])


def count_visits(release, language, times=1):
    for _ in range(times):
        NewsRelease.objects.published().count_visit(release.pk, language=language)


def add_past_views(release, days_ago, language, views):
    DailyViews.objects.create(
        release=release,
        day=timezone.localdate() - timedelta(days=days_ago),
        language=language,
        views=views,
    )


def figures(response):
    """{day: {language: views}} from the chart the page drew."""
    chart = response.context["chart"]
    keys = [one.key for one in chart["series"]]
    return {day: dict(zip(keys, values, strict=True)) for day, values, _total in chart["rows"]}


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def releases():
    """A release read today in Russian (twice) and English, and 40 days ago in
    Chinese; another read 100 days ago, before figures had a language."""
    summer = make_news_release(title="Летняя школа 夏令营", release_time=timezone.now())
    count_visits(summer, "ru", 2)
    count_visits(summer, "en")
    add_past_views(summer, 40, "zh-hans", 5)
    old = make_news_release(title="An older release", slug="older")
    add_past_views(old, 100, "", 7)
    return summer, old


def test_the_site_page_shows_what_was_counted_per_day_and_language(admin_client, releases):
    summer, _old = releases
    response = admin_client.get(SITE, {"days": "7"})
    assert response.status_code == 200
    shown = figures(response)
    today = timezone.localdate()
    assert list(shown) == [today - timedelta(days=n) for n in range(6, -1, -1)]
    assert shown[today] == {"en": 1, "zh-hans": 0, "ru": 2, "": 0}
    assert all(sum(day.values()) == 0 for when, day in shown.items() if when != today)
    assert response.context["chart"]["total"] == 3
    assert response.context["most_read"] == [(summer, 3)]
    html = response.text
    assert 'role="img"' in html and "<title" in html and "<table>" in html
    assert "Русский" in html and "简体中文" in html
    assert " style=" not in html and "<script>" not in html


def test_the_period_switch_takes_in_older_days_and_fills_every_gap(admin_client, releases):
    summer, old = releases
    month = figures(admin_client.get(SITE, {"days": "30"}))
    assert len(month) == 30 and sum(sum(day.values()) for day in month.values()) == 3
    quarter = admin_client.get(SITE, {"days": "90"})
    assert len(figures(quarter)) == 90
    assert figures(quarter)[timezone.localdate() - timedelta(days=40)]["zh-hans"] == 5
    year = admin_client.get(SITE, {"days": "365"})
    shown = figures(year)
    assert len(shown) == 365
    assert shown[timezone.localdate() - timedelta(days=100)][""] == 7
    assert year.context["chart"]["totals"] == [1, 5, 2, 7]
    assert year.context["most_read"] == [(summer, 8), (old, 7)]


@pytest.mark.parametrize("days", ["", "8", "abc", "-30", "365.0", "９０"])
def test_a_bad_period_falls_back_to_30_days(admin_client, releases, days):
    response = admin_client.get(SITE, {"days": days})
    assert response.status_code == 200
    assert response.context["period"] == 30 and len(figures(response)) == 30


def test_a_release_page_shows_only_that_release(admin_client, releases):
    summer, old = releases
    response = admin_client.get(page_of(summer), {"days": "90"})
    assert response.status_code == 200
    assert response.context["chart"]["totals"] == [1, 5, 2, 0]
    assert response.context["most_read"] is None
    assert "Летняя школа 夏令营" in response.text
    assert admin_client.get(page_of(old), {"days": "365"}).context["chart"]["total"] == 7


@pytest.mark.parametrize("object_id", ["999999", "abc"])
def test_the_page_of_an_unknown_release_is_not_found(admin_client, db, object_id):
    url = reverse("admin:news_newsrelease_release_readership", args=[object_id])
    assert admin_client.get(url).status_code == 404
    assert admin_client.get(url.replace("readership/", "readership.csv")).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, releases):
    summer, _old = releases
    for url in [SITE, SITE_CSV, page_of(summer), csv_of(summer)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_staff_who_may_not_view_releases_are_refused(staff_client, releases):
    summer, _old = releases
    for url in [SITE, SITE_CSV, page_of(summer), csv_of(summer)]:
        response = staff_client.get(url)
        assert response.status_code == 403
        assert "Летняя" not in response.content.decode()


def test_news_editors_and_staff_who_may_view_releases_see_the_pages(
    news_editor_client, client, django_user_model, releases
):
    summer, _old = releases
    assert news_editor_client.get(SITE).status_code == 200
    reader = make_staff_user(django_user_model, "reader", "view_newsrelease")
    client.force_login(reader)
    for url in [SITE, SITE_CSV, page_of(summer), csv_of(summer)]:
        assert client.get(url).status_code == 200


def test_the_pages_link_to_each_other_from_the_admin(admin_client, releases):
    summer, _old = releases
    assert SITE in admin_client.get(reverse("admin:index")).text
    assert SITE in admin_client.get(CHANGELIST).text
    change = reverse("admin:news_newsrelease_change", args=[summer.pk])
    assert page_of(summer) in admin_client.get(change).text
    site = admin_client.get(SITE).text
    assert page_of(summer) in site and change in site


def test_the_csv_of_the_site_has_a_row_a_day_a_column_a_language_and_a_bom(admin_client, releases):
    response = admin_client.get(SITE_CSV, {"days": "7"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="readership-site-7-days-')
    rows = read_csv(response)
    assert rows[0] == ["Day", "English", "简体中文", "Русский", "Not recorded", "Total"]
    assert len(rows) == 8
    assert rows[-1] == [timezone.localdate().isoformat(), "1", "0", "2", "0", "3"]
    assert all(row[1:] == ["0"] * 5 for row in rows[1:-1])


def test_the_csv_of_a_release_keeps_chinese_and_russian_titles(admin_client, releases):
    summer, _old = releases
    response = admin_client.get(csv_of(summer), {"days": "90"})
    assert response.content.startswith(BOM)
    assert f'filename="readership-release-{summer.pk}-90-days-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][0] == "Release" and len(rows) == 91
    assert {row[0] for row in rows[1:]} == {"Летняя школа 夏令营"}
    assert sum(int(row[-1]) for row in rows[1:]) == 8


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)"])
def test_a_title_that_looks_like_a_formula_is_written_as_text(admin_client, title):
    release = make_news_release(title=title)
    count_visits(release, "en")
    rows = read_csv(admin_client.get(csv_of(release), {"days": "7"}))
    assert rows[-1][0] == f"'{title}"


def test_the_release_list_shows_a_sparkline_of_the_last_30_days(admin_client, releases):
    summer, _old = releases
    add_past_views(summer, 29, "en", 4)
    add_past_views(summer, 30, "en", 100)  # a day too old for the sparkline
    response = admin_client.get(CHANGELIST)
    rows = {release.pk: release.recent_views for release in response.context["cl"].result_list}
    assert len(rows[summer.pk]) == 30
    assert rows[summer.pk][0] == 4 and rows[summer.pk][-1] == 3 and sum(rows[summer.pk]) == 7
    assert 'aria-label="7 views in the last 30 days"' in response.text
    assert f'href="{page_of(summer)}"' in response.text


def queries_of(client, url, params=None):
    client.get(url, params)  # the session and permissions are read once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_sparklines_take_one_query_however_many_rows(admin_client, releases):
    few = queries_of(admin_client, CHANGELIST)
    for index in range(30):
        release = make_news_release(title=f"Release {index}", slug=f"release-{index}")
        count_visits(release, "en")
        add_past_views(release, 10, "ru", 2)
    assert queries_of(admin_client, CHANGELIST) == few


def test_each_readership_page_takes_a_fixed_number_of_queries(admin_client, releases):
    summer, _old = releases
    for index in range(30):
        release = make_news_release(title=f"Release {index}", slug=f"release-{index}")
        for days_ago in range(0, 300, 7):
            add_past_views(release, days_ago, "ru", 2)
    # The session and the user, the figures, the most read and their titles, and the
    # office's own check of the admin's list of apps.
    assert queries_of(admin_client, SITE, {"days": "7"}) == 6
    assert queries_of(admin_client, SITE, {"days": "365"}) == 6
    assert queries_of(admin_client, SITE_CSV, {"days": "365"}) == 3
    # The session, the user, the release, its figures (and the list of apps).
    assert queries_of(admin_client, page_of(summer), {"days": "7"}) == 5
    assert queries_of(admin_client, page_of(summer), {"days": "365"}) == 5
    assert queries_of(admin_client, csv_of(summer), {"days": "365"}) == 4


def test_the_chart_writes_coordinates_as_svg_numbers_in_a_language_with_decimal_commas(
    admin_client, releases
):
    response = admin_client.get("/ru" + SITE, {"days": "365"})
    assert response.status_code == 200
    html = response.text
    start = html.index('<svg class="chart-bars"')
    svg = html[start : html.index("</svg>", start)]
    assert re.search(r' (x|y|width|height)="\d+\.\d+"', svg)
    assert not re.search(r'="[\d.]*,\d', svg)


def test_a_period_without_views_says_so_and_draws_a_zero_for_each_day(admin_client, release):
    response = admin_client.get(SITE, {"days": "7"})
    assert "No views in this period." in response.text
    assert [sum(day.values()) for day in figures(response).values()] == [0] * 7
    assert response.context["most_read"] == []
