"""ISCED-F 2013, the UNESCO classification of fields of education and training, which
Erasmus agreements use for their subject areas.

The fields live in data/isced-f-2013.csv (broad, narrow and detailed fields: two-,
three- and four-digit codes, with their names in English, Chinese and Russian). A
migration copies them into SubjectArea; the validator below keeps that table to
the classification's codes, whatever the database holds.
"""

import csv
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATA_FILE = Path(__file__).parent / "data" / "isced-f-2013.csv"


@cache
def isced_fields():
    """[{"code": "0714", "en": ..., "zh_hans": ..., "ru": ...}, ...] in code order."""
    with open(DATA_FILE, encoding="utf-8", newline="") as file:
        return tuple(csv.DictReader(file))


def isced_codes():
    return frozenset(field["code"] for field in isced_fields())


def validate_isced_code(value):
    if value not in isced_codes():
        raise ValidationError(
            _(
                "“%(value)s” is not an ISCED-F 2013 field: give a code of its list, "
                "e.g. 07 (broad), 071 (narrow) or 0714 (detailed)."
            ),
            code="unknown_isced_code",
            params={"value": value},
        )
