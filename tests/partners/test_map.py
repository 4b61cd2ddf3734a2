"""The directory's map of partners: the projection, one marker per city, the links and
their names, the queries it costs, the coordinates the admin looks up and the demo."""

import gzip
import itertools
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from partners import demo
from partners import map as partner_map
from partners.map import HEIGHT, LAYOUTS, MAX_COMPARISONS, WIDTH, project, spread
from partners.models import Institution

from .conftest import DIRECTORY, make_agreement, make_institution, make_ranking
from .test_admin import ADD, institution_form

WORLD_MAP = Path(settings.BASE_DIR) / "static" / "partners" / "world-map.svg"
MARKER = re.compile(r'<a href="([^"]+)" class="map-marker">\s*<title>([^<]+)</title>')


def markers(response):
    """(link, accessible name) of each marker, in the page's order."""
    return [(href.replace("&amp;", "&"), name) for href, name in MARKER.findall(response.text)]


def outline(country):
    """The rings of a country's outline in the shipped world map, as lists of points."""
    svg = WORLD_MAP.read_text()
    path = re.search(rf'<path id="{country}" d="([^"]+)"', svg).group(1)
    rings = []
    for subpath in re.findall(r"M[^M]+", path):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", subpath)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def inside(point, rings):
    """Even-odd rule, as SVG fills a path."""
    x, y = point
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def located(name, city, country, latitude, longitude, **overrides):
    return make_institution(
        name=name,
        slug=overrides.pop("slug", None) or name.lower().replace(" ", "-"),
        city=city,
        country=country,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        other_names=overrides.pop("other_names", ""),
        **overrides,
    )


# The projection


def test_the_projection_puts_the_equator_and_the_meridian_in_the_middle_and_the_poles_on_the_edges():
    assert project(0, 0) == (WIDTH / 2, round(HEIGHT / 2, 1))
    assert project(0, 180)[0] == WIDTH
    assert project(0, -180)[0] == 0
    assert project(90, 0)[1] == 0
    assert project(-90, 0)[1] == HEIGHT


def test_the_projection_is_equal_earth():
    # Equal Earth keeps the equator straight and spaces parallels unevenly: a city at
    # 52.3°N, 104.3°E (Irkutsk) is where the published formulas put it.
    assert project(Decimal("52.2957"), Decimal("104.2908")) == (734.4, 62.8)


@pytest.mark.parametrize(
    ("city", "country", "latitude", "longitude"),
    [
        ("Irkutsk", "RU", 52.2957, 104.2908),
        ("Novosibirsk", "RU", 55.0226, 82.9318),
        ("Bremerhaven", "DE", 53.5536, 8.5755),
        ("Minsk", "BY", 53.9002, 27.5665),
        ("Almaty", "KZ", 43.2525, 76.9115),
        ("Bangkok", "TH", 13.754, 100.5014),
        ("Chuncheon", "KR", 37.8747, 127.7342),
        ("Hobart", "AU", -42.8794, 147.3294),
        ("São Paulo", "BR", -23.5475, -46.6361),
        ("Chicago", "US", 41.85, -87.65),
        ("Nairobi", "KE", -1.2833, 36.8167),
    ],
)
def test_a_city_lands_inside_its_country_on_the_shipped_world_map(
    city, country, latitude, longitude
):
    assert inside(project(latitude, longitude), outline(country)), city


def test_the_world_map_is_small_and_asks_for_nothing_else():
    svg = WORLD_MAP.read_bytes()
    assert len(gzip.compress(svg, compresslevel=6)) < 20 * 1024
    assert b"<script" not in svg
    assert b"href" not in svg


# The markers


@pytest.fixture
def siberia(db):
    """Two partners in Irkutsk (one city, written twice its own way), one in
    Novosibirsk, one in Almaty and one without coordinates."""
    return [
        located("Irkutsk Technical University", "Irkutsk", "RU", "52.2621", "104.2616"),
        located("Irkutsk State University", " irkutsk", "RU", "52.2771", "104.2811"),
        located("Novosibirsk State University", "Novosibirsk", "RU", "54.8431", "83.0907"),
        located("Al-Farabi University", "Almaty", "KZ", "43.2238", "76.9214"),
        make_institution(
            name="Tomsk University", slug="tomsk", city="Tomsk", country="RU", other_names=""
        ),
    ]


def test_the_map_has_one_marker_per_city_with_its_number_of_partners(client, siberia):
    response = client.get(DIRECTORY)

    assert markers(response) == [
        ("/partners/al-farabi-university/", "Almaty, Kazakhstan: 1 partner institution"),
        ("/partners/?country=RU&q=Irkutsk", "Irkutsk, Russia: 2 partner institutions"),
        (
            "/partners/novosibirsk-state-university/",
            "Novosibirsk, Russia: 1 partner institution",
        ),
    ]
    counts = re.findall(r'dominant-baseline="central" aria-hidden="true">(\d+)<', response.text)
    # Each marker is drawn twice (for a narrow map and a wide one); site.css shows one.
    assert counts == ["1", "1", "2", "2", "1", "1"]
    city = client.get(markers(response)[1][0])
    assert [i.name for i in city.context["page_obj"]] == [
        "Irkutsk State University",
        "Irkutsk Technical University",
    ]


def test_the_map_shows_what_the_filters_find(client, siberia):
    in_russia = markers(client.get(DIRECTORY, {"country": "RU"}))
    assert [name.split(",")[0] for _, name in in_russia] == ["Irkutsk", "Novosibirsk"]
    assert markers(client.get(DIRECTORY, {"q": "Tomsk"})) == []
    assert 'class="partner-map"' not in client.get(DIRECTORY, {"q": "Tomsk"}).text


def test_the_map_draws_markers_with_svg_attributes_and_no_style_attribute(client, siberia):
    html = client.get("/ru/partners/", follow=True).text
    section = html[html.index('<section class="partner-map"') : html.index("</section>")]

    assert "style=" not in section
    assert re.search(r'transform="translate\(\d+(\.\d)? \d+(\.\d)?\) scale\(0\.\d+\)"', section)
    assert re.search(r'viewBox="[\d.]+ [\d.]+ [\d.]+ [\d.]+"', section)


def test_markers_of_neighbouring_cities_are_moved_apart_with_a_line_to_their_city(client, db):
    for number, (city, latitude, longitude) in enumerate(
        [
            ("Seoul", "37.566", "126.978"),
            ("Suwon", "37.291", "127.009"),
            ("Incheon", "37.456", "126.705"),
            ("Daejeon", "36.351", "127.385"),
            ("Chuncheon", "37.875", "127.734"),
        ]
    ):
        located(f"University {number}", city, "KR", latitude, longitude, slug=f"u{number}")
    html = client.get(DIRECTORY).text

    for layout, radius in LAYOUTS.items():
        centres = [
            (float(x), float(y), float(scale))
            for x, y, scale in re.findall(
                rf'<g class="{layout}" transform="translate\(([\d.]+) ([\d.]+)\) '
                r'scale\(([\d.]+)\)">',
                html,
            )
        ]
        assert len(centres) == 5
        for (x1, y1, scale), (x2, y2, _) in itertools.combinations(centres, 2):
            assert math.hypot(x2 - x1, y2 - y1) >= 2 * radius * scale - 0.2
    assert "<line x2=" in html


def test_spreading_hundreds_of_crowded_markers_compares_a_bounded_number_of_pairs(monkeypatch):
    """The directory draws its map for anonymous visitors: the work of moving markers
    apart must not grow with the square of the cities times the rounds."""
    compared, real_hypot = [], math.hypot

    def hypot(*sides):
        compared.append(1)
        return real_hypot(*sides)

    monkeypatch.setattr(partner_map.math, "hypot", hypot)
    crowded = [(500 + number % 20, 250 + number // 20) for number in range(400)]

    spread(crowded, 2 * LAYOUTS["narrow"] + 10, WIDTH, 500)

    assert len(compared) <= MAX_COMPARISONS


@pytest.mark.parametrize(
    ("language", "names"),
    [
        # In pinyin order: xin before yi.
        ("zh-hans", ["俄罗斯新西伯利亚：2 所合作院校", "俄罗斯伊尔库茨克：1 所合作院校"]),
        ("ru", ["Иркутск, Россия: 1 вуз-партнёр", "Новосибирск, Россия: 2 вуза-партнёра"]),
    ],
)
def test_marker_names_are_translated_with_plurals(client, db, language, names):
    irkutsk = {"city_zh_hans": "伊尔库茨克", "city_ru": "Иркутск"}
    novosibirsk = {"city_zh_hans": "新西伯利亚", "city_ru": "Новосибирск"}
    located("Irkutsk University", "Irkutsk", "RU", "52.26", "104.26", **irkutsk)
    located("Novosibirsk University", "Novosibirsk", "RU", "55.0", "82.9", **novosibirsk)
    located("Novosibirsk Tech", "Novosibirsk", "RU", "55.0", "82.9", **novosibirsk)

    html = client.get(f"/{language}/partners/", follow=True)

    assert [name for _, name in markers(html)] == names


def test_russian_marker_names_take_the_plural_form_of_their_number(db):
    from partners.map import places

    institutions = [
        located(
            f"University {n}", "Irkutsk", "RU", "52.26", "104.26", slug=f"u{n}", city_ru="Иркутск"
        )
        for n in range(5)
    ]
    with translation.override("ru"):
        names = [places(institutions[:count])[0].label for count in (1, 2, 5)]
    assert names == [
        "Иркутск, Россия: 1 вуз-партнёр",
        "Иркутск, Россия: 2 вуза-партнёра",
        "Иркутск, Россия: 5 вузов-партнёров",
    ]


@pytest.mark.parametrize("size", [3, 30])
def test_the_map_adds_one_query_whatever_the_number_of_partners(
    client, systems, office, django_assert_max_num_queries, size
):
    cities = [
        ("Irkutsk", "RU", "52.3", "104.3"),
        ("Seoul", "KR", "37.6", "127"),
        ("Bremen", "DE", "53.1", "8.8"),
    ]
    for number in range(size):
        city, country, latitude, longitude = cities[number % 3]
        institution = located(
            f"University {number}", city, country, latitude, longitude, slug=f"u{number}"
        )
        make_ranking(institution, systems["THE"], year=2024)
        make_agreement(institution)
    # As the directory without a map (test_views), and one query for the map.
    with django_assert_max_num_queries(7):
        response = client.get(DIRECTORY, {"sort": "ranking"})
    assert len(markers(response)) == 3


def test_every_demo_partner_is_on_the_map(client, db):
    demo.load()

    names = [name for _, name in markers(client.get(DIRECTORY))]

    assert len(names) == Institution.objects.count() == 10
    assert "Irkutsk, Russia: 1 partner institution" in names


# Coordinates in the admin


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_saving_without_coordinates_looks_them_up_from_the_city_and_says_so(staff_client, systems):
    response = staff_client.post(ADD, institution_form(systems), follow=True)

    institution = Institution.objects.get()
    assert (institution.latitude, institution.longitude) == (
        Decimal("52.2957"),
        Decimal("104.2908"),
    )
    assert (
        "The coordinates of Irkutsk, Russia were filled in from the GeoNames list of cities "
        "(52.2957, 104.2908)" in response.text
    )


def test_a_city_found_by_its_name_in_another_language_gets_its_coordinates(staff_client, systems):
    form = institution_form(systems, city="Irkutsk city", city_ru="Иркутск")
    staff_client.post(ADD, form, follow=True)

    assert Institution.objects.get().latitude == Decimal("52.2957")


def test_coordinates_given_by_hand_are_kept(staff_client, systems):
    form = institution_form(systems, latitude="52.2621", longitude="104.2616")
    response = staff_client.post(ADD, form, follow=True)

    institution = Institution.objects.get()
    assert (institution.latitude, institution.longitude) == (
        Decimal("52.2621"),
        Decimal("104.2616"),
    )
    assert "GeoNames" not in response.text


@pytest.mark.parametrize(
    ("city", "country", "why"),
    [
        ("Atlantis", "GR", "No city called Atlantis was found in Greece"),
        ("Frankfurt", "DE", "Several cities called Frankfurt are in Germany"),
    ],
)
def test_a_city_not_found_or_ambiguous_leaves_the_coordinates_empty_and_says_why(
    staff_client, systems, city, country, why
):
    form = institution_form(systems, city=city, country=country)
    response = staff_client.post(ADD, form, follow=True)

    institution = Institution.objects.get()
    assert institution.latitude is None and institution.longitude is None
    assert why in response.text
    assert "will not be on the map until its latitude and longitude are given" in response.text


def test_the_admin_form_has_a_location_group_with_both_coordinates(staff_client):
    html = staff_client.get(ADD).text

    location = html[html.index(">Location<") :]
    assert 'name="latitude"' in location and 'name="longitude"' in location


def test_the_map_links_to_the_institution_page_in_the_visitors_language(client, db):
    institution = located("Irkutsk Technical University", "Irkutsk", "RU", "52.26", "104.26")
    with translation.override("ru"):
        url = reverse("partners:detail", kwargs={"slug": institution.slug_ru or institution.slug})
    html = client.get("/ru/partners/", follow=True)
    assert markers(html)[0][0] == url
