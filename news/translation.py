"""Which news fields are written in each language (django-modeltranslation).

History is registered here, after the translation fields exist, so that each
historical record keeps every language's text (registered the other way round, the
history table is built before the language columns exist and the first save fails).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.history_records import OneRowPerEdit

from .models import NewsRelease, Topic


@register(NewsRelease)
class NewsReleaseTranslationOptions(TranslationOptions):
    fields = ["title", "slug", "summary", "body", "cover_alt"]


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ["name"]


# History of every edit (who, when, what), without the view count: a restore must
# never bring back an old count, and a visit must never add a history row. Nor the
# search words and the translation state, which save() makes again from the text. One
# row per edit, its partner institutions and topics included (see
# core.history_records).
simple_history.register(
    NewsRelease,
    records_class=OneRowPerEdit,
    excluded_fields=["view_count", "search_title", "search_text", "translation_sources"],
    m2m_fields=["partners", "topics", "documents"],
)
simple_history.register(Topic, records_class=OneRowPerEdit)
