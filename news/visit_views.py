"""Visits that a release page reports itself ("beacon" counting, settings.VIEW_COUNTING).

In that mode a release page counts nothing as it is served, so that any cache may keep
it (the page cache, a CDN, a proxy). The page's script (static/js/visit.js) posts to
report_visit() and shows the count it answers; without script, the page's <noscript>
image asks visit_pixel(). Both count as a page served in "server" mode would: the same
exclusions (news/visits.py), the same cookie that makes a reload within the visit
window add nothing, the page's language for the day's figure (the addresses carry
its prefix).

The page is the same for every reader, so it can hold no CSRF token: the endpoints
are exempt, and rely on the browser's Sec-Fetch-* headers instead to refuse counting
asked for by another site (a form or an image of theirs). A browser that sends none
(an old one) is believed; at worst another site adds visits its own readers' browsers
make, one per browser per window.

Each answer costs the count's UPDATE (or one SELECT when the visit does not count),
no session and no page: they are never stored by any cache.
"""

import base64

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound, JsonResponse
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from .models import NewsRelease
from .views import count_visit
from .visits import (
    counted_recently,
    is_countable_visit,
    is_non_human,
    is_prefetch,
    remember_counted_visit,
)

# A transparent GIF of one pixel.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def is_asked_by_another_site(request):
    return request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site"


def is_countable_report(request):
    """The exclusions of a page served in "server" mode; the script reports with a POST."""
    if request.method == "POST":
        user_agent = request.META.get("HTTP_USER_AGENT", "")
        return not is_prefetch(request) and not is_non_human(user_agent)
    return is_countable_visit(request)


def reported_view_count(request, pk):
    """Count the reported visit if it counts; the release's count, or None when no
    published release has that id."""
    if is_countable_report(request) and not counted_recently(request, pk):
        view_count = count_visit(request, pk)
        if view_count is not None:
            return view_count
    published = NewsRelease.objects.published(archived=True)
    return published.filter(pk=pk).values_list("view_count", flat=True).first()


def view_count_text(view_count):
    """ "11 views", as the page shows it (the same template, so the same plural forms)."""
    html = render_to_string("news/_view_count.html", {"release": {"view_count": view_count}})
    return strip_tags(html).strip()


def counts_reported_visits(view):
    """Refuse what beacon counting does not take; never let a cache keep the answer;
    have the browser remember the visit counted."""

    @cache_control(no_store=True)
    def reporting_view(request, pk):
        if settings.VIEW_COUNTING != "beacon":
            return HttpResponseNotFound()
        if is_asked_by_another_site(request):
            return HttpResponseForbidden()
        return remember_counted_visit(request, view(request, pk))

    return reporting_view


@csrf_exempt
@require_POST
@counts_reported_visits
def report_visit(request, pk):
    view_count = reported_view_count(request, pk)
    if view_count is None:
        return HttpResponseNotFound()
    return JsonResponse({"views": view_count, "text": view_count_text(view_count)})


@csrf_exempt
@require_safe
@counts_reported_visits
def visit_pixel(request, pk):
    # Only an image: another site could not make the browser load it as a page or a
    # frame to count.
    if request.META.get("HTTP_SEC_FETCH_DEST", "image") != "image":
        return HttpResponseForbidden()
    if reported_view_count(request, pk) is None:
        return HttpResponseNotFound()
    return HttpResponse(PIXEL, content_type="image/gif")
