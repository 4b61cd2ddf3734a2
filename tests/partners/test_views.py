import re

import pytest

from .conftest import DIRECTORY, make_agreement, make_institution, make_ranking

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(systems):
    """Six institutions in five countries, made for the filter, search and sort tests."""
    irkutsk = make_institution(slug="irkutsk")
    make_ranking(irkutsk, systems["THE"], rank_from=301, rank_to=350)
    make_ranking(irkutsk, systems["RAEX"], rank_from=31, rank_to=None)
    novosibirsk = make_institution(
        name="Novosibirsk State Technical University",
        other_names="Новосибирский государственный технический университет",
        slug="novosibirsk",
        city="Novosibirsk",
        founded_year=1950,
    )
    make_ranking(novosibirsk, systems["QS"], year=2024, rank_from=1001, rank_to=1200)
    kangwon = make_institution(
        name="Kangwon National University",
        other_names="강원대학교",
        slug="kangwon",
        city="Chuncheon",
        country="KR",
        founded_year=1947,
    )
    make_ranking(kangwon, systems["QS"], year=2024, rank_from=801, rank_to=1000)
    tasmania = make_institution(
        name="University of Tasmania",
        other_names="UTAS",
        slug="tasmania",
        city="Hobart",
        country="AU",
        founded_year=1890,
    )
    make_ranking(tasmania, systems["QS"], year=2024, rank_from=250, rank_to=None)
    make_ranking(tasmania, systems["THE"], year=2024, rank_from=301, rank_to=350)
    make_institution(
        name="Josai International University",
        other_names="城西国際大学",
        slug="josai",
        city="Tōgane",
        country="JP",
        founded_year=1992,
    )
    make_institution(
        name="Bremerhaven University of Applied Sciences",
        other_names="Hochschule Bremerhaven",
        slug="bremerhaven",
        city="Bremerhaven",
        country="DE",
        founded_year=None,
    )


def names(response):
    assert response.status_code == 200
    return [institution.name for institution in response.context["page_obj"]]


def test_directory_cards_show_name_city_country_founding_year_and_latest_rankings(
    client, directory
):
    response = client.get(DIRECTORY)
    card = response.text.split('href="/partners/irkutsk/"')[1].split("</li>\n</ul>")[0]
    assert "Irkutsk National Research Technical University" in card
    assert "Irkutsk, Russia" in card
    assert "Founded 1930" in card
    assert "THE</abbr> 2021: 301–350" in card
    assert "RAEX</abbr> 2021: 31" in card


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("иркутский национальный", ["Irkutsk National Research Technical University"]),
        ("ИРКУТСКИЙ", ["Irkutsk National Research Technical University"]),
        ("Irkutsk State University of Technology", ["Irkutsk National Research Technical University"]),
        ("государственный технический", ["Novosibirsk State Technical University"]),
        ("강원", ["Kangwon National University"]),
        ("国際", ["Josai International University"]),
        ("HOBART", ["University of Tasmania"]),
        ("tōgane", ["Josai International University"]),
        ("hochschule", ["Bremerhaven University of Applied Sciences"]),
        ("technical", ["Irkutsk National Research Technical University", "Novosibirsk State Technical University"]),
        ("no such university", []),
    ],
)  # fmt: skip
def test_directory_search_finds_any_name_or_the_city_in_latin_chinese_and_cyrillic(
    client, directory, query, found
):
    assert names(client.get(DIRECTORY, {"q": query})) == found


def test_directory_filters_by_country_and_counts_institutions_per_country(client, directory):
    response = client.get(DIRECTORY, {"country": "RU"})
    assert names(response) == [
        "Irkutsk National Research Technical University",
        "Novosibirsk State Technical University",
    ]
    counts = {country.code: total for country, total in response.context["country_counts"]}
    assert counts == {"RU": 2, "KR": 1, "AU": 1, "JP": 1, "DE": 1}
    assert '<option value="RU" selected>Russia (2)</option>' in response.text


def test_directory_counts_per_country_follow_the_search(client, directory):
    response = client.get(DIRECTORY, {"q": "university", "country": "kr"})
    assert names(response) == ["Kangwon National University"]
    counts = {country.code: total for country, total in response.context["country_counts"]}
    assert counts == {"RU": 2, "KR": 1, "AU": 1, "JP": 1, "DE": 1}
    counts = client.get(DIRECTORY, {"q": "technical"}).context["country_counts"]
    assert [(country.code, total) for country, total in counts] == [("RU", 2)]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Bremerhaven", "Irkutsk", "Josai", "Kangwon", "Novosibirsk", "University"]),
        ("founded", ["University", "Irkutsk", "Kangwon", "Novosibirsk", "Josai", "Bremerhaven"]),
        ("ranking", ["University", "Irkutsk", "Kangwon", "Novosibirsk", "Bremerhaven", "Josai"]),
    ],
)
def test_directory_sorts_by_name_founding_year_and_best_world_ranking(
    client, directory, sort, expected
):
    """Unknown founding years and unranked institutions come last; national ranks
    (Irkutsk's 31st in Russia) do not count as world ranks."""
    found = names(client.get(DIRECTORY, {"sort": sort}))
    assert [name.split()[0] for name in found] == expected


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "-id"},
        {"sort": "search_text"},
        {"country": "ZZ"},
        {"country": "RUS' OR 1=1 --"},
        {"country": ["RU", "KR"]},
        {"q": "%"},
        {"q": "_"},
        {"q": "x" * 5000},
        {"q": "\x00\x0b"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999999999999999999999"},
        {"page": "last"},
        {"unknown": "value"},
    ],
)
def test_directory_ignores_unknown_or_hostile_parameters(client, directory, params):
    assert client.get(DIRECTORY, params).status_code == 200


@pytest.mark.parametrize("query", ["x" * 5000, "\x00"])
def test_directory_ignores_a_search_that_does_not_validate(client, directory, query):
    assert len(names(client.get(DIRECTORY, {"q": query}))) == 6


@pytest.mark.parametrize("query", ["%", "_", "irkutsk%", "irkuts_"])
def test_directory_search_treats_percent_and_underscore_as_plain_characters(
    client, directory, query
):
    assert names(client.get(DIRECTORY, {"q": query})) == []


def test_directory_pages_by_twelve_and_keeps_the_filters_in_page_links(client, systems):
    for number in range(14):
        make_institution(name=f"University {number:02}", slug=f"u{number}", country="RU")
    first = client.get(DIRECTORY, {"country": "RU", "q": "university"})
    assert len(names(first)) == 12
    assert "?country=RU&amp;q=university&amp;page=2" in first.text
    second = client.get(DIRECTORY, {"country": "RU", "q": "university", "page": 2})
    assert names(second) == ["University 12", "University 13"]
    assert names(client.get(DIRECTORY, {"page": 99})) == names(second)


def test_directory_says_when_nothing_matches(client, directory):
    response = client.get(DIRECTORY, {"q": "Sorbonne"})
    assert "No partner institution matches your search." in response.text
    assert "0 partner institutions" in response.text


@pytest.mark.parametrize("size", [3, 30])
def test_directory_takes_the_same_number_of_queries_whatever_the_data_size(
    client, systems, office, django_assert_max_num_queries, size
):
    for number in range(size):
        institution = make_institution(
            name=f"University {number}", slug=f"u{number}", country=["RU", "KR", "DE"][number % 3]
        )
        for year in (2022, 2023, 2024):
            make_ranking(institution, systems["THE"], year=year)
            make_ranking(institution, systems["RAEX"], year=year, rank_from=number + 1)
        make_agreement(institution)
    # The office and the menu of pages (both cached afterwards), count, page, rankings,
    # counts per country, the map's cities.
    with django_assert_max_num_queries(7):
        response = client.get(DIRECTORY, {"sort": "ranking"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(size, 12)


def test_an_empty_directory_says_no_partner_is_listed_yet_without_a_count_of_nought(client):
    html = client.get(DIRECTORY).text

    assert "No partner institutions have been added yet." in html
    assert "0 partner institutions" not in html
    assert "matches your search" not in html


def test_a_partner_page_does_not_repeat_its_heading_among_its_other_names(client):
    institution = make_institution(
        slug="irkutsk",
        name_ru="Иркутский национальный исследовательский технический университет",
    )

    html = client.get(f"/ru/partners/{institution.slug_ru or institution.slug}/", follow=True)

    other_names = re.findall(r'<p class="other-name">([^<]*)</p>', html.text)
    assert other_names == ["Irkutsk State University of Technology"]
