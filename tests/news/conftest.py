from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import NewsRelease


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
