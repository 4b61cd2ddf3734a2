from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.pagecache import (
    cache_public_page,
    keep_only_parameters,
    page_cache,
    page_key,
    serves_cached_pages,
)
from partners.models import Institution

from . import search
from .models import NewsRelease
from .visits import is_countable_visit

YEAR_RANGE = range(1900, 2200)
# Where the live view count goes into a release page kept in the cache.
VIEW_COUNT_HOLE = "<!-- view count -->"


class PublishedOrPreviewMixin:
    """The public sees published releases; editors may preview any."""

    model = NewsRelease

    def can_preview(self):
        return self.request.user.has_perm("news.change_newsrelease")

    def get_queryset(self):
        if self.can_preview():
            return NewsRelease.objects.all()
        return NewsRelease.objects.published()


class SearchResultsPaginator(Paginator):
    """Pages of search results, which stop at news.search.RANKED_MATCHES: past that
    the page says "more than 1000" and offers the first hundred pages."""

    @property
    def limit(self):
        return search.RANKED_MATCHES

    @property
    def is_capped(self):
        return self.count >= self.limit


@method_decorator(cache_public_page(params=("page", "q", "year")), name="dispatch")
class NewsReleaseListView(ListView):
    paginate_by = 10

    def get_queryset(self):
        releases = NewsRelease.objects.published().for_list()
        if self.year:
            releases = releases.filter(release_time__year=self.year)
        return releases.search_results(self.query) if self.query else releases

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()
        self.year = self.parse_year(request.GET.get("year"))
        return super().get(request, *args, **kwargs)

    @staticmethod
    def parse_year(value):
        try:
            year = int(value)
        except (TypeError, ValueError):
            return None
        return year if year in YEAR_RANGE else None

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator_class = SearchResultsPaginator if self.query else Paginator
        return paginator_class(queryset, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # A page number that is not a number, or past the end, shows the first or the
        # last page instead of an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["year"] = self.year
        context["years"] = NewsRelease.objects.published_years()
        return context


class NewsReleaseDetailView(PublishedOrPreviewMixin, DetailView):
    context_object_name = "release"

    def get_queryset(self):
        partners = Institution.objects.only("pk", "name", "slug")
        return super().get_queryset().prefetch_related(Prefetch("partners", queryset=partners))

    def get(self, request, pk, slug=None):
        countable = slug is not None and is_countable_visit(request)
        published = NewsRelease.objects.published()
        cache_key = None
        if serves_cached_pages(request):
            keep_only_parameters(request, params=())
            cache_key = page_key(request, "news-detail")
        if cache_key and (cached_page := page_cache.get(cache_key)) is not None:
            # Cached for this very address in the current content version, so the
            # slug is right: the count need not check it again.
            view_count = published.count_visit(pk) if countable else None
            return self.with_live_view_count(cached_page, pk, view_count)
        if countable:
            published.count_visit(pk, slug)
        self.object = self.get_object()
        if slug != self.object.slug:
            return redirect(self.object, permanent=True)
        preview = not self.object.is_published()
        if cache_key and not preview:
            context = self.get_context_data(object=self.object, view_count_hole=True)
            page = self.render_to_response(context).render().content.decode()
            page_cache.set(cache_key, page, settings.PUBLIC_PAGE_SECONDS)
            return self.with_live_view_count(page, pk, self.object.view_count)
        context = self.get_context_data(object=self.object, preview=preview)
        response = self.render_to_response(context)
        if preview:
            add_never_cache_headers(response)
        else:
            # The page shows a live count: no shared cache may keep it, or
            # its number would freeze.
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response

    @staticmethod
    def with_live_view_count(page, pk, view_count=None):
        """A public release page rendered earlier, with the count as it is now.

        The page is cached under the content version (any edit starts a new one), so
        it stays right; only its count moves. A counted visit brings the count back
        from its UPDATE; otherwise (a crawler, say) it is read.
        """
        if view_count is None:
            counts = NewsRelease.objects.published().filter(pk=pk)
            view_count = counts.values_list("view_count", flat=True).first()
            if view_count is None:  # no longer public since the page was cached
                raise Http404
        count = render_to_string("news/_view_count.html", {"release": {"view_count": view_count}})
        response = HttpResponse(page.replace(VIEW_COUNT_HOLE, count, 1))
        # The page shows a live count: no shared cache may keep it, or its number
        # would freeze.
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        neighbours = NewsRelease.objects.published().neighbours_of(self.object)
        for neighbour in neighbours:
            is_older = (neighbour.release_time, neighbour.pk) < (
                self.object.release_time,
                self.object.pk,
            )
            context["older" if is_older else "newer"] = neighbour
        return context
