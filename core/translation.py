"""The office's details in each language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Office


@register(Office)
class OfficeTranslationOptions(TranslationOptions):
    fields = ["name", "university", "address"]
