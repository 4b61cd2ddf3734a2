from django.contrib.sitemaps import Sitemap

from .models import Institution


class InstitutionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Institution.objects.order_by("name").only("slug")
