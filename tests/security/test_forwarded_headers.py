"""`make serve` believes a request came over HTTPS only when a TLS proxy is declared.

X-Forwarded-Proto is a header like any other: without DJANGO_BEHIND_TLS_PROXY=1,
a request carrying it, even from this machine, is a plain-HTTP request (no HSTS,
http:// links, no secure-only cookie); behind a declared proxy it is believed.
"""

import http.client
import re
from urllib.parse import urlsplit

import pytest

from tests.server import served_by_make_serve
from tests.user_agents import BROWSER

pytestmark = pytest.mark.server

FORWARDED_HTTPS = {"X-Forwarded-Proto": "https"}


def fetch(site, path, headers=None):
    """One GET, redirects not followed: (status, headers, body)."""
    address = urlsplit(site.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path, headers={"User-Agent": BROWSER, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def alternate_links(html):
    return re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html)


def csrf_cookie(site, headers):
    """The CSRF cookie that the admin's login page sets (every form has one)."""
    status, response_headers, _body = fetch(site, "/admin/login/", headers)
    assert status == 200
    [cookie] = [c for c in response_headers.get_all("Set-Cookie") if c.startswith("csrftoken=")]
    return cookie


@pytest.mark.parametrize(
    "configuration",
    [
        {},  # a plain `make serve`
        # HSTS configured, so that it would be sent if the request were believed HTTPS;
        # a trusted address given, but no proxy declared.
        {"DJANGO_HSTS_SECONDS": "3600", "FORWARDED_ALLOW_IPS": "127.0.0.1"},
        {"DJANGO_HSTS_SECONDS": "3600", "DJANGO_BEHIND_TLS_PROXY": "0"},
    ],
    ids=["plain", "forwarded-allow-ips-alone", "proxy-switched-off"],
)
def test_without_a_declared_proxy_a_forwarded_https_is_not_believed(tmp_path, configuration):
    with served_by_make_serve(tmp_path, configuration) as site:
        status, headers, html = fetch(site, "/", FORWARDED_HTTPS)
        cookie = csrf_cookie(site, FORWARDED_HTTPS)

    assert status == 200
    assert "Strict-Transport-Security" not in headers
    links = alternate_links(html)
    assert links and all(link.startswith(site.url + "/") for link in links), links
    assert "https://" not in html
    assert "secure" not in cookie.lower()


def test_behind_a_declared_proxy_its_forwarded_https_is_believed(tmp_path):
    with served_by_make_serve(tmp_path, {"DJANGO_BEHIND_TLS_PROXY": "1"}) as site:
        status, headers, html = fetch(site, "/", FORWARDED_HTTPS)
        cookie = csrf_cookie(site, FORWARDED_HTTPS)
        plain_status, plain_headers, _body = fetch(site, "/")

    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    links = alternate_links(html)
    secure_url = site.url.replace("http://", "https://")
    assert links and all(link.startswith(secure_url + "/") for link in links), links
    assert "; secure" in cookie.lower()
    # The same request without the proxy's header is plain HTTP: sent to HTTPS.
    assert plain_status == 301
    assert plain_headers["Location"] == secure_url + "/"
