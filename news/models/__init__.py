"""News releases (release.py) and the queries on them (querysets.py)."""

from .querysets import (
    MOST_READ_DAYS,
    YEARS_CACHE_NAME,
    YEARS_CACHE_SECONDS,
    NewsReleaseQuerySet,
)
from .release import COVER_WIDTHS, NewsRelease

# Models of other modules of this package are imported below, one a line.

__all__ = [
    "COVER_WIDTHS",
    "MOST_READ_DAYS",
    "YEARS_CACHE_NAME",
    "YEARS_CACHE_SECONDS",
    "NewsRelease",
    "NewsReleaseQuerySet",
]
