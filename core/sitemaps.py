"""Sitemaps listing each page once per language it is written in, paged in the database.

Django's i18n sitemap builds the (item, language) pairs of *every* item before it cuts
out one page, so each page of the sitemap, and the index that counts its pages, reads
the whole table. Here a page is cut from the queryset (a COUNT, then the ids of one
page by LIMIT/OFFSET, then those rows) and only that page's items are expanded into
their languages. Subclasses order items by an index, so that OFFSET walks the index.

Size: a sitemap file may hold 50,000 <url> entries and 10 MB. An item becomes at most
one <url> per language, and each <url> carries one alternate per language plus
x-default; a translated slug may be 255 characters, which become 3,060 bytes once
percent-encoded when each takes four bytes in UTF-8 (rare CJK ideographs). `limit`
counts items, so a page holds at most limit x languages <url> entries, and its worst
case (every slug that long) stays under 10 MB; tests/intloffice/test_sitemaps.py
measures that worst case.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.utils.translation import get_language


class TranslatedPaginator(Paginator):
    """Pages of items, each handed over as the (item, language) pairs Sitemap expects."""

    def __init__(self, items, per_page, languages_for_item):
        super().__init__(items, per_page)
        self.languages_for_item = languages_for_item

    def _get_page(self, object_list, number, paginator):
        # A private Django API, on purpose (checked against Django 6.1.3): the hook
        # Paginator.page() hands one page's slice to, which Django's own docstring
        # offers to subclasses; tests/test_private_django_apis.py fails if it changes.
        # Two steps: skipping the earlier pages reads only the index that orders the
        # items, and the columns the addresses need are read for this page's rows alone.
        ids = list(object_list.values_list("pk", flat=True))
        items = self.object_list.filter(pk__in=ids)
        pairs = [(item, code) for item in items for code in self.languages_for_item(item)]
        return super()._get_page(pairs, number, paginator)


class TranslatedSitemap(Sitemap):
    """A section of the sitemap whose items are model instances written in some languages.

    Subclasses give items() (ordered as an index is, with .only() what the addresses
    need) and get_languages_for_item(); a page's queries do not grow with its items.
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 200

    def __init__(self):
        self.locations = {}

    @cached_property
    def paginator(self):
        # One paginator per request: the index and a page each count the items once.
        return TranslatedPaginator(self.items(), self.limit, self.get_languages_for_item)

    def location(self, item):
        # Each address is asked for once as a <loc> and again as an alternate of each
        # of the item's other languages: reverse() it once per language.
        key = (item.pk, get_language())
        if key not in self.locations:
            self.locations[key] = item.get_absolute_url()
        return self.locations[key]

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item of the section, which would
        # read the whole table for the index: the index gives none, while every
        # address on the pages keeps its own.
        return None
