"""The directory's map of partners: where each city's marker goes on the world map.

The world map (static/partners/world-map.svg, drawn by scripts/make_world_map.py) and
the markers drawn over it use the same projection, defined once here: Equal Earth
(Šavrič, Patterson and Jenny, 2018), an equal-area projection whose continents keep a
familiar shape, in a frame WIDTH units wide with the origin at the top left, as SVG has
it. The markers are drawn on the server, as SVG over the base map: no script, no tile
server, nothing asked of another origin.
"""

import math
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from core.collation import sort_key
from core.languages import active_language, content_languages, localized_name

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
# Antarctica has no partners and is not drawn: the map ends at this latitude.
SOUTHERNMOST = -60

# The smallest piece of the world the map zooms to (in map units), and the ratio of
# width to height it keeps: the outlines are drawn for a world map and look coarse
# when zoomed in further, and a country stretching north to south must not make a
# map taller than the screen.
MIN_SPAN = 400
ASPECT_MIN, ASPECT_MAX = 1.8, 2.2
MARGIN = 40


def equal_earth(latitude, longitude):
    """Equal Earth coordinates (x east, y north) of a point given in degrees."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


# The projection's own extent: x within ±X_MAX (longitude ±180), y within ±Y_MAX (the poles).
X_MAX = equal_earth(0, 180)[0]
Y_MAX = equal_earth(90, 0)[1]
WIDTH = 1000
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round(2 * Y_MAX * SCALE, 1)


def project(latitude, longitude):
    """Where a point lands on the map, in SVG units from its top left corner."""
    x, y = equal_earth(float(latitude), float(longitude))
    return round(WIDTH / 2 + x * SCALE, 1), round(HEIGHT / 2 - y * SCALE, 1)


@dataclass
class Place:
    """A city with partners: one marker."""

    key: tuple
    city: str
    country: object
    institutions: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.institutions)

    @property
    def position(self):
        """The mean of the partners' coordinates: one marker for a city's campuses."""
        latitude = sum(i.latitude for i in self.institutions) / self.count
        longitude = sum(i.longitude for i in self.institutions) / self.count
        return project(latitude, longitude)

    @property
    def label(self):
        return ngettext(
            "%(city)s, %(country)s: %(count)s partner institution",
            "%(city)s, %(country)s: %(count)s partner institutions",
            self.count,
        ) % {"city": self.city, "country": self.country.name, "count": self.count}

    @property
    def url(self):
        """The institution's page, or the directory showing the city's partners."""
        if self.count == 1:
            return self.institutions[0].get_absolute_url()
        query = urlencode({"country": self.country.code, "q": self.city})
        return f"{reverse('partners:list')}?{query}"


def map_fields():
    """The columns a marker needs, in every language (the city names its place)."""
    localized = [
        localized_name(name, code) for name in ("slug", "city") for code in content_languages()
    ]
    return ["country", "latitude", "longitude", *localized]


def places(institutions):
    """One place per city and country, in the order the directory lists countries and
    a country's cities (so that the keyboard goes through them as the list reads).

    A city is known by its name in the default language, whatever the case or spaces,
    so that two partners in one city share a marker even if their coordinates differ.
    """
    by_city = {}
    for institution in institutions:
        if institution.latitude is None or institution.longitude is None:
            continue
        city = institution.city or institution.city_en or ""
        default_city = institution.city_en or city
        key = (institution.country.code, " ".join(default_city.casefold().split()))
        place = by_city.setdefault(key, Place(key, city, institution.country))
        place.institutions.append(institution)
    language = active_language()
    return sorted(
        by_city.values(),
        key=lambda p: (sort_key(p.country.name, language), sort_key(p.city, language)),
    )


def view_box(points):
    """The part of the world map to show: every marker with a margin, at least
    MIN_SPAN wide, kept between ASPECT_MIN and ASPECT_MAX (width to height) and
    within the map."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, right = min(xs) - MARGIN, max(xs) + MARGIN
    top, bottom = min(ys) - MARGIN, max(ys) + MARGIN
    width = max(right - left, MIN_SPAN, (bottom - top) * ASPECT_MIN)
    height = max(bottom - top, width / ASPECT_MAX)
    width = max(width, height * ASPECT_MIN)
    bottom_edge = project(SOUTHERNMOST, 0)[1]
    width, height = min(width, WIDTH), min(height, bottom_edge)
    center_x, center_y = (left + right) / 2, (top + bottom) / 2
    x = min(max(center_x - width / 2, 0), WIDTH - width)
    y = min(max(center_y - height / 2, 0), bottom_edge - height)
    return tuple(round(value, 1) for value in (x, y, width, height))


# Marker radii in thousandths of the shown width, as site.css draws them: big on a
# phone's narrow map, smaller on a wide one. Markers closer than their size are moved
# apart, each with a line to its city, so that none hides another.
LAYOUTS = {"narrow": 36, "wide": 17}
GAP = 10
# How many pairs of markers one layout may compare in all. Each round compares every
# pair, so a directory of hundreds of cities would cost an anonymous visitor seconds
# per page; past this, the remaining markers are left where they are, overlapping.
MAX_COMPARISONS = 400_000


def spread(points, distance, width, height):
    """Move points apart until none is closer than `distance` to another, staying
    within width x height: a few rounds of pushing each close pair apart, as many as
    MAX_COMPARISONS allows."""
    points = [list(point) for point in points]
    budget = MAX_COMPARISONS
    for _ in range(200):
        moved = False
        for i, a in enumerate(points):
            budget -= len(points) - i - 1
            if budget < 0:
                break
            for j in range(i + 1, len(points)):
                b = points[j]
                dx, dy = b[0] - a[0], b[1] - a[1]
                apart = math.hypot(dx, dy)
                if apart >= distance - 0.01:
                    continue
                if apart == 0:  # one place twice: part them along a fixed direction
                    dx, dy, apart = math.cos(j), math.sin(j), 1
                push = (distance - apart) / 2
                a[0], a[1] = a[0] - push * dx / apart, a[1] - push * dy / apart
                b[0], b[1] = b[0] + push * dx / apart, b[1] + push * dy / apart
                moved = True
        for point in points:
            point[0] = min(max(point[0], distance / 2), width - distance / 2)
            point[1] = min(max(point[1], distance / 2), height - distance / 2)
        if not moved or budget < 0:
            break
    return [tuple(point) for point in points]


@dataclass
class Layout:
    """A marker as drawn at one range of widths: where its circle goes (map units)
    and, when it had to move, the line back to its city (marker units)."""

    name: str
    x: float
    y: float
    scale: float
    line_x: float = 0
    line_y: float = 0

    @property
    def transform(self):
        """An SVG attribute (a strict content security policy allows no style
        attribute), written with dots whatever the visitor's language."""
        return f"translate({self.x:g} {self.y:g}) scale({self.scale:g})"

    @property
    def radius(self):
        return LAYOUTS[self.name]

    @property
    def moved(self):
        return math.hypot(self.line_x, self.line_y) > LAYOUTS[self.name] / 3

    @property
    def line_end(self):
        return f"{self.line_x:g}", f"{self.line_y:g}"


@dataclass
class Marker:
    place: Place
    x: float
    y: float
    layouts: list = field(default_factory=list)


def lay_out(markers, box):
    """Give each marker its layouts: its place, or near it if a neighbour is too close."""
    left, top, width, height = box
    scale = width / WIDTH
    # Marker units: thousandths of the shown width, from the shown top left corner.
    local = [((m.x - left) / scale, (m.y - top) / scale) for m in markers]
    for name, radius in LAYOUTS.items():
        spread_out = spread(local, 2 * radius + GAP, WIDTH, height / scale)
        for marker, (x, y), (new_x, new_y) in zip(markers, local, spread_out, strict=True):
            marker.layouts.append(
                Layout(
                    name,
                    round(left + new_x * scale, 1),
                    round(top + new_y * scale, 1),
                    round(scale, 3),
                    round(x - new_x, 1),
                    round(y - new_y, 1),
                )
            )


@dataclass
class PartnerMap:
    """What the directory's template draws: the markers and the part of the map."""

    markers: list
    view_box: tuple

    @classmethod
    def of(cls, institutions):
        """The map of these institutions' cities; None when none has coordinates."""
        markers = [Marker(place, *place.position) for place in places(institutions)]
        if not markers:
            return None
        box = view_box([(m.x, m.y) for m in markers])
        lay_out(markers, box)
        return cls(markers, box)

    @property
    def view_box_attribute(self):
        return " ".join(f"{value:g}" for value in self.view_box)

    base_map_width = WIDTH
    base_map_height = HEIGHT
