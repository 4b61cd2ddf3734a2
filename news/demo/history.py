"""A reading history for the demo releases: per-day figures that add up to each
release's view count, so that "most read" by period and the staff's charts have
something to show on a fresh demo site.

Made up, but plausibly: a release is read most on its day and the days after, less
and less, with fewer readers at weekends, in Chinese more than in English and in
English more than in Russian. Only the last HISTORY_DAYS are spread day by day; what
an older release was read before them is put on its release day. The figures come
from a random generator seeded with the release's English title and the day of
loading, so a load is reproducible, and a release that has figures already (a
reload, or visits counted since) is left alone: loading again changes nothing.
"""

import random
from collections import Counter
from datetime import timedelta
from itertools import accumulate

from django.utils import timezone

from ..models import DailyViews, NewsRelease

HISTORY_DAYS = 365
# What part of an old release's views fall within the history: old news is still
# read now and then, which keeps this week's and this month's lists from being empty.
STILL_READ = 0.4
LANGUAGE_SHARES = {"zh-hans": 5, "en": 3, "ru": 2}
# A day's readers halve about this many days after the release...
HALF_LIFE_DAYS = 10
# ...and at a weekend.
WEEKEND = 0.5


def day_weights(release_day, first_day, today):
    """Each day from `first_day` to `today` with its share of the reading."""
    days = [first_day + timedelta(days=n) for n in range((today - first_day).days + 1)]
    weights = [
        (WEEKEND if day.weekday() >= 5 else 1) / (1 + (day - release_day).days / HALF_LIFE_DAYS)
        for day in days
    ]
    return days, list(accumulate(weights))


def history(release, today):
    """The release's view_count as (day, language) -> views, summing to it exactly."""
    generator = random.Random(f"{release.title_en}|{today}")  # noqa: S311 (a demo, not secrets)
    release_day = min(timezone.localdate(release.release_time), today)
    first_day = max(release_day, today - timedelta(days=HISTORY_DAYS - 1))
    spread = release.view_count
    if first_day > release_day:
        spread = round(release.view_count * STILL_READ)
    days, weights = day_weights(release_day, first_day, today)
    views = [*generator.choices(days, cum_weights=weights, k=spread)]
    views += [release_day] * (release.view_count - spread)
    languages = generator.choices(
        list(LANGUAGE_SHARES), weights=list(LANGUAGE_SHARES.values()), k=len(views)
    )
    return Counter(zip(views, languages, strict=True))


def load():
    """Figures for every release that has views and no figures yet."""
    today = timezone.localdate()
    releases = NewsRelease.objects.filter(view_count__gt=0, daily_views__isnull=True).only(
        "pk", "title_en", "release_time", "view_count"
    )
    rows = [
        DailyViews(release=release, day=day, language=language, views=views)
        for release in releases
        for (day, language), views in sorted(history(release, today).items())
    ]
    DailyViews.objects.bulk_create(rows)
    return f"{len(rows)} days of views"
