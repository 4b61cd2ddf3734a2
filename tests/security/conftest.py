import pytest

from news.models import NewsRelease
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution


@pytest.fixture
def release(db):
    return make_news_release()


@pytest.fixture
def draft(db):
    return make_news_release(title="Not yet announced", status=NewsRelease.Status.DRAFT)


@pytest.fixture
def institution(db):
    return make_institution()
