import pytest

from tests.news.conftest import make_news_release, release
from tests.partners.conftest import make_institution

__all__ = ["make_institution", "make_news_release", "release"]


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    # Every request renders the page, unless a test asks for the cache.
    settings.PUBLIC_PAGE_SECONDS = 0
