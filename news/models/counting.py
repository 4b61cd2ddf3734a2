"""The SQL that counts a visit (NewsReleaseQuerySet.count_visit): one atomic UPDATE of
the release's total and one upsert of its day's figure, so that the total always
equals the sum of the days. The count comes back from the UPDATE (RETURNING, on
SQLite and PostgreSQL alike), so showing it costs no second query.

On PostgreSQL the two are one statement (data-modifying WITH queries), atomic by
itself: a transaction of two statements took four round trips to the server (BEGIN,
UPDATE, INSERT, COMMIT). On SQLite they are one transaction.

A release page counts every visit served from the page cache, and compiling the
UPDATE with the ORM (the public conditions, modeltranslation's rewriting) cost about
as much as the rest of that visit's Python. So the statement for a public release's
page is compiled once per process (PublicPageCount): from then on only the release's
id and the time go in as new parameters. The ORM still writes the SQL, and
tests/news/test_counting.py checks that the two agree for any release and time.
"""

import datetime
import functools

from django.db import connections, transaction
from django.db.models import F
from django.db.models.sql import UpdateQuery
from django.utils import timezone
from django.utils.translation import get_language

from .readership import LANGUAGE_NOT_RECORDED, DailyViews

# Values no real visit has, to find where the id and the time go in the compiled
# statement's parameters.
SENTINEL_PK = -7_654_321
SENTINEL_NOW = datetime.datetime(2001, 2, 3, 4, 5, 6, 789_012, tzinfo=datetime.UTC)


def counting_update(visited):
    """The ORM's UPDATE adding one to the view count of the rows of `visited`,
    returning their ids and new counts: (sql, params).

    Private compiler APIs, on purpose (checked against Django 6.1.3): QuerySet.update()
    returns a row count only. tests/test_private_django_apis.py fails if they change.
    """
    field = visited.model._meta.get_field("view_count")
    update = visited.query.chain(UpdateQuery)
    update.add_update_fields([(field, None, F("view_count") + 1)])
    compiler = update.get_compiler(visited.db)
    compiler.returning_fields = [visited.model._meta.pk, field]
    return compiler.as_sql()


def run_count(alias, update, language=None):
    """Run `update` (from counting_update: the rows to count) and add to each counted
    release's figure of today in `language` (the active one by default). The new total
    of the release counted, or None when no row matched."""
    day, language = timezone.localdate(), language or get_language() or LANGUAGE_NOT_RECORDED
    update_sql, params = update
    connection = connections[alias]
    if connection.vendor == "postgresql":
        daily = DailyViews.objects.using(alias)
        # Only the ORM's SQL and quoted names go into the text; values are parameters.
        upsert = daily.add_visit_sql("SELECT counted.id, %s, %s, 1 FROM counted")
        sql = f"WITH counted AS ({update_sql}), daily AS ({upsert}) SELECT * FROM counted"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, day, language])
            rows = cursor.fetchall()
        return rows[0][1] if rows else None
    # No savepoint: inside a caller's transaction, a failure here fails it whole.
    with transaction.atomic(using=alias, savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(update_sql, params)
            rows = cursor.fetchall()
        for release_id, _count in rows:
            DailyViews.objects.using(alias).add_visit(release_id, day, language)
    return rows[0][1] if rows else None


class PublicPageCount:
    """The counting statement of a public release's page (published(archived=True),
    its address already checked), compiled once for a database."""

    def __init__(self, queryset):
        connection = connections[queryset.db]
        visited = queryset.published(archived=True, now=SENTINEL_NOW).filter(pk=SENTINEL_PK)
        self.sql, params = counting_update(visited)
        self.params = list(params)
        self.release_time = queryset.model._meta.get_field("release_time")
        self.connection = connection
        time_value = self.release_time.get_db_prep_value(SENTINEL_NOW, connection)
        self.time_at = [i for i, value in enumerate(self.params) if value == time_value]
        self.pk_at = [i for i, value in enumerate(self.params) if value == SENTINEL_PK]

    @property
    def is_usable(self):
        # The id once and the time at least once; otherwise the ORM compiles each visit.
        return len(self.pk_at) == 1 and bool(self.time_at)

    def bind(self, pk, now):
        """(sql, params) for a visit to release `pk` at `now`."""
        params = list(self.params)
        time_value = self.release_time.get_db_prep_value(now, self.connection)
        for index in self.time_at:
            params[index] = time_value
        params[self.pk_at[0]] = int(pk)
        return self.sql, params


@functools.cache
def public_page_count(model, alias):
    """The PublicPageCount of `model`'s releases in database `alias`, or None when
    the compiled statement is not one this class can fill in."""
    count = PublicPageCount(model.objects.db_manager(alias).all())
    return count if count.is_usable else None
