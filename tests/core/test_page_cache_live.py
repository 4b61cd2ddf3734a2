"""A cached page with a live part (core/pagecache.py, cache_public_page(live=...)):
the page is rendered once and kept with a hole, and every visit gets the copy with
the part as it is now. The release page's view count is this, with the database
(tests/core/test_page_cache.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory

from core.pagecache import LIVE_HOLE, cache_public_page, page_cache, page_key

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36"


LIVE_PAGE = "<p>Rendered {{ renders }} time(s).</p>{% load pagecache %}{% live %}<b>{{ part }}</b>{% endlive %}"


class LivePage:
    """A view of a page with a live part, and a `live` callable with a value of its own."""

    def __init__(self, live=True):
        self.renders = 0
        self.part = 0
        self.gone = False
        self.request = None
        self.view = cache_public_page(params=(), live=self.live if live else None)(self.render)

    def render(self, request):
        self.renders += 1
        self.part += 1
        template = engines["django"].from_string(LIVE_PAGE)
        return TemplateResponse(request, template, {"renders": self.renders, "part": self.part})

    def live(self, request):
        if self.gone:
            raise Http404
        self.part += 1
        return f"<b>{self.part}</b>"

    def visit(self):
        request = RequestFactory().get("/live/", HTTP_USER_AGENT=BROWSER)
        request.user = AnonymousUser()
        self.request = request
        response = self.view(request)
        # Rendered here as a handler would; a copy from the cache comes rendered.
        if hasattr(response, "render"):
            response.render()
        return response.content.decode()


def test_a_cached_page_gets_its_live_part_afresh_on_every_visit():
    page = LivePage()
    assert page.visit() == "<p>Rendered 1 time(s).</p><b>1</b>"
    assert page.visit() == "<p>Rendered 1 time(s).</p><b>2</b>"
    assert page.visit() == "<p>Rendered 1 time(s).</p><b>3</b>"
    assert page.renders == 1


def test_the_copy_kept_holds_the_hole_and_no_visitor_sees_it():
    page = LivePage()
    page.visit()
    kept = page_cache.get(page_key(page.request))
    assert kept.content.decode() == f"<p>Rendered 1 time(s).</p>{LIVE_HOLE}"
    assert LIVE_HOLE not in page.visit()


def test_a_page_whose_live_part_is_gone_is_not_served_from_the_cache():
    page = LivePage()
    page.visit()
    page.gone = True
    with pytest.raises(Http404):
        page.visit()


def test_a_page_not_kept_shows_its_live_part_as_rendered(settings):
    settings.PUBLIC_PAGE_SECONDS = 0
    page = LivePage()
    assert page.visit() == "<p>Rendered 1 time(s).</p><b>1</b>"
    assert page.visit() == "<p>Rendered 2 time(s).</p><b>2</b>"
    # Rendered without a request, the part is just its text.
    template = engines["django"].from_string(LIVE_PAGE)
    assert template.render({"renders": 0, "part": 7}) == "<p>Rendered 0 time(s).</p><b>7</b>"


def test_a_page_kept_whole_keeps_its_live_part_as_rendered():
    page = LivePage(live=False)
    assert page.visit() == "<p>Rendered 1 time(s).</p><b>1</b>"
    assert page.visit() == "<p>Rendered 1 time(s).</p><b>1</b>"
