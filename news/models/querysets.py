"""The queries on news releases: what the public may see, lists, search, visits."""

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.languages import equals_with_fallback
from core.pagecache import cached_for_this_version
from core.search import search_terms

from .. import search
from .counting import counting_update, public_page_count, run_count
from .readership import DailyViews, Period

YEARS_CACHE_NAME = "news:published-years"
# A scheduled release going public, or one being archived, changes no row: it may open
# or close a year without a new content version, so the years are looked up again
# after this many seconds. Until then a year whose last release was just archived
# still offers its link, which leads to the list's "no releases" page, not an error.
YEARS_CACHE_SECONDS = 300
# What a list of the most read shows of each release.
MOST_READ_FIELDS = ("pk", "slug", "title", "release_time")
# How many releases before and after a release are looked at for its related ones.
RELATED_WINDOW = 200


class NewsReleaseQuerySet(models.QuerySet):
    def published(self, archived=False, now=None):
        """What the public may see: published, and due (release time not in the
        future), and not yet archived (end time not past).

        Every public list, the feed, the sitemap and the search show these. With
        `archived`, archived releases too: their pages stay at their addresses.
        A time passing changes no row, so nothing needs to run when a release becomes
        due or is archived: the page cache keeps a page for a few seconds only.
        `now`: the moment to judge by (the present by default).
        """
        now = now or timezone.now()
        releases = self.filter(status=self.model.Status.PUBLISHED, release_time__lte=now)
        if archived:
            return releases
        return releases.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def pinned_first(self):
        """Pinned releases first, the newest pin first, then the usual order. A pin
        whose time has passed counts for nothing."""
        pin = Case(
            When(pinned_until__gt=timezone.now(), then=Coalesce("pinned_at", "release_time")),
            default=None,
        )
        return self.alias(pin=pin).order_by(F("pin").desc(nulls_last=True), "-release_time", "-pk")

    def for_list(self):
        """What a list of release cards needs, without the bodies."""
        return self.defer("body", "search_title", "search_text")

    def search(self, query):
        """Releases that have every word of `query` in their title, summary, body or
        author, in any language (see docs/search.md), in this queryset's order.

        A blank query finds everything; one with no words in it (only punctuation,
        say) finds nothing.
        """
        if not query.strip():
            return self
        terms = search_terms(query)
        return search.matches(self, terms) if terms else self.none()

    def search_results(self, query):
        """What search() finds, the most relevant first, as a sequence for a paginator
        (see news.search.SearchResults: the most recent matches only are ranked).
        A query with no words finds nothing."""
        return search.SearchResults(self, search_terms(query))

    def published_years(self):
        """The years that have public releases, oldest first.

        Cached for the content version (news.apps watches releases), because the
        database must look at every public row to find them.
        """
        return cached_for_this_version(
            YEARS_CACHE_NAME,
            lambda: [date.year for date in self.published().dates("release_time", "year")],
            YEARS_CACHE_SECONDS,
        )

    def most_read(self, period, limit):
        """The `limit` most read of these releases in `period` (a Period), each with
        its views of the period as `period_views`, the most read first.

        All time is view_count, which has no index (see NewsRelease.Meta): these
        releases are read in full, as many as the archive holds. A shorter period
        sums the views of its days, reading only those days' rows, however large
        the archive: the (day, release) index finds them; each row's release is
        checked against these releases by its id; the sums are ranked; and the
        outer query looks the winners up by id, and only by id (see neighbours_of()).
        """
        first_day = Period(period).first_day()
        if first_day is None:
            return (
                self.filter(view_count__gt=0)
                .annotate(period_views=F("view_count"))
                .only(*MOST_READ_FIELDS)
                .order_by("-period_views", "-release_time", "-pk")[:limit]
            )
        days = DailyViews.objects.using(self.db).filter(day__gte=first_day)
        winners = (
            days.filter(Exists(self.filter(pk=OuterRef("release_id"))))
            # Grouped by an expression, not by the column: grouped by release_id,
            # SQLite prefers reading the whole table in that order (the foreign
            # key's index) to reading the period's rows by day.
            .values(read_release=F("release_id") + 0)
            .annotate(views=Sum("views"))
            .order_by("-views", "-read_release")
            .values("read_release")[:limit]
        )
        views = days.filter(release=OuterRef("pk")).values("release").annotate(n=Sum("views"))
        return (
            self.model._default_manager.filter(pk__in=winners)
            .annotate(period_views=Subquery(views.values("n")))
            .only(*MOST_READ_FIELDS)
            .order_by("-period_views", "-release_time", "-pk")
        )

    def from_time(self, lookup, time):
        """These releases with `release_time__<lookup>` `time`, that condition first in
        the WHERE clause: a walk down the public-order index from `time`.

        With two upper bounds on a column (this one and published()'s "not in the
        future"), SQLite starts the index walk at the first it reads: from "now" it
        would cross every newer release before reaching `time`, a cost growing with
        the archive (25 ms for an old release at 100,000). PostgreSQL uses both.
        """
        first = self.model._base_manager.filter(**{f"release_time__{lookup}": time})
        return first & self

    def neighbours_of(self, release):
        """The releases just before and just after `release` in this queryset's order."""
        # Written as a range plus an exclusion (not an OR) so that the database can
        # walk the (status, release_time, id) index from the release outwards; the
        # range comes first (see from_time()).
        time, pk = release.release_time, release.pk
        older = (
            self.from_time("lte", time)
            .exclude(release_time=time, pk__gte=pk)
            .order_by("-release_time", "-pk")
        )
        newer = (
            self.from_time("gte", time)
            .exclude(release_time=time, pk__lte=pk)
            .order_by("release_time", "pk")
        )
        # The outer query looks the two up by id, and only by id: given this
        # queryset's conditions as well, SQLite without statistics may prefer to walk
        # the whole index and test each row against the two.
        return self.model._default_manager.filter(
            Q(pk=Subquery(older.values("pk")[:1])) | Q(pk=Subquery(newer.values("pk")[:1]))
        ).only("pk", "slug", "title", "release_time")

    def related_to(self, release, topic_ids, partner_ids, limit=4):
        """Up to `limit` of these releases sharing topics or partners with `release`
        (whose topic and partner ids are given, as its page has them already): those
        sharing the most first, then the newest. Never `release` itself.

        One query whose work does not grow with the table: the candidates are the
        RELATED_WINDOW releases just before `release` and as many just after it, by
        (release time, id), two bounded walks down the public-order index; each one's
        number of shared links is counted by a subquery on the link tables' (release,
        target) unique indexes. The trade-off, on purpose: a release further away in
        time than that is never related, however many topics it shares (at the
        office's pace, a few hundred releases span months). Counting the links of
        every release sharing one (a topic may carry tens of thousands) cost up to a
        second per uncached page.
        """
        if not topic_ids and not partner_ids:
            return self.none()
        shared = Value(0)
        for name, ids in {"topics": topic_ids, "partners": partner_ids}.items():
            if not ids:
                continue
            through = self.model._meta.get_field(name).remote_field.through
            target = f"{self.model._meta.get_field(name).m2m_reverse_field_name()}__in"
            count = (
                through.objects.filter(**{target: ids}, newsrelease_id=OuterRef("pk"))
                .values("newsrelease_id")
                .annotate(n=Count("*"))
                .values("n")
            )
            shared = shared + Coalesce(Subquery(count), 0)
        return (
            # By id only, as in neighbours_of().
            self.model._default_manager.filter(pk__in=self.nearest_in_time(release))
            .annotate(shared=shared)
            .filter(shared__gt=0)
            .order_by("-shared", "-release_time", "-pk")
            .only("pk", "slug", "title", "release_time")[:limit]
        )

    def nearest_in_time(self, release, count=RELATED_WINDOW):
        """The ids of up to `count` of these releases just before `release` and as
        many just after it, by (release time, id), `release` itself left out: a
        subquery (a union of two) whose cost does not depend on the table's size.

        Each half walks the public-order index from `release` outwards and stops
        after `count` rows; the redundant `release_time` bound is what lets both
        databases start the walk at `release` rather than at the newest release.
        """
        time, pk = release.release_time, release.pk
        before = (
            self.from_time("lte", time)
            .exclude(release_time=time, pk__gte=pk)
            .order_by("-release_time", "-pk")
            .values("pk")[:count]
        )
        after = (
            self.from_time("gte", time)
            .exclude(release_time=time, pk__lte=pk)
            .order_by("release_time", "pk")
            .values("pk")[:count]
        )
        # SQLite refuses a LIMIT inside a UNION's members: each half sits in its own
        # IN, which it accepts.
        rows = self.model._base_manager
        halves = [rows.filter(pk__in=half).order_by().values("pk") for half in (before, after)]
        return halves[0].union(halves[1]).order_by()

    def count_visit(self, pk, slug=None, language=None):
        """Add one view to the release and to its day's figure in `language` (the
        active one by default); return the new total, or None when no release here
        has that id (and that slug, when one is given).

        The only place where view_count and the daily figures are written (see
        save(), and counting.py for how).
        """
        visited = self.filter(pk=pk)
        if slug is not None:
            visited = visited.filter(equals_with_fallback("slug", slug))
        return run_count(self.db, counting_update(visited), language)

    def count_public_page_visit(self, pk, language=None):
        """count_visit() on a public release's page whose address was checked (one
        served from the page cache): published(archived=True), from the statement
        compiled once for this database (see counting.py)."""
        count = public_page_count(self.model, self.db)
        if count is None:
            return self.published(archived=True).count_visit(pk, language=language)
        return run_count(self.db, count.bind(pk, timezone.now()), language)
