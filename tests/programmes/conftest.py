from datetime import timedelta

import pytest
from django.utils import timezone

from partners.models import Institution
from programmes.models import ApplicationWindow, Kind, Level, Opportunity

DAY = timedelta(days=1)


def make_opportunity(windows=(), partners=(), **fields):
    """A published opportunity with windows given as (opens_at, closes_at) pairs."""
    defaults = {
        "title": "Exchange semester in Irkutsk",
        "kind": Kind.EXCHANGE,
        "level": Level.BACHELOR,
        "status": Opportunity.Status.PUBLISHED,
        "publish_at": timezone.now() - DAY,
    }
    opportunity = Opportunity.objects.create(**{**defaults, **fields})
    for opens_at, closes_at in windows:
        ApplicationWindow.objects.create(
            opportunity=opportunity, opens_at=opens_at, closes_at=closes_at, label="Intake"
        )
    opportunity.partners.set(partners)
    return opportunity


def make_institution(slug, country="RU", name=None):
    return Institution.objects.create(
        name=name or slug.replace("-", " ").title(), slug=slug, city="City", country=country
    )


@pytest.fixture
def at():
    """Fixed times around now: at(-3) is three days ago."""
    now = timezone.now()
    return lambda days: now + days * DAY


@pytest.fixture
def states(db, at):
    """One opportunity in each state, and one never public of each kind."""
    return {
        "open": make_opportunity([(at(-3), at(10))], title="Open now"),
        "upcoming": make_opportunity(
            [(at(5), at(20))], title="Opens later", kind=Kind.SUMMER_SCHOOL
        ),
        "closed": make_opportunity([(at(-30), at(-10))], title="Closed one"),
        "none": make_opportunity([], title="No windows"),
        "draft": make_opportunity(
            [(at(-3), at(4))], title="Secret draft", status=Opportunity.Status.DRAFT
        ),
        "scheduled": make_opportunity(
            [(at(-3), at(6))], title="Secret scheduled", publish_at=at(2)
        ),
    }
