from django.conf import settings

from core.languages import translation_flag_name, translation_flags
from core.sitemaps import TranslatedSitemap

from .models import Opportunity


class OpportunitySitemap(TranslatedSitemap):
    """Every public opportunity, open or closed (a closed one keeps its page), once per
    language it is written in, with its alternates."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            Opportunity.objects.published()
            .only("pk", "slug", "updated_at")
            .annotate(**translation_flags(Opportunity.TRANSLATION_REQUIRED_FIELDS))
            .order_by("pk")
        )

    def get_languages_for_item(self, opportunity):
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE or getattr(opportunity, translation_flag_name(code))
        ]

    def lastmod(self, opportunity):
        return opportunity.updated_at
