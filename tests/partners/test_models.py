import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.encoding import uri_to_iri

from partners.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Institution,
    Ranking,
    RankingSystem,
    Scope,
    add_months,
)

from .conftest import make_agreement, make_institution, make_ranking

pytestmark = pytest.mark.django_db


def refused_by_the_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


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


# Agreements

TODAY = datetime.date(2025, 6, 15)
YESTERDAY, TOMORROW = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("signed_on", "valid_until", "override", "status"),
    [
        (None, None, "", AgreementStatus.IN_PREPARATION),
        (TOMORROW, None, "", AgreementStatus.IN_PREPARATION),
        (TODAY, None, "", AgreementStatus.IN_FORCE),
        (YESTERDAY, None, "", AgreementStatus.IN_FORCE),
        (YESTERDAY, TODAY, "", AgreementStatus.IN_FORCE),
        (datetime.date(2020, 1, 1), YESTERDAY, "", AgreementStatus.EXPIRED),
        (None, YESTERDAY, "", AgreementStatus.EXPIRED),
        (YESTERDAY, None, AgreementStatus.EXPIRED, AgreementStatus.EXPIRED),
        (YESTERDAY, None, AgreementStatus.IN_PREPARATION, AgreementStatus.IN_PREPARATION),
        (datetime.date(2020, 1, 1), YESTERDAY, AgreementStatus.IN_FORCE, AgreementStatus.IN_FORCE),
    ],
)
def test_an_agreements_status_follows_its_dates_unless_overridden(
    signed_on, valid_until, override, status
):
    agreement = make_agreement(
        make_institution(), signed_on=signed_on, valid_until=valid_until, status_override=override
    )
    assert agreement.status_on(TODAY) == status
    by_query = {
        AgreementStatus.IN_FORCE: Agreement.objects.in_force(TODAY),
        AgreementStatus.EXPIRED: Agreement.objects.expired(TODAY),
        AgreementStatus.IN_PREPARATION: Agreement.objects.in_preparation(TODAY),
    }
    assert {found for found, queryset in by_query.items() if agreement in queryset} == {status}


def test_status_uses_todays_date_in_the_office_time_zone():
    agreement = make_agreement(make_institution(), signed_on=datetime.date(2000, 1, 1))
    assert agreement.status == AgreementStatus.IN_FORCE
    assert agreement.get_status_display() == "In force"


def test_expiring_within_six_months_finds_exactly_the_agreements_in_force_ending_by_then():
    institution = make_institution()
    signed = datetime.date(2020, 1, 1)

    def agreement(valid_until, **fields):
        return make_agreement(institution, signed_on=signed, valid_until=valid_until, **fields)

    expiring = [
        agreement(TODAY),
        agreement(datetime.date(2025, 12, 15)),
    ]
    agreement(datetime.date(2025, 12, 16))  # one day beyond six months
    agreement(None)  # open-ended
    agreement(YESTERDAY)  # already expired
    agreement(TOMORROW, status_override=AgreementStatus.EXPIRED)  # ended early
    make_agreement(institution, signed_on=TOMORROW, valid_until=datetime.date(2025, 9, 1))

    assert set(Agreement.objects.expiring_within_six_months(TODAY)) == set(expiring)
    other = make_institution(name="Other", slug="other")
    make_agreement(other, signed_on=signed, valid_until=None)
    assert list(Institution.objects.with_agreement_expiring(TODAY)) == [institution]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2025, 6, 15), 6, datetime.date(2025, 12, 15)),
        (datetime.date(2025, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2023, 8, 31), 6, datetime.date(2024, 2, 29)),
        (datetime.date(2025, 12, 1), 1, datetime.date(2026, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_an_agreement_cannot_end_before_it_is_signed():
    institution = make_institution()
    agreement = Agreement(
        institution=institution,
        kind=AgreementKind.MEMORANDUM,
        signed_on=datetime.date(2021, 5, 26),
        valid_until=datetime.date(2021, 5, 25),
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["valid_until"] == [
        "The end date cannot be before the signing date."
    ]
    refused_by_the_database(agreement.save)


def test_programmes_and_signatories_are_read_one_a_line():
    agreement = make_agreement(make_institution(), signatories="Guo Xinwei\n\n Savkin\x0b\n")
    assert agreement.programmes_list == [
        "Polymer materials and engineering",
        "Aircraft manufacturing engineering",
    ]
    assert agreement.signatories_list == ["Guo Xinwei", " Savkin"]


# Permissions


def test_the_partner_managers_group_holds_exactly_the_partners_permissions():
    group = Group.objects.get(name="Partner managers")
    expected = Permission.objects.filter(content_type__app_label="partners")
    assert set(group.permissions.all()) == set(expected)
    assert {permission.codename for permission in expected} >= {
        "add_institution",
        "change_ranking",
        "delete_agreement",
        "view_rankingsystem",
    }
