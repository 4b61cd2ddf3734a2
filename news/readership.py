"""The figures of the readership pages in the admin, read from DailyViews.

Every figure is summed by the database, a few rows a day whatever the number of
releases: a period reads a range of the (day, release) index, one release's days a
range of its (release, day, language) unique index.
"""

from django.db.models import Sum

from .models.readership import DailyViews


def views_per_day_and_language(first, last, release_id=None):
    """{(day, language): views} from `first` to `last` (both included), for the whole
    site or one release. Days without views are missing: the chart fills them."""
    rows = DailyViews.objects.filter(day__range=(first, last))
    if release_id is not None:
        rows = rows.filter(release_id=release_id)
    totals = rows.values("day", "language").annotate(total=Sum("views")).order_by()
    return {(row["day"], row["language"]): row["total"] for row in totals}


def most_read_ids(first, last, limit):
    """[(release id, views)] of the `limit` releases read most from `first` to
    `last`, the most read first (the lower id first among equals)."""
    totals = (
        DailyViews.objects.filter(day__range=(first, last))
        .values("release")
        .annotate(total=Sum("views"))
        .order_by("-total", "release")[:limit]
    )
    return [(row["release"], row["total"]) for row in totals]


def views_per_day_of(release_ids, first, last):
    """{release id: {day: views}} for these releases, in all languages together."""
    rows = (
        DailyViews.objects.filter(release_id__in=release_ids, day__range=(first, last))
        .values("release", "day")
        .annotate(total=Sum("views"))
        .order_by()
    )
    figures = {}
    for row in rows:
        figures.setdefault(row["release"], {})[row["day"]] = row["total"]
    return figures
