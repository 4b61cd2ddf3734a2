"""The pages measured, their addresses in the seeded data, and what they cost
in-process: SQL queries (Django's test client, CaptureQueriesContext) and bytes."""

import gzip
import math
import re
import urllib.request
from dataclasses import dataclass

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from .load import BROWSER

SEARCH_WORD = "scholarship"
NEWS_PAGE_SIZE = 10
PAGE_NAMES = [
    "home", "news_list", "news_list_deep", "news_search", "news_detail",
    "partner_list", "partner_detail", "site_search", "feed",
]  # fmt: skip
FLOOR_NAMES = ["floor_static", "floor_counted"]
COUNTED_PAGES = {"news_detail": "floor_counted"}
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(?P<url>/[^"]+)"')


@dataclass
class Page:
    name: str
    path: str
    floor: str = "floor_static"
    queries: int | None = None
    queries_rendered: int | None = None
    html_bytes: int | None = None


def site_pages():
    """The page types measured, with addresses chosen in the seeded data."""
    from news.models import NewsRelease
    from partners.models import Institution

    published = NewsRelease.objects.published()
    last_page = max(1, math.ceil(published.count() / NEWS_PAGE_SIZE))
    release = typical_release(published)
    institution = (
        Institution.objects.filter(news_releases__isnull=False).order_by("pk").first()
        or Institution.objects.order_by("pk").first()
    )
    paths = {
        "home": reverse("home"),
        "news_list": reverse("news:list"),
        "news_list_deep": f"{reverse('news:list')}?page={max(1, last_page - 1)}",
        "news_search": f"{reverse('news:list')}?q={SEARCH_WORD}",
        "news_detail": release.get_absolute_url(),
        "partner_list": reverse("partners:list"),
        "partner_detail": institution.get_absolute_url(),
        "site_search": f"{reverse('search')}?q={SEARCH_WORD}",
        "feed": reverse("news:feed"),
    }
    return [
        Page(name, iri_to_uri(paths[name]), COUNTED_PAGES.get(name, "floor_static"))
        for name in PAGE_NAMES
    ]


def typical_release(published):
    """A published release from the middle of the archive, with a cover and a partner."""
    candidates = published.exclude(cover="").filter(partners__isnull=False).order_by("pk")
    middle = candidates.count() // 2
    return candidates[middle] if candidates.exists() else published.order_by("pk").first()


def floor_pages(page_bytes):
    return [
        Page(name, f"{reverse('bench:' + name)}?bytes={page_bytes}", floor=name)
        for name in FLOOR_NAMES
    ]


def measure_in_process(pages):
    """Queries and HTML bytes of each page: in steady state, as the server answers
    under load (caches filled, the page itself from the page cache), and when the page
    is rendered afresh (as every few seconds, or always with --page-seconds 0)."""
    client = Client(HTTP_HOST="localhost", HTTP_USER_AGENT=BROWSER)
    for page in pages:
        client.get(page.path)
        page.queries, response = queries_of(client, page)
        page.html_bytes = len(response.content)
        with override_settings(PUBLIC_PAGE_SECONDS=0):
            page.queries_rendered, _ = queries_of(client, page)


def queries_of(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path)
    if response.status_code != 200:
        raise RuntimeError(f"{page.name} ({page.path}) answered {response.status_code}")
    return len(queries), response


def first_visit_weight(base_url, page):
    """Bytes of the page's HTML and its CSS and JS, raw and gzip-compressed
    (level 9, as whitenoise compresses); images are not counted."""
    html = fetch(base_url + page.path)
    bodies = [html] + [fetch(base_url + m["url"]) for m in ASSET.finditer(html.decode())]
    return {
        "raw_bytes": sum(len(body) for body in bodies),
        "gzip_bytes": sum(len(gzip.compress(body, compresslevel=9)) for body in bodies),
        "brotli_bytes": brotli_size(bodies),
        "assets": len(bodies) - 1,
    }


def brotli_size(bodies):
    try:
        import brotli
    except ImportError:  # not a dependency: gzip's figure is the upper bound
        return None
    return sum(len(brotli.compress(body)) for body in bodies)


def fetch(url):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()
