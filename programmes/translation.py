"""Which programme fields are written in each language (django-modeltranslation).

History is registered here, after the translation fields exist, so that each
historical record keeps every language's text (see news/translation.py).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.history_records import OneRowPerEdit

from .models import ApplicationWindow, Opportunity


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    fields = [
        "title",
        "slug",
        "summary",
        "language_of_instruction",
        "duration",
        "eligibility",
        "how_to_apply",
    ]
    # A missing slug is NULL, not "": the reader's language then falls back.
    empty_values = {"slug": None}


@register(ApplicationWindow)
class ApplicationWindowTranslationOptions(TranslationOptions):
    fields = ["label"]


# One row per edit, its partners and documents included (see core.history_records).
simple_history.register(
    Opportunity,
    records_class=OneRowPerEdit,
    excluded_fields=["translation_sources"],
    m2m_fields=["partners", "documents"],
)
# A window's own history: when its dates moved, and who moved them.
simple_history.register(ApplicationWindow, excluded_fields=["sequence"])
