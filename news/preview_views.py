"""The public page of a preview link (see news.previews): the release as it will be
published, for whoever holds the link, never indexed, counted or kept in a cache."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from .previews import PreviewLink


def private(response):
    # Not in any cache (the page cache never sees this view, and browsers and proxies
    # must not keep it either), not in search engines, and the address, which is the
    # key, is not sent to the sites the release links to.
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def preview(request, token):
    link = PreviewLink.from_token(token)
    if link is None:
        raise Http404
    if not link.is_active():
        return private(render(request, "news/preview_gone.html", {"link": link}, status=410))
    release = link.release
    if release.is_published():
        # Public now: the link leads to the release's own page.
        return redirect(release)
    context = {"release": release, "preview": True, "preview_link": link}
    return private(render(request, "news/newsrelease_detail.html", context))
