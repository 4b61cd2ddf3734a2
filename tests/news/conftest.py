from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from news.models import DailyViews, NewsRelease
from tests.user_agents import BROWSER


@pytest.fixture
def yesterday(now):
    return now - timedelta(days=1)


@pytest.fixture
def tomorrow(now):
    return now + timedelta(days=1)


def make_news_release(**overrides):
    fields = {
        "title": "Binzhou University signs a memorandum with Irkutsk",
        "summary": "Two universities agree on joint programmes.",
        "body": "<p>The universities signed a memorandum of cooperation.</p>",
        "author": "闫倩倩",
        "release_time": timezone.now() - timedelta(hours=1),
        "status": NewsRelease.Status.PUBLISHED,
    }
    fields.update(overrides)
    return NewsRelease.objects.create(**fields)


@pytest.fixture
def release(db):
    return make_news_release()


def visit(client, release, **headers):
    """`release`'s page as a visitor's browser asks for it (a visit that counts)."""
    return client.get(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER, **headers)


def read_on(release, day, views, language="en"):
    """Record `views` visits to `release` on `day` as the counter does: in the day's
    figure and in the total alike."""
    DailyViews.objects.create(release=release, day=day, language=language, views=views)
    NewsRelease.objects.filter(pk=release.pk).update(view_count=F("view_count") + views)
