"""/search/: one search box for the whole site, its results grouped by kind (see
core.sitesearch for how each app's kind is registered)."""

from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from core.pagecache import cache_public_page
from core.search import QUERY_MAX_LENGTH, highlight, snippet
from core.sitesearch import search_site


def clean_query(value):
    """The query as searched and shown: a string (a q[]= list or a missing q gives
    none), without control characters, at most as long as what is searched."""
    if not isinstance(value, str):
        return ""
    printable = "".join(c if c.isprintable() else " " for c in value[: QUERY_MAX_LENGTH * 2])
    return " ".join(printable.split())[:QUERY_MAX_LENGTH]


# Like the news list's ?q=: each query is a page of the bounded "pages" cache, so a
# repeated search is a cache read and a flood of made-up queries only pushes out
# other such pages (core.pagecache).
@method_decorator(cache_public_page(params=("q",)), name="dispatch")
class SiteSearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q", ""))
        terms, groups = search_site(query) if query else ([], [])
        for group in groups:
            for result in group.found.results:
                result.title_html = highlight(result.title, terms)
                result.snippet_html = snippet(result.text, terms)
        return super().get_context_data(query=query, groups=groups, **kwargs)
