from django.contrib.sitemaps import Sitemap

from .models import NewsRelease


class NewsReleaseSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 5000

    def items(self):
        return NewsRelease.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, release):
        return release.updated_at
