"""Public pages kept rendered in the cache for a few seconds.

Rendering the templates is most of what a page costs, and a public page is the same
for every anonymous visitor reading it in one language. So pages are cached for
PUBLIC_PAGE_SECONDS under a key that holds the *content version*: any save or delete
of news, partners or the office's details sets a new version, so a staff edit shows
on the public site at once, and a scheduled release appears within those seconds.
View counts shown in lists may be that many seconds old; a release's own page keeps
its count live (see news.views.NewsReleaseDetailView). Signed-in users (staff, who
may preview) always get freshly rendered pages.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

CONTENT_VERSION_KEY = "content-version"
# The models whose rows appear on public pages.
CONTENT_MODELS = [
    "intloffice.Office",
    "news.NewsRelease",
    "partners.Institution",
    "partners.Ranking",
    "partners.RankingSystem",
    "partners.Agreement",
]


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def content_changed(**kwargs):
    # A new value rather than an increment: every cache backend can set a key.
    cache.set(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)


def connect_content_signals(apps):
    """Have every change to public content set a new content version (AppConfig.ready)."""
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{label}")
    partners = apps.get_model("news.NewsRelease").partners.through
    m2m_changed.connect(content_changed, sender=partners, dispatch_uid="pagecache-partners")


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


def cache_public_page(view):
    """Serve anonymous visitors a copy of the page rendered in the last few seconds."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not serves_cached_pages(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if is_cacheable(response):
                # One piece: a feed is written in hundreds of small ones, each sent
                # to the socket on its own.
                response.content = response.content
                cache.set(key, response, settings.PUBLIC_PAGE_SECONDS)
        return response

    return cached_view
