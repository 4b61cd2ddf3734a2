"""The document's title is written in each language; the file is one for all.

History is registered here, after the translation fields exist (see news/translation.py
for why), one row per edit: who uploaded or replaced which file, who changed a title
or the visibility, and when.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.history_records import OneRowPerEdit

from .models import Document


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ["title"]


simple_history.register(Document, records_class=OneRowPerEdit)
