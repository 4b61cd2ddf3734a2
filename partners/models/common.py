"""What the partner models share: the plausible years, text and date helpers, and
the checks on years that depend on today."""

import calendar
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.sanitize import strip_control_characters

# The oldest universities still teaching date from the 9th century; ranking tables
# start in 2003 (ARWU). The upper bounds that depend on today are checked in forms.
EARLIEST_FOUNDING_YEAR = 800
EARLIEST_RANKING_YEAR = 2000
LATEST_RANKING_YEAR = 2100


def search_key(text):
    """`text` as the directory compares it: NFKC-normalized, casefolded, single-spaced.

    SQLite folds only ASCII letters in LIKE, so names are stored folded (in
    `Institution.search_text`) and queries are folded the same way; a plain
    `contains` then matches Latin, Cyrillic and Chinese text on every database.
    """
    text = strip_control_characters(unicodedata.normalize("NFKC", text or ""))
    return " ".join(text.casefold().split())


def non_empty_lines(text):
    """The lines of a one-item-a-line text field, without the blank ones."""
    return [line for line in text.splitlines() if line.strip()]


def add_months(day, months):
    """The same day `months` calendar months later, or that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def validate_not_in_the_future(year):
    if year > timezone.localdate().year:
        raise ValidationError(
            _("%(year)s is in the future: give the year the institution was founded."),
            params={"year": year},
        )


def validate_ranking_year(year):
    # Tables are published in the autumn under the next year's name.
    latest = timezone.localdate().year + 1
    if year > latest:
        raise ValidationError(
            _(
                "No ranking for %(year)s has been published yet "
                "(the latest possible is %(latest)s)."
            ),
            params={"year": year, "latest": latest},
        )
