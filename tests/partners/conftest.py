import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from partners.models import Agreement, AgreementKind, Institution, Ranking, RankingSystem, Scope

# The public directory and the institutions' changelist in the admin.
DIRECTORY = reverse("partners:list")
CHANGELIST = reverse("admin:partners_institution_changelist")


def refused_by_the_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def today():
    return datetime.date(2025, 6, 15)


@pytest.fixture
def systems(db):
    """The ranking systems the migration seeds (made again after a flushing test)."""
    specs = {
        "THE": ("THE World University Rankings", Scope.WORLD),
        "QS": ("QS World University Rankings", Scope.WORLD),
        "RAEX": ("RAEX-100 Best Universities of Russia", Scope.NATIONAL),
    }
    return {
        short: RankingSystem.objects.get_or_create(
            name=name, defaults={"short_name": short, "scope": scope}
        )[0]
        for short, (name, scope) in specs.items()
    }


def make_institution(**overrides):
    fields = {
        "name": "Irkutsk National Research Technical University",
        "other_names": "Irkutsk State University of Technology\n"
        "Иркутский национальный исследовательский технический университет",
        "city": "Irkutsk",
        "country": "RU",
        "founded_year": 1930,
    }
    fields.update(overrides)
    return Institution.objects.create(**fields)


def make_ranking(institution, system, **overrides):
    fields = {"year": 2021, "rank_from": 301, "rank_to": 350}
    fields.update(overrides)
    return Ranking.objects.create(institution=institution, system=system, **fields)


def make_agreement(institution, **overrides):
    fields = {
        "kind": AgreementKind.MEMORANDUM,
        "signed_on": datetime.date(2021, 5, 26),
        "programmes": "Polymer materials and engineering\nAircraft manufacturing engineering",
        "signatories": "Guo Xinwei\nSavkin",
    }
    fields.update(overrides)
    return Agreement.objects.create(institution=institution, **fields)


@pytest.fixture
def irkutsk(db, systems):
    institution = make_institution()
    make_ranking(institution, systems["THE"])
    make_ranking(institution, systems["RAEX"], rank_from=31, rank_to=None)
    make_agreement(institution)
    return institution
