"""The institutions' changelist in the admin: its columns, search, filters and sorting,
in a number of queries that does not grow with the data; and the news admin's
autocomplete of institutions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import CHANGELIST, make_agreement, make_institution, make_ranking

pytestmark = pytest.mark.django_db


def changelist_rows(response):
    return list(response.context["cl"].result_list)


def test_changelist_shows_the_latest_world_ranking_and_the_agreements_in_force(
    admin_client, irkutsk, systems
):
    make_ranking(irkutsk, systems["THE"], year=2024, rank_from=401, rank_to=500)
    make_ranking(irkutsk, systems["RAEX"], year=2025, rank_from=20, rank_to=None)
    make_agreement(
        irkutsk, signed_on=datetime.date(2015, 1, 1), valid_until=datetime.date(2020, 1, 1)
    )
    make_agreement(irkutsk, signed_on=None)
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    row = response.text.split('class="field-name"')[1].split("</tr>")[0]
    for cell in ["Irkutsk", "Russia", "1930", "THE 2024: 401–500", '<td class="field-agreements_in_force">1</td>']:  # fmt: skip
        assert cell in row


@pytest.mark.parametrize(
    "query", ["иркутский", "ИРКУТСКИЙ НАЦИОНАЛЬНЫЙ", "irkutsk", "IRKUTSK STATE"]
)
def test_changelist_search_finds_every_name_and_the_city_in_any_case(admin_client, irkutsk, query):
    make_institution(name="Kasetsart University", other_names="", city="Bangkok", slug="ku")
    assert changelist_rows(admin_client.get(CHANGELIST, {"q": query})) == [irkutsk]


def test_changelist_filters_by_country_and_agreement_kind(admin_client, irkutsk):
    kasetsart = make_institution(name="Kasetsart University", slug="ku", country="TH")
    make_agreement(kasetsart, kind="staff_exchange")
    make_agreement(kasetsart, kind="staff_exchange", signed_on=datetime.date(2022, 1, 1))
    assert changelist_rows(admin_client.get(CHANGELIST, {"country": "TH"})) == [kasetsart]
    by_kind = admin_client.get(CHANGELIST, {"agreements__kind": "staff_exchange"})
    assert changelist_rows(by_kind) == [kasetsart]
    assert 'class="field-agreements_in_force">2<' in by_kind.text


def test_changelist_filter_finds_exactly_the_institutions_with_an_agreement_expiring_soon(
    admin_client, db
):
    today = timezone.localdate()
    expiring = make_institution(name="Expiring", slug="expiring")
    make_agreement(
        expiring,
        signed_on=datetime.date(2020, 1, 1),
        valid_until=today + datetime.timedelta(days=30),
    )
    later = make_institution(name="Later", slug="later")
    make_agreement(
        later, signed_on=datetime.date(2020, 1, 1), valid_until=today + datetime.timedelta(days=400)
    )
    expired = make_institution(name="Expired", slug="expired")
    make_agreement(
        expired, signed_on=datetime.date(2020, 1, 1), valid_until=today - datetime.timedelta(days=1)
    )
    response = admin_client.get(CHANGELIST, {"agreements": "expiring"})
    assert changelist_rows(response) == [expiring]
    assert "Expiring within 6 months" in response.text


@pytest.mark.parametrize("column", range(1, 7))
@pytest.mark.parametrize("direction", ["", "-"])
def test_changelist_sorts_by_every_column(admin_client, irkutsk, systems, column, direction):
    unranked = make_institution(name="Unranked", slug="unranked", founded_year=None)
    response = admin_client.get(CHANGELIST, {"o": f"{direction}{column}"})
    assert set(changelist_rows(response)) == {irkutsk, unranked}


def test_changelist_sorts_by_latest_world_rank_with_unranked_institutions_last(
    admin_client, systems
):
    better = make_institution(name="B", slug="b")
    make_ranking(better, systems["QS"], year=2024, rank_from=100, rank_to=None)
    worse = make_institution(name="A", slug="a")
    make_ranking(worse, systems["QS"], year=2024, rank_from=900, rank_to=None)
    unranked = make_institution(name="C", slug="c")
    assert changelist_rows(admin_client.get(CHANGELIST, {"o": "5"})) == [better, worse, unranked]


@pytest.mark.parametrize("size", [2, 20])
def test_changelist_takes_the_same_number_of_queries_whatever_the_data_size(
    admin_client, systems, django_assert_max_num_queries, size
):
    for number in range(size):
        institution = make_institution(name=f"U{number}", slug=f"u{number}")
        make_ranking(institution, systems["THE"], year=2024)
        make_ranking(institution, systems["QS"], year=2023)
        make_agreement(institution)
    admin_client.get(CHANGELIST)  # warm the session and the content types
    with django_assert_max_num_queries(8):
        admin_client.get(CHANGELIST)


def test_news_admin_autocomplete_finds_an_institution_by_its_cyrillic_name(admin_client, irkutsk):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "newsrelease",
            "field_name": "partners",
            "term": "ИРКУТСКИЙ",
        },
    )
    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(irkutsk.pk)]
