from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from core.health import health
from core.pagecache import cache_public_page
from news.models import NewsRelease
from news.views import MOST_READ_CHOICES, most_read
from partners.models import Institution

# The lead release and the cards after it.
HOME_LATEST = 5


@method_decorator(cache_public_page(params=("read",), choices=MOST_READ_CHOICES), name="dispatch")
class HomeView(TemplateView):
    template_name = "intloffice/home.html"

    def get_context_data(self, **kwargs):
        published = NewsRelease.objects.published().for_list()
        # The pinned release, or else the newest, leads with its cover; the next ones
        # follow as cards.
        releases = list(published.pinned_first()[:HOME_LATEST])
        return super().get_context_data(
            lead_release=releases[0] if releases else None,
            latest_releases=releases,
            **most_read(self.request),
            partners=Institution.objects.for_home(),
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


def page_not_found(request, exception):
    """The 404 page, without reading the request's body.

    Django's own 404 view checks a POST's CSRF token first, reading the body: a body
    it refuses to read (too many fields, too large, a broken multipart) would turn
    the 404 into a 500. The page's forms get their token all the same.
    """
    return render(request, "404.html", {"not_found": True}, status=404)


@never_cache
def healthz(request):
    """The database, the cache and the storage, each apart, and readiness: 200 while
    this server can serve pages (its database answers), 503 when it cannot, which is
    what the load balancer's check acts on (core/health.py)."""
    ready, report = health()
    return JsonResponse(report, status=200 if ready else 503)


# A browser that sends Sec-Fetch-Site says where the form it sends was: only a page of
# this very origin (or the visitor, typing an address) may change the language.
SAME_ORIGIN_FETCHES = {"same-origin", "none"}


def is_cross_origin(request):
    """Whether a browser sent `request` from a page of another origin.

    Sec-Fetch-Site first (every current browser sends it), then Origin, which
    browsers have sent with every cross-origin POST for years. A request with
    neither does not come from a page in a browser: a script can send it, but it
    only sets the script's own cookie, so there is nothing to forge.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAME_ORIGIN_FETCHES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin != f"{request.scheme}://{request.get_host()}"


@csrf_exempt
@require_POST
def switch_language(request):
    """The language switcher's target: remember the choice and show the page in it.

    The switcher's buttons carry the address of the current page in each language
    (see the `language_versions` tag), so the language is the one that address is in.

    A POST, so that no link or image on another site can change a visitor's language,
    and one that another site's form cannot send either (`is_cross_origin`). That
    check replaces Django's CSRF token on purpose: the switcher is on every public
    page, and those pages are kept in the page cache and served alike to every
    anonymous visitor. A token in them would be one visitor's token served to all,
    and Django refuses a token from a visitor without the matching csrftoken cookie,
    so the first switch of every new visitor would fail; giving each visitor a
    cookie instead makes every page uncacheable. The origin check needs no per-visitor
    state at all.
    """
    if is_cross_origin(request):
        raise PermissionDenied("The language can only be changed from this site's pages.")
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    language = get_language_from_path(urlsplit(target).path) or settings.LANGUAGE_CODE
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
