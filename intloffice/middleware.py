"""Site-wide response headers and the login gate that django-axes needs to be exact."""

import hashlib

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse_lazy

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
    """Run each admin login attempt for one username alone, in one transaction.

    django-axes checks the failure count, lets the password be verified, then counts
    a failure: parallel attempts would all pass the check before any is counted.
    Serialised per username, the limit is exact. PostgreSQL takes an advisory lock
    for the username; SQLite's BEGIN IMMEDIATE already takes the database's write lock.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != str(ADMIN_LOGIN):
            return self.get_response(request)
        with transaction.atomic():
            lock_login_attempts_for(request.POST.get("username", ""))
            return self.get_response(request)


def lock_login_attempts_for(username):
    if connection.vendor != "postgresql":
        return
    digest = hashlib.sha256(username.encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
