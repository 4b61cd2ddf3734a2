"""The office's pages in the site search, through the shared index
(core.search_index): titles, summaries and bodies, in every language."""

from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import pgettext_lazy

from core.languages import fallback_language, translations_of
from core.search_index import IndexedKind
from core.sitesearch import Result


def plain(html):
    return unescape(strip_tags(html))


class PageSearch(IndexedKind):
    name = "pages"
    label = pgettext_lazy("the office's web pages", "Pages")
    order = 20

    def published(self):
        # A page is public only when it and every page above it are.
        return self.model.objects.published()

    def documents(self, page):
        return translations_of(page, "title"), [
            *translations_of(page, "summary"),
            *(plain(body) for body in translations_of(page, "body")),
        ]

    def result(self, page):
        return Result(
            title=page.title,
            url=page.get_absolute_url(),
            title_language=fallback_language(page, "title"),
            text=" ".join(filter(None, [page.summary, plain(page.body)])),
        )
