"""Path converters shared by every app's URLs (registered in IntlOfficeConfig.ready())."""

from django.db.models import BigIntegerField
from django.urls.converters import IntConverter, StringConverter


class IdConverter(IntConverter):
    """`<id:pk>`: a row id, as digits that fit the 64-bit id columns.

    An address with a larger number matches no pattern (a 404) instead of reaching
    the database, which refuses such a number with an error rather than finding no row.
    """

    def to_python(self, value):
        number = super().to_python(value)
        if number > BigIntegerField.MAX_BIGINT:
            raise ValueError(f"{value} is past the largest id")
        return number


class SegmentConverter(StringConverter):
    """`<segment:slug>`: one path segment of any text but control characters.

    Like `<str:>` (slugs made from Chinese or Russian titles are Unicode), but no slug
    holds a control character, and PostgreSQL refuses a query with a NUL in it: such
    an address matches no pattern (a 404).
    """

    regex = "[^/\\x00-\\x1f\\x7f]+"
