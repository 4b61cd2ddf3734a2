from django.conf import settings

from core.sitemaps import TranslatedSitemap

from .models import Institution


class InstitutionSitemap(TranslatedSitemap):
    """Every partner's page, once per language it is written in (see NewsReleaseSitemap)."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Institution.objects.order_by("pk")

    def get_languages_for_item(self, institution):
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE or institution.is_translated(code)
        ]
