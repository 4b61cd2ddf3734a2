"""The statement that counts a visit to a release page served from the cache is
compiled once per process (news/models/counting.py): it must stay the ORM's own
statement for any release and time, and count only what the public may see."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from news.models import DailyViews, NewsRelease
from news.models.counting import counting_update, public_page_count

from .conftest import make_news_release

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pk", [1, 42, 123_456])
@pytest.mark.parametrize(
    "now",
    [
        datetime.datetime(2026, 11, 29, 10, 0, 0, 1, tzinfo=datetime.UTC),
        datetime.datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=datetime.UTC),
    ],
)
def test_the_statement_compiled_once_is_the_orms_for_any_release_and_time(pk, now):
    count = public_page_count(NewsRelease, connection.alias)
    assert count is not None
    orm = counting_update(NewsRelease.objects.published(archived=True, now=now).filter(pk=pk))
    sql, params = count.bind(pk, now)
    assert (sql, list(params)) == (orm[0], list(orm[1]))


def test_a_page_visit_counts_a_published_or_archived_release_and_its_day():
    release = make_news_release()
    archived = make_news_release(expires_at=timezone.now() - datetime.timedelta(days=1))
    releases = NewsRelease.objects
    assert releases.count_public_page_visit(release.pk, language="ru") == 1
    assert releases.count_public_page_visit(release.pk, language="ru") == 2
    assert releases.count_public_page_visit(archived.pk, language="en") == 1
    days = DailyViews.objects.order_by("release_id").values_list("release_id", "language", "views")
    assert list(days) == [(release.pk, "ru", 2), (archived.pk, "en", 1)]


@pytest.mark.parametrize(
    "unpublished",
    [
        {"status": NewsRelease.Status.DRAFT},
        {"release_time": timezone.now() + datetime.timedelta(days=1)},
    ],
)
def test_a_page_visit_does_not_count_a_release_the_public_may_not_see(unpublished):
    release = make_news_release(**unpublished)
    assert NewsRelease.objects.count_public_page_visit(release.pk) is None
    release.refresh_from_db()
    assert release.view_count == 0
    assert not DailyViews.objects.exists()
