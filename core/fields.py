"""Model fields that clean what they store, whatever the save path.

Cleaning happens in get_prep_value(), which Django calls for every value written to
the database: save(), bulk_create(), QuerySet.update(), bulk_update() and fixtures
loaded with raw saves alike, so no path can store what the form would have refused.
(pre_save() would not do: raw saves and QuerySet.update() never call it.)
"""

from django.db import models

from .sanitize import clean_html, strip_control_characters


class SanitizedHTMLField(models.TextField):
    """Rich text reduced to the sanitizer's allowlist (see core.sanitize).

    A value clean_html() has already returned (a model cleans its rich text before
    saving, when it makes other fields from it) is written as it is, not cleaned twice.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return str(clean_html(value)) if value else value


class PlainTextField(models.CharField):
    """A single line of text without control characters (feeds and XML need this)."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return strip_control_characters(value).strip() if value else value


class PlainLongTextField(models.TextField):
    """Several lines of plain text without control characters (inner newlines are kept)."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return strip_control_characters(value).strip() if value else value
