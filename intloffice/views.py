from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from news.models import NewsRelease
from partners.models import Institution

from .pagecache import cache_public_page

HOME_LATEST = 5
HOME_MOST_READ = 5


@method_decorator(cache_public_page(params=()), name="dispatch")
class HomeView(TemplateView):
    template_name = "intloffice/home.html"

    def get_context_data(self, **kwargs):
        published = NewsRelease.objects.published().for_list()
        return super().get_context_data(
            latest_releases=published[:HOME_LATEST],
            most_read_releases=published.most_read()[:HOME_MOST_READ],
            partners=Institution.objects.for_home(),
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def switch_language(request):
    """The language switcher's target: remember the choice and show the page in it.

    The switcher's buttons carry the address of the current page in each language
    (see the `language_versions` tag), so the language is the one that address is in.
    """
    target = request.GET.get("next", "")
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
