"""No answer sends a visitor to another host, whatever form the requested path takes.

A path is what an attacker writes into a link to our site: `//evil.example/news/`,
`/%2Fevil.example/news/` and their cousins. The first-visit language redirect, the
hreflang alternates, the canonical address and og:url are all made from the page a
request asks for; none of them may name a host other than the request's own.
"""

import http.client
from html.parser import HTMLParser
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

import pytest

from tests.server import running_site
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db

EVIL = "evil.example"
# Request targets as they are written on the wire (percent escapes included); the
# server decodes them into the path the site sees.
PATH_FORMS = [
    f"//{EVIL}/news/",
    f"/%2F{EVIL}/news/",
    f"/%2F%2F{EVIL}/news/",
    f"/\\{EVIL}/news/",
    f"/%5C{EVIL}/news/",
    f"///{EVIL}/news/",
    f"/.//{EVIL}/news/",
    f"//{EVIL}/./news/",
    f"//{EVIL}/x/../news/",
    f"/%2E/%2F{EVIL}/news/",
    f"/%09/{EVIL}/news/",
    f"/%0A/{EVIL}/news/",
    f"//{EVIL}%09/news/",
    f"//{EVIL}%0D%0A/news/",
]
ACCEPT_LANGUAGES = [None, "en", "zh-CN", "zh-TW", "ru-RU", "de"]


class AddressReader(HTMLParser):
    """Every address a page gives a browser to follow or a crawler to index as its own."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.addresses = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and ("hreflang" in attrs or attrs.get("rel") == "canonical"):
            self.addresses.append(attrs.get("href", ""))
        elif tag == "meta" and attrs.get("property") == "og:url":
            self.addresses.append(attrs.get("content", ""))
        elif tag == "button" and attrs.get("name") == "next":  # the language switcher
            self.addresses.append(attrs.get("value", ""))


def addresses_in(response):
    addresses = [response["Location"]] if response.has_header("Location") else []
    if response.get("Content-Type", "").startswith("text/html") and response.content:
        addresses += AddressReader(response.content.decode()).addresses
    return addresses


def host_a_browser_goes_to(address, base):
    """The host a browser reaches from `address` on a page at `base`.

    Browsers drop tabs and newlines from an address and read a backslash as a slash.
    """
    cleaned = address.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    return urlsplit(urljoin(base, cleaned)).netloc


def decoded_path(form):
    """The path a WSGI server hands the site for the request target `form`."""
    return unquote_to_bytes(form).decode("iso-8859-1")


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("accept_language", ACCEPT_LANGUAGES)
@pytest.mark.parametrize("form", PATH_FORMS)
def test_no_answer_names_another_host_whatever_the_path_and_language(
    client, office, form, accept_language, method
):
    headers = {"HTTP_USER_AGENT": BROWSER}
    if accept_language:
        headers["HTTP_ACCEPT_LANGUAGE"] = accept_language
    response = client.generic(method, "/", PATH_INFO=decoded_path(form), **headers)
    assert response.status_code < 500
    for address in addresses_in(response):
        assert host_a_browser_goes_to(address, "http://testserver/") == "testserver", address


def test_the_checker_sees_the_addresses_of_a_real_page(client, office):
    """The test above would pass on a page without addresses: this one has them all."""
    redirect = client.get("/news/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert addresses_in(redirect) == ["/zh-hans/news/"]
    page = addresses_in(client.get("/news/"))
    assert "http://testserver/ru/news/" in page
    assert "/zh-hans/news/" in page  # a switcher button


def test_a_page_that_is_not_an_address_of_the_site_names_no_alternates(client, office):
    response = client.get(f"/%2F{EVIL}/news/")
    assert response.status_code == 404
    assert 'hreflang="' not in response.content.decode().split("</head>")[0]
    # The switcher still works: it offers each language's home page.
    assert addresses_in(response) == ["/zh-hans/", "/ru/"]


@pytest.fixture(scope="module")
def gunicorn_site(tmp_path_factory):
    with running_site(tmp_path_factory.mktemp("site"), workers=1) as site:
        yield site


def raw_request(site, target, accept_language):
    """`target` sent as it is: urllib and http.client would clean it first."""
    host_port = urlsplit(site.url).netloc
    connection = http.client.HTTPConnection(host_port, timeout=30)
    try:
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host_port)
        connection.putheader("User-Agent", BROWSER)
        connection.putheader("Accept-Language", accept_language)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read().decode()
    finally:
        connection.close()


@pytest.mark.server
@pytest.mark.parametrize("accept_language", ["zh-CN", "ru-RU"])
@pytest.mark.parametrize("form", [form for form in PATH_FORMS if "%0" not in form])
def test_gunicorn_answers_no_path_form_with_a_redirect_to_another_host(
    gunicorn_site, form, accept_language
):
    status, location, body = raw_request(gunicorn_site, form, accept_language)
    assert status < 500
    base = gunicorn_site.url + "/"
    own_host = urlsplit(base).netloc
    for address in ([location] if location else []) + AddressReader(body).addresses:
        assert host_a_browser_goes_to(address, base) == own_host, address
