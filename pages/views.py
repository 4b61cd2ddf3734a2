"""A page at its address: /study-with-us/incoming-exchange/how-to-apply/ (per language)."""

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from core.languages import localized_name
from core.pagecache import cache_public_page
from documents.models import Document

from .models import Page, PageRedirect

PREVIEW_PERMISSION = "pages.change_page"


def find_page(path):
    """The page at `path` in the active language: one query on an indexed column."""
    return Page.objects.filter(**{localized_name("url_path"): path}).first()


def moved_to(path, request):
    """Where an address that no page has now has gone: an old address of a page (moved
    or renamed), or another language's address of a page whose slug differs here."""
    language = get_language()
    kept = PageRedirect.objects.filter(language=language, old_path=path).select_related("page")
    target = kept.first()
    page = target.page if target else None
    if page is None and language != settings.LANGUAGE_CODE:
        page = Page.objects.filter(
            **{localized_name("url_path", settings.LANGUAGE_CODE): path}
        ).first()
    if page is None or page.url_path == path:
        return None
    if not (is_public(page, Page.objects.get_ancestors(page)) or may_preview(request)):
        return None
    return page


def is_public(page, ancestors):
    return page.is_published() and all(ancestor.is_published() for ancestor in ancestors)


def may_preview(request):
    return request.user.is_active and request.user.has_perm(PREVIEW_PERMISSION)


# A page takes no form, so a POST is refused without reading its body (the CSRF check
# would read it first): at an address with no page it is "not found" like any other.
@csrf_exempt
@cache_public_page(params=())
def page_view(request, page_path):
    page = find_page(page_path)
    if page is None:
        target = moved_to(page_path, request)
        if target is None:
            raise Http404
        return redirect(target.get_absolute_url(), permanent=True)
    ancestors = list(Page.objects.get_ancestors(page))
    preview = not is_public(page, ancestors)
    if preview and not may_preview(request):
        raise Http404
    # Only after the check above: a 405 at a draft's address would tell that it is there.
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    children = Page.objects.get_children(page).published() if page.numchild else []
    context = {
        "page": page,
        "object": page,
        "ancestors": ancestors,
        "children": children,
        "documents": page.documents.filter(visibility=Document.Visibility.PUBLIC).order_by("title"),
        "preview": preview,
        "section_path": (ancestors[0] if ancestors else page).url_path,
    }
    response = render(request, "pages/page.html", context)
    if preview:
        add_never_cache_headers(response)
    return response
