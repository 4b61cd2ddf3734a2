"""Public pages kept rendered for a few seconds.

Rendering the templates is most of what a page costs, and a public page is the same
for every anonymous visitor reading it in one language. So pages are cached for
PUBLIC_PAGE_SECONDS under a key that holds the *content version*: any save or delete
of news, partners or the office's details sets a new version, so a staff edit shows
on the public site at once, and a scheduled release appears within those seconds.
View counts shown in lists may be that many seconds old, or older where a list is
itself kept for longer (see cached_for_this_version). Signed-in users (staff, who may
preview) always get freshly rendered pages.

A page may have one live part that no copy may freeze (a release's own view count,
which each visit moves). Its template marks the part with {% live %}...{% endlive %}
(core/templatetags/pagecache.py), and the view is cached with
cache_public_page(live=...): the copy kept holds LIVE_HOLE where the part was, and
each visit gets the copy with the part as it is now, from the `live` callable. So a
visit served from the cache costs what the live part costs (for a release, the one
UPDATE that counts the visit and returns the count) and no rendering. The callable
may raise Http404: the copy is then not served, so what has left the public site
since it was kept (a release unpublished by a bulk update, which sends no signal)
is gone at once. The copy is kept under its address in this content version, so
whatever the view checked about the address (a slug, say) holds for every visit
served from it.

Two caches, so that visitors cannot flood away what every page relies on:

- "pages" holds the rendered pages. Visitors choose which pages exist (a search
  word, a page number), so it is bounded, and when full it drops entries at random.
- "default" holds small state that staff and content make, never visitors: the
  content version, what is derived from the content (see cached_for_this_version),
  image renditions. Nothing a visitor does adds an entry to it, and it is configured
  never to drop entries, so a flood of pages cannot evict the content version (which
  would orphan every cached page).

One rule makes an edit show at once: everything cached that is derived from the
content belongs to a content version, and a change sets a new one. Nothing deletes
entries on save; a timeout is for what time alone changes (a scheduled release).

A page's key holds only the query parameters its view reads: utm_source, fbclid or
any made-up parameter neither makes a new entry nor changes the page.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

page_cache = ConnectionProxy(caches, "pages")

CONTENT_VERSION_KEY = "content-version"
# Where a page's live part goes in the copy kept (a comment: a browser shows nothing
# of it, were one ever served unfilled).
LIVE_HOLE = "<!-- live -->"


def content_version():
    if cache_is_back_after_outage():
        new_content_version()
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def new_content_version():
    # A new value rather than an increment: every cache backend can set a key.
    cache.set(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)


def cache_is_back_after_outage():
    # A shared Redis that was stopped may come back with entries that an edit made
    # meanwhile should have replaced (core/cache.py); the file cache is never away.
    is_back = getattr(cache, "is_back_after_outage", None)
    return is_back is not None and is_back()


def content_changed(using=None, **kwargs):
    new_content_version()
    # And again once the change is committed: a request between the save and the
    # commit reads the old rows, and may have cached them under the version above.
    transaction.on_commit(new_content_version, using=using)


def derived_key(name):
    return f"derived:{name}"


def cached_for_this_version(name, compute, timeout=None):
    """What `compute()` returns, computed once per content version.

    The entry is stored under one key per name, with the version it was computed
    in, and is computed again when the version has changed since. One key rather
    than one per version: an entry of an old version is overwritten, never left
    behind, so the "default" cache (which drops nothing, and whose file backend
    removes an expired file only when it is read) holds one entry per name,
    however many edits there are. `timeout` is only for what changes without a
    save (a scheduled release going public); None keeps the entry until the next
    change, and also keeps it out of what a full Redis may evict.
    """
    version = content_version()
    key = derived_key(name)
    entry = cache.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    cache.set(key, (version, value), timeout)
    return value


def watch(*models):
    """Have every change to these models' rows set a new content version.

    Each app names, from its AppConfig.ready(), the models whose rows appear on
    public pages, many-to-many tables included (their changes send m2m_changed).
    """
    for model in models:
        label = model._meta.label_lower
        if model._meta.auto_created:
            m2m_changed.connect(content_changed, sender=model, dispatch_uid=f"pagecache-{label}")
            continue
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{label}")


def keep_only_parameters(request, params, choices):
    """Reduce the request's query to the parameters its view reads, in a fixed form.

    Sorted, with one value each (the last, which is the one QueryDict.get() gives a
    view) and without empty ones (each view treats an empty value as none), nor
    values outside a parameter's `choices` (see cache_public_page). The
    page is then rendered as if the canonical address had been asked for, so that
    its links (pagination, hreflang) carry no parameter a visitor made up.
    """
    kept = QueryDict(mutable=True)
    for name in sorted(params):
        value = request.GET.get(name)
        if value and (name not in choices or value in choices[name]):
            kept[name] = value
    query_string = kept.urlencode()
    # Parsed again into an immutable QueryDict, like the one Django gives a view.
    request.GET = QueryDict(query_string)
    request.META["QUERY_STRING"] = query_string


def page_key(request, name=""):
    """The cache key of the page `request` asks for, in this language and content version."""
    # The whole address, host included: pages hold absolute links (hreflang, canonical).
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    return f"page:{content_version()}:{get_language()}:{name}:{address}"


def serves_cached_pages(request):
    return (
        settings.PUBLIC_PAGE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
    )


def is_cacheable(response):
    # A response that sets a cookie is meant for one visitor only.
    return response.status_code == 200 and not response.cookies


def live_part(request, text):
    """What a page shows of its live part: the text, or, while the page is rendered to
    be kept (see cache_public_page), LIVE_HOLE in its place and the text set aside to
    fill this visit's copy."""
    kept_aside = getattr(request, "live_parts", None)
    if kept_aside is None:
        return text
    kept_aside.append(text)
    return LIVE_HOLE


def fill_live_hole(response, text):
    response.content = response.content.replace(LIVE_HOLE.encode(), text.encode(), 1)
    return response


# Copies of kept pages this process read lately, by key (which holds the content
# version, so that an edit still shows at once): reading the shared copy (a file read,
# zlib and unpickling a response of 16 KB and more) cost more than any other part of a
# visit served from the cache. Kept LOCAL_SECONDS at most after the read, so a page is
# at most that much older than PUBLIC_PAGE_SECONDS says.
LOCAL_SECONDS = 1
LOCAL_PAGES = 64
_local_pages = {}


def kept_page(key):
    """A fresh response made from the copy kept under `key`, or None."""
    now = time.monotonic()
    entry = _local_pages.get(key)
    if entry is None or entry[0] <= now:
        response = page_cache.get(key)
        if response is None:
            return None
        if len(_local_pages) >= LOCAL_PAGES:
            _local_pages.clear()
        entry = _local_pages[key] = (now + LOCAL_SECONDS, response)
    kept = entry[1]
    # Each visit's own object: the view and the middlewares change what they get.
    return HttpResponse(kept.content, status=kept.status_code, headers=dict(kept.headers))


def cache_public_page(*, params, choices=None, live=None):
    """Serve anonymous visitors a copy of the page rendered in the last few seconds.

    `params` names every query parameter the view reads; the others are dropped
    before the view sees the request (see keep_only_parameters). `choices` maps a
    parameter of `params` that takes one of a few values to those values, its
    default left out: any other value is dropped too, so that made-up values (or
    the default spelled out) share the default's copy instead of adding one each.
    The view must treat a missing or unknown value as its default.

    `live`, for a page with a live part (see the module's docstring): a callable taking
    the view's arguments, (request, *args, **kwargs), and returning the part's text as
    it is now for a visit served from the cache, or raising Http404. A visit that is
    not served from the cache is the view's alone: the part is the one it rendered.
    """

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not serves_cached_pages(request):
                return view(request, *args, **kwargs)
            keep_only_parameters(request, params, choices or {})
            key = page_key(request)
            response = kept_page(key)
            if response is not None and live is not None:
                return fill_live_hole(response, live(request, *args, **kwargs))
            if response is not None:
                return response
            if live is not None:
                request.live_parts = []
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response = response.render()
            finally:
                # Whatever renders after the view (an error page) shows its own parts.
                live_parts = request.__dict__.pop("live_parts", [])
            if is_cacheable(response):
                # One piece: a feed is written in hundreds of small ones, each sent
                # to the socket on its own.
                response.content = response.content
                page_cache.set(key, response, settings.PUBLIC_PAGE_SECONDS)
            if live_parts:
                fill_live_hole(response, live_parts[0])
            return response

        return cached_view

    return decorator
