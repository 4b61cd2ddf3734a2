"""Which page fields are written in each language (django-modeltranslation).

History is registered here, after the translation fields exist (see news/translation.py).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.history_records import OneRowPerEdit
from core.languages import content_languages, localized_name

from .models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ["title", "slug", "summary", "body", "cover_alt", "url_path"]


# One row per edit, its documents included. Not the tree's own columns (path, depth,
# numchild) nor the addresses made from them: they change when a page moves, which is
# no edit of this page, and a restored version must never put a page back where the
# tree has moved on. save() reads them from the stored row instead.
simple_history.register(
    Page,
    records_class=OneRowPerEdit,
    excluded_fields=[
        "path",
        "depth",
        "numchild",
        "url_path",
        *(localized_name("url_path", code) for code in content_languages()),
        "translation_sources",
    ],
    m2m_fields=["documents"],
)
