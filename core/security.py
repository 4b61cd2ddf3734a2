"""Login lockout pieces for django-axes: who the client is, how many failures it
may have, and authentication outside a request."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

# An IPv6 client commonly holds a whole /64 (one home or one campus network) and can
# pick any address in it: counted one by one, each address would bring fresh failures.
IPV6_CLIENT_PREFIX = 64


def client_ip(request):
    """The address logins are counted by: the client's, or its IPv6 /64 network."""
    address = reported_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is None:
        network = ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False)
        return str(network.network_address)
    return address


def reported_address(request):
    """The client's address: the socket's, or the one our own proxy reported.

    Only when the proxy is trusted (DJANGO_BEHIND_TLS_PROXY) is X-Forwarded-For read,
    and then from the right: the entries our proxies appended, not the left-most one
    that any client can write.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_TLS_PROXY:
        return remote_addr
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < settings.TRUSTED_PROXY_COUNT:
        return remote_addr
    candidate = forwarded[-settings.TRUSTED_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def failure_limit(request, credentials=None):
    """How many failed logins an account may have from the client's address.

    django-axes counts failures per account and address. That alone lets one address
    try a few passwords against every account (password spraying), so an address
    that has failed LOGIN_ADDRESS_FAILURE_LIMIT times over all accounts within the
    cool-off period has no failures left for any account: it is locked out as a
    whole, on the same page, until its failures cool off.
    """
    if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return 0
    return settings.LOGIN_FAILURE_LIMIT


def address_failures(request):
    """The failed logins from the client's address, over all accounts, that still count."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins made through a request.

    `authenticate()` without a request (the shell, management commands, tests) has no
    client to lock out; axes would raise, so it passes on to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while a client is locked out."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "admin/locked_out.html", {"minutes": minutes}, status=429)
