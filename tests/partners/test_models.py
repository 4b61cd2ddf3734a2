import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.encoding import uri_to_iri

from partners.models import (
    Institution,
    Ranking,
    RankingSystem,
    Scope,
)

from .conftest import make_institution, make_ranking, refused_by_the_database

pytestmark = pytest.mark.django_db


# Institutions


def test_save_cleans_the_description_and_strips_control_characters_from_names():
    institution = make_institution(
        name="Irkutsk\x0b National Research Technical University",
        city="Irk\x00utsk",
        description='<p onclick="steal()">Hello<script>alert(1)</script></p>',
    )
    institution.refresh_from_db()
    assert institution.name == "Irkutsk National Research Technical University"
    assert institution.city == "Irkutsk"
    assert institution.description == "<p>Hello</p>"


def test_slug_is_made_from_the_name_and_keeps_chinese_and_cyrillic_letters():
    assert make_institution(name="滨州学院 Партнёр").slug == "滨州学院-партнёр"


def test_search_text_folds_every_name_and_the_city_and_follows_edits():
    institution = make_institution(name="Kangwon National University", other_names="강원대학교")
    institution.city = "ČUNČHON"
    institution.save(update_fields=["city"])
    institution.refresh_from_db()
    assert "kangwon national university" in institution.search_text
    assert "강원대학교" in institution.search_text
    assert "čunčhon" in institution.search_text


@pytest.mark.parametrize(
    "query",
    [
        "иркутский НАЦИОНАЛЬНЫЙ",
        "ИРКУТСКИЙ",
        "state university of technology",
        "IRKUTSK",
        "  irkutsk  ",
        "иркутский   национальный\t",
    ],
)
def test_search_finds_an_institution_by_any_name_or_the_city_in_any_case(query):
    irkutsk = make_institution()
    make_institution(name="Kasetsart University", other_names="มหาวิทยาลัยเกษตรศาสตร์", city="Bangkok")
    assert list(Institution.objects.search(query)) == [irkutsk]


def test_search_finds_a_chinese_name_by_two_characters_in_its_middle():
    josai = make_institution(name="Josai International University", other_names="城西国際大学")
    make_institution(name="Other University", other_names="", city="Minsk")
    assert list(Institution.objects.search("国際")) == [josai]


def test_an_empty_search_finds_everything():
    make_institution()
    assert Institution.objects.search("   ").count() == 1


@pytest.mark.parametrize("year", [799, datetime.date.today().year + 1])
def test_an_implausible_founding_year_is_refused_with_a_message(year):
    institution = Institution(name="X", slug="x", city="Y", country="RU", founded_year=year)
    with pytest.raises(ValidationError) as error:
        institution.full_clean()
    assert "founded_year" in error.value.message_dict


def test_the_database_refuses_a_founding_year_before_800():
    refused_by_the_database(lambda: make_institution(founded_year=799))


def test_get_absolute_url_keeps_a_unicode_slug():
    institution = make_institution(slug="滨州-партнёр")
    assert uri_to_iri(institution.get_absolute_url()) == "/partners/滨州-партнёр/"


def test_latest_rankings_gives_the_newest_of_each_system_world_first(systems):
    institution = make_institution()
    make_ranking(institution, systems["RAEX"], year=2024, rank_from=31, rank_to=None)
    make_ranking(institution, systems["THE"], year=2020, rank_from=401, rank_to=500)
    make_ranking(institution, systems["THE"], year=2021, rank_from=301, rank_to=350)
    latest = Institution.objects.for_list().get().latest_rankings()
    assert [(r.system.short_name, r.year) for r in latest] == [("THE", 2021), ("RAEX", 2024)]
    assert institution.latest_world_ranking().rank_display == "301–350"


def test_for_home_gives_a_few_institutions_best_ranked_first_in_two_queries(
    systems, django_assert_num_queries
):
    for number in range(8):
        institution = make_institution(name=f"University {number}", slug=f"u{number}")
        make_ranking(institution, systems["QS"], rank_from=100 + number, rank_to=None)
    make_institution(name="Unranked University", slug="unranked")
    with django_assert_num_queries(2):
        home = list(Institution.objects.for_home())
        assert [institution.latest_rankings()[0].rank_from for institution in home] == [
            100, 101, 102, 103, 104, 105,
        ]  # fmt: skip


def test_the_columns_the_directory_filters_and_finds_pages_by_are_indexed():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "partners_institution")
    indexed = [tuple(c["columns"]) for c in constraints.values() if c["index"] or c["unique"]]
    slugs = {(f"slug_{code}",) for code in ["en", "zh_hans", "ru"]}
    assert {("country",), *slugs} <= set(indexed)


# Rankings


def test_a_rank_and_a_band_are_shown_as_such(systems):
    institution = make_institution()
    rank = make_ranking(institution, systems["RAEX"], rank_from=31, rank_to=None)
    band = make_ranking(institution, systems["THE"], rank_from=301, rank_to=350)
    assert (rank.rank_display, rank.is_band) == ("31", False)
    assert (band.rank_display, band.is_band) == ("301–350", True)
    assert band.scope == Scope.WORLD
    assert rank.get_scope_display() == "National"


def test_a_band_of_one_is_stored_as_a_single_rank(systems):
    ranking = make_ranking(make_institution(), systems["THE"], rank_from=301, rank_to=301)
    ranking.refresh_from_db()
    assert ranking.rank_to is None


def test_validation_explains_how_to_enter_a_band_given_in_reverse_order(systems):
    ranking = Ranking(institution=make_institution(), system=systems["THE"], year=2021)
    ranking.rank_from, ranking.rank_to = 350, 301
    with pytest.raises(ValidationError) as error:
        ranking.full_clean()
    assert error.value.message_dict["rank_to"] == [
        "A band runs from the better rank to the worse one: "
        "enter 301 as the rank and 350 as the band's end."
    ]


def test_validation_refuses_a_rank_below_one_and_a_year_not_yet_published(systems):
    ranking = Ranking(
        institution=make_institution(),
        system=systems["THE"],
        year=datetime.date.today().year + 2,
        rank_from=0,
    )
    with pytest.raises(ValidationError) as error:
        ranking.full_clean()
    assert set(error.value.message_dict) == {"rank_from", "year"}


def test_validation_refuses_a_second_ranking_for_the_same_system_and_year(systems):
    institution = make_institution()
    make_ranking(institution, systems["THE"])
    duplicate = Ranking(institution=institution, system=systems["THE"], year=2021, rank_from=1)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == [
        "This institution already has a ranking in this system for this year."
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"rank_from": 350, "rank_to": 301},
        {"rank_from": 0, "rank_to": None},
        {"year": 1999},
        {"year": 2101},
    ],
    ids=["band in reverse order", "rank below one", "year too early", "year too late"],
)
def test_the_database_refuses_an_impossible_ranking(systems, fields):
    institution = make_institution()
    refused_by_the_database(lambda: make_ranking(institution, systems["THE"], **fields))


def test_the_database_refuses_two_rankings_for_the_same_system_and_year(systems):
    institution = make_institution()
    make_ranking(institution, systems["THE"])
    refused_by_the_database(lambda: make_ranking(institution, systems["THE"], rank_from=1))


def test_the_migrations_seed_the_ranking_systems():
    scopes = dict(RankingSystem.objects.values_list("short_name", "scope"))
    assert scopes == {"THE": "world", "QS": "world", "ARWU": "world", "RAEX": "national"}
