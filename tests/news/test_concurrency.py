"""Thousands of simultaneous visits to real gunicorn workers: none lost, none failed.

Runs on SQLite, and on PostgreSQL in the PostgreSQL pass of `make test`.
"""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.server import running_site
from tests.user_agents import BROWSER

pytestmark = pytest.mark.server

# Every request of urllib without a cookie jar is a browser of its own: a first visit.
FIRST_VISITS = 2000
VISITS = 300
CONNECTIONS = 48

CREATE_RELEASE = """
from news.models import NewsRelease
release = NewsRelease.objects.create(
    title="Hot news", body="<p>Everyone reads this.</p>", status="published")
print(release.pk, release.slug)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_site(tmp_path_factory.mktemp("site"), workers=4, wsgi="tests.lossy_wsgi") as site:
        yield site


@pytest.fixture
def hot_release(site):
    pk, slug = site.shell(CREATE_RELEASE).split()
    return pk, slug


def view_count(site, pk):
    return int(
        site.shell(
            "from news.models import NewsRelease; "
            f"print(NewsRelease.objects.get(pk={pk}).view_count)"
        )
    )


def sum_of_days(site, pk):
    return int(
        site.shell(
            "from django.db.models import Sum; from news.models import DailyViews; "
            f"print(DailyViews.objects.filter(release={pk}).aggregate(n=Sum('views'))['n'] or 0)"
        )
    )


def visit_all_at_once(site, path, visits=VISITS):
    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        return list(pool.map(lambda _: site.get(path)[0], range(visits)))


def test_simultaneous_first_visits_are_all_answered_and_all_counted_in_the_days(site, hot_release):
    pk, slug = hot_release
    statuses = visit_all_at_once(site, f"/news/{pk}/{slug}/", FIRST_VISITS)
    assert statuses.count(200) == FIRST_VISITS, sorted(set(statuses))
    assert view_count(site, pk) == FIRST_VISITS
    assert sum_of_days(site, pk) == FIRST_VISITS


def test_ten_reloads_from_one_browser_add_one(site, hot_release):
    pk, slug = hot_release
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    browser.addheaders = [("User-Agent", BROWSER)]
    for _ in range(10):
        with browser.open(f"{site.url}/news/{pk}/{slug}/", timeout=30) as response:
            assert response.status == 200
    assert view_count(site, pk) == 1
    assert sum_of_days(site, pk) == 1


def test_the_harness_catches_a_read_modify_write_counter_losing_counts(site, hot_release):
    pk, _ = hot_release
    statuses = visit_all_at_once(site, f"/lossy/{pk}/")
    assert statuses.count(200) == VISITS
    assert view_count(site, pk) < VISITS
