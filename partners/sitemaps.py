from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .models import Institution


class InstitutionSitemap(Sitemap):
    """Every partner's page, once per language it is written in (see NewsReleaseSitemap)."""

    changefreq = "monthly"
    priority = 0.6
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Institution.objects.order_by("pk")

    def get_languages_for_item(self, institution):
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE or institution.is_translated(code)
        ]
