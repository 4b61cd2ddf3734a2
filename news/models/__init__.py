"""News releases (release.py), the queries on them (querysets.py) and their topics
(topic.py), and how releases were read (readership.py)."""

# Models kept beside the features they serve, imported here so that Django finds them.
from ..previews import PreviewLink
from .querysets import (
    YEARS_CACHE_NAME,
    YEARS_CACHE_SECONDS,
    NewsReleaseQuerySet,
)
from .readership import LANGUAGE_NOT_RECORDED, DailyViews, Period
from .release import COVER_WIDTHS, NewsRelease
from .topic import TOPICS_CACHE_NAME, Topic

__all__ = [
    "COVER_WIDTHS",
    "LANGUAGE_NOT_RECORDED",
    "TOPICS_CACHE_NAME",
    "YEARS_CACHE_NAME",
    "YEARS_CACHE_SECONDS",
    "DailyViews",
    "NewsRelease",
    "NewsReleaseQuerySet",
    "Period",
    "PreviewLink",
    "Topic",
]
