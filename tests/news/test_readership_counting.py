"""A visit, not a request, and the figures of each day: what a reader's browser and
the database see when a release is read."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from news.models import DailyViews, NewsRelease
from news.visits import REMEMBERED_VISITS, VISITS_COOKIE
from tests.counting import counting_statements
from tests.user_agents import BROWSER

from .conftest import make_news_release, visit

pytestmark = pytest.mark.django_db


def address_in(release, language):
    with translation.override(language):
        return release.get_absolute_url()


def read(client, path, **headers):
    response = client.get(path, HTTP_USER_AGENT=BROWSER, **headers)
    assert response.status_code == 200, path
    return response


def total(release):
    release.refresh_from_db()
    return release.view_count


def days_of(release):
    return {
        (row.day, row.language): row.views
        for row in DailyViews.objects.filter(release=release).order_by("day", "language")
    }


def test_reloading_a_release_ten_times_is_one_visit(client, release):
    for _ in range(10):
        read(client, release.get_absolute_url())
    assert total(release) == 1


def test_reading_the_release_in_another_language_is_the_same_visit(client, release):
    for language in ["en", "zh-hans", "ru", "en"]:
        read(client, address_in(release, language))
    assert total(release) == 1


def test_browsers_count_apart_even_with_the_same_address_and_browser_version(release):
    for _ in range(3):
        read(Client(REMOTE_ADDR="10.0.0.1"), release.get_absolute_url())
    assert total(release) == 3


def test_a_browser_reading_two_releases_counts_each_once(client, release):
    other = make_news_release(title="Delegation from Kazan")
    for _ in range(2):
        read(client, release.get_absolute_url())
        read(client, other.get_absolute_url())
    assert (total(release), total(other)) == (1, 1)


def test_a_visit_after_the_window_counts_again(client, release, settings):
    settings.VISIT_WINDOW_SECONDS = 1
    read(client, release.get_absolute_url())
    time.sleep(1.1)
    read(client, release.get_absolute_url())
    assert total(release) == 2


def test_a_window_of_zero_counts_every_view_and_sets_no_cookie(client, release, settings):
    settings.VISIT_WINDOW_SECONDS = 0
    for _ in range(3):
        assert VISITS_COOKIE not in read(client, release.get_absolute_url()).cookies
    assert total(release) == 3


def test_the_cookie_holds_only_release_ids_and_times_and_lives_for_the_window(client, release):
    response = read(client, release.get_absolute_url(), REMOTE_ADDR="203.0.113.7")
    cookie = response.cookies[VISITS_COOKIE]
    pk, moment = cookie.value.split(".")
    assert int(pk, 36) == release.pk
    assert abs(int(moment, 36) - time.time()) < 60
    assert cookie["max-age"] == 1800
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_a_reload_in_the_window_sets_no_cookie_again(client, release):
    read(client, release.get_absolute_url())
    assert VISITS_COOKIE not in read(client, release.get_absolute_url()).cookies


def test_the_cookie_remembers_only_the_newest_releases(client):
    releases = [make_news_release(title=f"Visit {n}") for n in range(REMEMBERED_VISITS + 5)]
    for release in releases:
        response = read(client, release.get_absolute_url())
    remembered = response.cookies[VISITS_COOKIE].value.split("_")
    assert len(remembered) == REMEMBERED_VISITS
    assert len(response.cookies[VISITS_COOKIE].value) < 1024


@pytest.mark.parametrize(
    "value",
    ["garbage", "zz.zz_..__", "1." + "z" * 40, "_" * 5000, "-1.abc", "1.2.3", "%D0%B1.1"],
)
def test_a_malformed_cookie_is_ignored_and_the_visit_counts(release, value):
    reader = Client()
    reader.cookies[VISITS_COOKIE] = value
    read(reader, release.get_absolute_url())
    assert total(release) == 1


def test_a_cookie_naming_a_visit_older_than_the_window_counts_again(release):
    reader = Client()
    long_ago = int(time.time()) - 3600
    reader.cookies[VISITS_COOKIE] = f"{to_base36(release.pk)}.{to_base36(long_ago)}"
    read(reader, release.get_absolute_url())
    assert total(release) == 1


def to_base36(number):
    from django.utils.http import int_to_base36

    return int_to_base36(number)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Baiduspider/2.0)"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch"},
    ],
)
def test_what_is_not_counted_sets_no_cookie_and_adds_no_day(client, release, headers):
    response = client.get(release.get_absolute_url(), **headers)
    assert response.status_code == 200
    assert VISITS_COOKIE not in response.cookies
    assert total(release) == 0
    assert not DailyViews.objects.exists()


def test_a_head_request_counts_nothing(client, release):
    client.head(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert total(release) == 0
    assert not DailyViews.objects.exists()


def test_each_visit_goes_to_its_day_in_the_office_time_zone_and_its_language(release):
    for language, readers in [("en", 2), ("zh-hans", 3), ("ru", 1)]:
        for _ in range(readers):
            read(Client(), address_in(release, language))
    today = timezone.localdate()
    assert days_of(release) == {(today, "en"): 2, (today, "ru"): 1, (today, "zh-hans"): 3}
    assert total(release) == 6


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_day_is_the_offices_whatever_the_servers_clock(release, settings, zone):
    # Fourteen hours ahead of UTC and eleven behind: never the same date.
    settings.TIME_ZONE = zone
    read(Client(), release.get_absolute_url())
    office_today = datetime.now(ZoneInfo(zone)).date()
    assert list(days_of(release)) == [(office_today, "en")]


def test_the_total_equals_the_sum_of_the_days(release):
    DailyViews.objects.create(
        release=release, day=timezone.localdate() - timedelta(days=3), language="ru", views=0
    )
    for _ in range(4):
        read(Client(), release.get_absolute_url())
    for _ in range(2):
        read(Client(), address_in(release, "ru"))
    summed = DailyViews.objects.filter(release=release).aggregate(views=Sum("views"))["views"]
    assert summed == total(release) == 6


def test_an_unpublished_release_adds_no_day(release):
    release.status = NewsRelease.Status.DRAFT
    release.save()
    assert NewsRelease.objects.published().count_visit(release.pk) is None
    assert not DailyViews.objects.exists()


def test_a_counted_visit_is_one_update_and_one_upsert(release):
    reader = Client()
    read(reader, "/")
    with CaptureQueriesContext(connection) as queries:
        read(reader, release.get_absolute_url())
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"UPDATE", "INSERT", "WITH"}]
    assert [sql.split()[0] for sql in writes] == counting_statements()
    assert "ON CONFLICT" in writes[-1]


def test_deleting_a_release_deletes_its_days(release):
    read(Client(), release.get_absolute_url())
    release.delete()
    assert not DailyViews.objects.exists()


def test_nothing_about_the_reader_is_stored(tmp_path, release):
    agent = BROWSER + " ReaderFingerprint/42.0"
    Client(REMOTE_ADDR="198.51.100.23").get(release.get_absolute_url(), HTTP_USER_AGENT=agent)
    assert total(release) == 1
    dump = tmp_path / "dump.json"
    call_command("dumpdata", output=str(dump), verbosity=0)
    stored = dump.read_text()
    assert "198.51.100.23" not in stored
    assert "ReaderFingerprint" not in stored


def test_visit_helper_still_counts_a_first_visit(client, release):
    visit(client, release)
    assert total(release) == 1
