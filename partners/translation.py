"""Which partner fields are written in each language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, FormerName, Institution, SubjectArea


@register(Institution)
class InstitutionTranslationOptions(TranslationOptions):
    fields = ["name", "slug", "city", "description", "strengths"]
    # A missing slug is NULL, not "", so that the unique constraint allows many.
    empty_values = {"slug": None}


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ["programmes", "signatories"]


@register(FormerName)
class FormerNameTranslationOptions(TranslationOptions):
    fields = ["name"]


@register(SubjectArea)
class SubjectAreaTranslationOptions(TranslationOptions):
    fields = ["name"]
