"""The site's URLs plus one view that fails, for the error-page tests only."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from intloffice.urls import handler404  # noqa: F401  (the site's error pages)
from intloffice.urls import urlpatterns as site_urlpatterns


def crash(request):
    raise ZeroDivisionError("a bug in a view")


def refuse(request):
    raise PermissionDenied


def bad_request(request):
    raise BadRequest


urlpatterns = [
    path("crash/", crash),
    path("refuse/", refuse),
    path("bad-request/", bad_request),
    *site_urlpatterns,
]
