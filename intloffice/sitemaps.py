from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from news.sitemaps import NewsReleaseSitemap
from partners.sitemaps import InstitutionSitemap
from programmes.sitemaps import OpportunitySitemap


class StaticViewSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["home", "news:list", "partners:list", "programmes:list", "programmes:archive"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": StaticViewSitemap,
    "news": NewsReleaseSitemap,
    "partners": InstitutionSitemap,
    "programmes": OpportunitySitemap,
}
