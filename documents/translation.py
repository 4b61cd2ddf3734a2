"""The document's title is written in each language; the file is one for all."""

from modeltranslation.translator import TranslationOptions, register

from .models import Document


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ["title"]
