import pytest

from news.models import NewsRelease
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution

from .logins import PASSWORD


@pytest.fixture
def release(db):
    return make_news_release()


@pytest.fixture
def draft(db):
    return make_news_release(title="Not yet announced", status=NewsRelease.Status.DRAFT)


@pytest.fixture
def institution(db):
    return make_institution()


@pytest.fixture
def editor(django_user_model):
    """The superuser whose account the lockout tests lock out."""
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True, is_superuser=True
    )
