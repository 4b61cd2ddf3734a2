from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import formats
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView

from core.pagecache import cache_public_page, cached_for_this_version
from core.views import CanonicalSlugMixin
from documents.models import Document
from partners.models import Institution

from . import search
from .models import NewsRelease, Period, Topic
from .related import related_releases
from .visits import counted_recently, is_countable_visit, remember_counted_visit, remember_visit

YEAR_RANGE = range(1900, 2200)
MOST_READ_SHOWN = 5
# The periods of "most read" a page offers (?read=), its default left out: the page
# cache keeps a copy for each of these and serves the default's for anything else.
MOST_READ_CHOICES = {"read": [period for period in Period if period != Period.default()]}
# How old a list of the most read may be. A year's ranking reads a year of daily
# figures (all time, every public release): once a minute, not on every page
# rendered, and a visit adds one to a figure in the hundreds or thousands.
MOST_READ_SECONDS = 60


def most_read(request, limit=MOST_READ_SHOWN):
    """What a page's "most read" block shows, for the period named by ?read= (or the
    default one): the period, the default, and the releases (None when no public
    release was ever read: the block is then left out; an empty list when none was
    read in the period, which the block says in words)."""
    period = Period.parse(request.GET.get("read"))
    releases = cached_for_this_version(
        f"news:most-read:{period}:{limit}",
        lambda: most_read_now(period, limit),
        MOST_READ_SECONDS,
    )
    return {
        "read_period": period,
        "read_periods": Period,
        "read_default": Period.default(),
        "most_read_releases": releases,
    }


def most_read_now(period, limit):
    published = NewsRelease.objects.published()
    releases = list(published.most_read(period, limit))
    if not releases and not published.filter(view_count__gt=0).exists():
        return None
    return releases


class PublishedOrPreviewMixin:
    """The public sees published releases; editors may preview any."""

    model = NewsRelease

    def can_preview(self):
        return self.request.user.has_perm("news.change_newsrelease")

    def get_queryset(self):
        if self.can_preview():
            return NewsRelease.objects.all()
        # An archived release's page stays at its address (see published()).
        return NewsRelease.objects.published(archived=True)


class SearchResultsPaginator(Paginator):
    """Pages of search results, which stop at news.search.RANKED_MATCHES: past that
    the page says "more than 1000" and offers the first hundred pages."""

    @property
    def limit(self):
        return search.RANKED_MATCHES

    @property
    def is_capped(self):
        return self.count >= self.limit


def find_topic(slug, listed):
    """The topic named by ?topic=: among the listed ones (cached), else looked up (a
    topic with no public release yet), else a 404: an address naming no topic is
    not a page of the site."""
    if not slug:
        return None
    topic = next((topic for topic in listed if topic.slug == slug), None)
    if topic is None and slug_re.fullmatch(slug):
        # Only what could be a slug reaches the database: PostgreSQL refuses a NUL
        # in a string outright (a 500 instead of a 404).
        topic = Topic.objects.filter(slug=slug[:50]).first()
    if topic is None:
        raise Http404
    return topic


@method_decorator(
    cache_public_page(params=("page", "q", "read", "topic", "year"), choices=MOST_READ_CHOICES),
    name="dispatch",
)
class NewsReleaseListView(ListView):
    paginate_by = 10

    def get_queryset(self):
        releases = NewsRelease.objects.published().for_list()
        if self.topic:
            releases = releases.filter(topics=self.topic)
        if self.year:
            releases = releases.filter(release_time__year=self.year)
        # Search results are in order of relevance: a pin does not lift them.
        return releases.search_results(self.query) if self.query else releases.pinned_first()

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()
        self.year = self.parse_year(request.GET.get("year"))
        self.topics = Topic.objects.listed()
        self.topic = find_topic(request.GET.get("topic", "").strip(), self.topics)
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
        context["topics"] = self.topics
        context["topic"] = self.topic
        context["canonical"] = self.canonical_path(context["page_obj"])
        context.update(most_read(self.request))
        return context

    def canonical_path(self, page):
        # The list as filtered (a topic's or a year's page is a page of its own), not
        # as searched: search results are not pages to index.
        query = {"topic": self.topic and self.topic.slug, "year": self.year}
        if page.number > 1:
            query["page"] = page.number
        query = urlencode({name: value for name, value in query.items() if value})
        return reverse("news:list") + (f"?{query}" if query else "")


def counts_when_served():
    """Whether a release page counts its visit as it is served ("server" counting),
    or leaves it to the page itself to report ("beacon": see news/visit_views.py)."""
    return settings.VIEW_COUNTING == "server"


def counts_as_visit(request, pk, slug):
    # Only the release's own address counts: one without its slug redirects to it.
    return slug is not None and is_countable_visit(request) and not counted_recently(request, pk)


def count_visit(request, pk, slug=None):
    """Count this visit to the published release `pk`; its new total, or None."""
    releases = NewsRelease.objects
    if slug is None:  # a page served from the cache: kept for this very address
        view_count = releases.count_public_page_visit(pk)
    else:
        view_count = releases.published(archived=True).count_visit(pk, slug)
    if view_count is not None:
        remember_visit(request, pk)
    return view_count


def tells_browser_what_it_was_counted_for(view):
    """Outside the page cache: the copy kept must set no cookie (see visits.py)."""

    @wraps(view)
    def remembering_view(request, *args, **kwargs):
        return remember_counted_visit(request, view(request, *args, **kwargs))

    return remembering_view


def live_view_count(request, pk, slug=None):
    """The count a release page kept in the cache shows on this visit.

    A counted visit brings the count back from its UPDATE (the copy was kept for this
    very address, so the slug needs no second check); another (a crawler, say) reads
    it. No count means the release is no longer public since the copy was kept: 404.
    """
    if not counts_when_served():
        # The page reports its visit itself and has no live part: nothing to fill.
        return ""
    view_count = count_visit(request, pk) if counts_as_visit(request, pk, slug) else None
    if view_count is None:
        published = NewsRelease.objects.published(archived=True)
        view_count = published.filter(pk=pk).values_list("view_count", flat=True).first()
        if view_count is None:
            raise Http404
    return view_count_html(view_count)


def view_count_html(view_count):
    """What news/_view_count.html renders for `view_count`, without a template: this
    runs on every visit served from the cache, where a template render was a good
    share of the time. The same message and markup (tests hold the two together)."""
    counter = formats.localize(view_count)
    text = ngettext("%(counter)s view", "%(counter)s views", view_count) % {"counter": counter}
    # The message is the translators'; the number is digits and separators only. The
    # line break the template file ends with too: a page is as long served from the
    # cache as rendered (a HEAD answered by a rendering names the GET's length).
    return mark_safe(f'<span class="views">{text}</span>\n')  # noqa: S308


@method_decorator(tells_browser_what_it_was_counted_for, name="dispatch")
@method_decorator(cache_public_page(params=(), live=live_view_count), name="dispatch")
class NewsReleaseDetailView(CanonicalSlugMixin, PublishedOrPreviewMixin, DetailView):
    context_object_name = "release"

    def get_queryset(self):
        partners = Institution.objects.only("pk", "name", "slug").in_name_order()
        documents = Prefetch(
            "documents", queryset=Document.objects.public(), to_attr="prefetched_public_documents"
        )
        topics = Topic.objects.only("pk", "name", "slug")
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("partners", queryset=partners),
                Prefetch("topics", queryset=topics),
                documents,
            )
        )

    def get(self, request, pk, slug=None):
        if counts_when_served() and counts_as_visit(request, pk, slug):
            # Before the release is read, so that the page shows the count with this visit.
            count_visit(request, pk, slug)
        return super().get(request, pk=pk, slug=slug)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["preview"]:
            add_never_cache_headers(response)
        elif not counts_when_served():
            # The same page for every reader, who reports the visit itself: any
            # cache may keep it (a CDN, a proxy) as long as the site's own copies.
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_SECONDS)
        else:
            # The page shows a live count: no shared cache may keep it, or its number
            # would freeze.
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            preview=not self.object.is_published(), archived=self.object.is_expired(), **kwargs
        )
        neighbours = NewsRelease.objects.published().neighbours_of(self.object)
        for neighbour in neighbours:
            is_older = (neighbour.release_time, neighbour.pk) < (
                self.object.release_time,
                self.object.pk,
            )
            context["older" if is_older else "newer"] = neighbour
        context["related"] = related_releases(self.object)
        context["reports_visit"] = not context["preview"] and not counts_when_served()
        return context
