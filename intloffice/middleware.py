"""Site-wide response headers, the first visit's language, and the login gate that
django-axes needs to be exact."""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy, translate_url
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, get_language_from_request

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
ADMIN_PREFIX = reverse_lazy("admin:index")
ADMIN_LOGIN = reverse_lazy("admin:login")


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
        current = request.get_full_path()
        target = translate_url(current, preferred)
        if target == current:  # not a page that exists in several languages
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


class EditorContentSecurityPolicyMiddleware:
    """The admin's add and change pages, where the rich-text editor runs, get
    settings.EDITOR_CSP instead of SECURE_CSP (see settings.py for what it adds).

    Placed after ContentSecurityPolicyMiddleware, so it sees the response first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_edit_page(request.path) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.EDITOR_CSP
        return response


def is_admin_edit_page(path):
    return path.startswith(str(ADMIN_PREFIX)) and path.endswith(("/add/", "/change/"))


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
