from django.conf import settings

from core.languages import translation_flag_name, translation_flags
from core.sitemaps import TranslatedSitemap

from .models import NewsRelease


class NewsReleaseSitemap(TranslatedSitemap):
    """Every public release, once per language it is written in, with its alternates.

    A release not yet translated into a language is shown there in the default
    language (with a note); that page is not listed as a release of its own.
    """

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return (
            NewsRelease.objects.published()
            .only("pk", "slug", "updated_at")
            .annotate(**translation_flags(NewsRelease.TRANSLATION_REQUIRED_FIELDS))
            # The order of the index on public releases: a page's ids come from it.
            .order_by("release_time", "pk")
        )

    def get_languages_for_item(self, release):
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE or getattr(release, translation_flag_name(code))
        ]

    def lastmod(self, release):
        return release.updated_at
