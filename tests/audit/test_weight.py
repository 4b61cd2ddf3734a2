"""A first visit to every public page type, in every language, costs under 60 KB of
HTML, CSS and JavaScript once gzipped, and asks nothing of any other origin.

The weight is the gzip (level 6) of each response's body as the browser received it,
computed here rather than read from the transfer size: gunicorn sends the HTML
uncompressed (whitenoise compresses only the static files) and a proxy in front decides
its own compression, so the level-6 figure is the one that does not depend on the
deployment. Images and fonts
are not counted; they are listed in the notes.
"""

import gzip
from urllib.parse import urlsplit

import pytest

from .conftest import PAGES

BUDGET = 60 * 1024
COUNTED = {"document", "stylesheet", "script"}


def has_body(request):
    """A response that is not a redirect (a not-found page's body counts)."""
    response = request.response()
    return response is not None and not 300 <= response.status < 400


def gzipped_size(response):
    return len(gzip.compress(response.body(), compresslevel=6))


@pytest.mark.parametrize("page", PAGES)
def test_first_visit_is_light_and_asks_no_other_origin(
    page, browser, demo_site, page_paths, audit_notes
):
    origin = urlsplit(demo_site.url)[:2]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request))
    try:
        tab.goto(demo_site.url + page_paths[page][0], wait_until="networkidle")
        others = [r.url for r in requests if urlsplit(r.url)[:2] != origin]
        bodies = [(r.resource_type, r.response()) for r in requests if has_body(r)]
        sizes = [(kind, gzipped_size(response)) for kind, response in bodies if kind in COUNTED]
        other_bytes = sum(len(resp.body()) for kind, resp in bodies if kind not in COUNTED)
    finally:
        context.close()
    total = sum(size for _, size in sizes)
    by_type = {kind: sum(size for k, size in sizes if k == kind) for kind in sorted(COUNTED)}
    audit_notes.append(
        f"Weight {page}: {total / 1024:.1f} KB gzipped ("
        + ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in by_type.items())
        + f"; {len(sizes)} files), other resources {other_bytes / 1024:.1f} KB"
    )
    problems = [f"asks other origins for {url}" for url in others]
    if total >= BUDGET:
        problems.append(f"weighs {total / 1024:.1f} KB gzipped, over {BUDGET // 1024} KB")
    assert not problems, f"{page}: " + "; ".join(problems)
