from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse

from news.sitemaps import NewsReleaseSitemap
from pages.sitemaps import languages_of, public_pages
from partners.sitemaps import InstitutionSitemap
from programmes.sitemaps import OpportunitySitemap

FIXED_ADDRESSES = [
    "home",
    "news:list",
    "partners:list",
    "programmes:list",
    "programmes:archive",
]


class LazyItems:
    """The section's items, read when a page of the sitemap is written, not before."""

    def __init__(self, read):
        self.read, self.items = read, None

    def all(self):
        if self.items is None:
            self.items = self.read()
        return self.items

    def __len__(self):
        return len(self.all())

    def __getitem__(self, index):
        return self.all()[index]


class OnePagePaginator(Paginator):
    # The section is one file: the fixed addresses and an office's page tree (some
    # hundreds of pages) stay far below a sitemap's 50,000 addresses and 10 MB, so
    # the index names it without reading the tree.
    num_pages = 1


class StaticViewSitemap(Sitemap):
    """The site's fixed pages (home, the lists) and the office's page tree, each in
    the languages it is written in, with its alternates."""

    changefreq = "weekly"
    priority = 0.5
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [*FIXED_ADDRESSES, *public_pages()]

    @property
    def paginator(self):
        return OnePagePaginator(LazyItems(self._items), self.limit)

    def get_languages_for_item(self, item):
        if isinstance(item, str):
            return [code for code, _name in settings.LANGUAGES]
        return languages_of(item)

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item for the index; the index gives none.
        return None


sitemaps = {
    "pages": StaticViewSitemap,
    "news": NewsReleaseSitemap,
    "partners": InstitutionSitemap,
    "programmes": OpportunitySitemap,
}
