"""Site-wide response headers, answers to HEAD, the longest address the site answers,
the first visit's language, the admin's refusal of a NUL in its parameters, and the
login gate that django-axes needs to be exact."""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, get_language_from_request
from django.utils.translation import gettext as _

from .languages import path_in_language

# Nothing on this site uses these browser features; a page that is made to ask for
# them (an injected frame, a compromised script) is refused by the browser.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "fullscreen",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
        "usb", "xr-spatial-tracking",
    )
)  # fmt: skip
ADMIN_LOGIN = reverse_lazy("admin:login")
# Nginx's default limit on a request line; gunicorn's is half of it. No address of the
# site comes near it, and every redirect made from an address this long (to HTTPS, to
# a language, to the address with a slash) stays well under the 16,384 characters
# Django allows a redirect target.
MAX_ADDRESS_LENGTH = 8192


class OverlongAddressMiddleware:
    """Answer 414 to an address too long, or with too many parameters, to read.

    First in the chain but for HEAD's (which only takes the body away), so that
    nothing else reads it: deeper in, Django would refuse
    to redirect to it, or to parse more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters,
    and log each refusal as an error. Plain text, like the answer of a front server,
    which usually refuses such a request before the site sees it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_overlong(request):
            response = HttpResponse(
                _("The address is too long."), status=414, content_type="text/plain; charset=utf-8"
            )
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)


def is_overlong(request):
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    # Django counts parameters the same way: one more than there are separators.
    fields = 1 + request.META.get("QUERY_STRING", "").count("&")
    return len(request.get_full_path()) > MAX_ADDRESS_LENGTH or (
        max_fields is not None and fields > max_fields
    )


class AdminNulParameterMiddleware:
    """Answer 400 to an admin address whose parameters hold a NUL.

    The admin's lists filter by their parameters as they come (?status=, ?q=), and
    PostgreSQL refuses a query with a NUL in it with an error: no admin list is worth
    a 500 for it. The public views check their own parameters and ignore such a value.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            response = HttpResponse(
                _("The address holds a character that no address may hold."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return None


class HeadWithoutBodyMiddleware:
    """Answer HEAD with the status and headers a GET would get, and no body (a page
    that is never rendered for HEAD lacks only what rendering would add: its length and
    the cookies a template may set).

    Views answer HEAD as they answer GET (Django runs get() for it); a body sent with
    it is dropped by the server with a warning in its log, every time an uptime
    monitor calls. A page that is still a template when it gets here is never
    rendered; one that is already (from the page cache, say) keeps the
    Content-Length of its GET. First in the middleware, so it has the last word.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            drop_body(response)
        return response

    def process_template_response(self, request, response):
        if request.method == "HEAD" and not response.is_rendered:
            # Setting the content marks a template response as rendered.
            response.content = b""
            response.unrendered_for_head = True
        return response


def drop_body(response):
    if response.streaming:
        # The response still closes what it streamed from (a file, say).
        response.streaming_content = []
        return
    if getattr(response, "unrendered_for_head", False):
        # Counted from the empty body, not from the page a GET would get.
        response.headers.pop("Content-Length", None)
    elif not response.has_header("Content-Length"):
        response.headers["Content-Length"] = str(len(response.content))
    response.content = b""


class PreferredLanguageMiddleware:
    """Send a first-time visitor to the pages in the language their browser asks for.

    Pages in the default language have no prefix, so LocaleMiddleware serves them in
    that language whatever the browser says. A visitor who has not chosen a language
    with the switcher (no language cookie) and whose browser prefers another of the
    site's languages (Accept-Language: zh-CN, ru-RU, ...) is redirected to that
    language's address; a choice made with the switcher is kept, English included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unprefixed = get_language_from_path(request.path_info) is None
        if unprefixed:
            redirect = self.redirect_to_preferred_language(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if unprefixed:
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    @staticmethod
    def redirect_to_preferred_language(request):
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return None
        preferred = get_language_from_request(request)
        if preferred == settings.LANGUAGE_CODE:
            return None
        target = path_in_language(request, preferred)
        # No target, or one without the language's prefix: not a page that exists in
        # several languages (or not a page of this site at all).
        if target is None or get_language_from_path(target) != preferred:
            return None
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class OneLoginAttemptAtATimeMiddleware:
    """Run the admin login attempts of one client address one at a time, each in one
    transaction.

    django-axes checks the failure count, lets the password be verified, then counts
    a failure: parallel attempts would all pass the check before any is counted.
    Both limits count per address (one account from it, and every account from it),
    so serialised per address, both are exact. PostgreSQL takes an advisory lock for
    the address; SQLite's BEGIN IMMEDIATE already takes the database's write lock.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != str(ADMIN_LOGIN):
            return self.get_response(request)
        with transaction.atomic():
            lock_login_attempts_from(get_client_ip_address(request))
            return self.get_response(request)


def lock_login_attempts_from(address):
    if connection.vendor != "postgresql":
        return
    digest = hashlib.sha256(f"login attempts from {address}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
