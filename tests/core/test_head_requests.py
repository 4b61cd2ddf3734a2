"""HEAD is answered with the status and headers of GET and no body: uptime monitors
call it all day, and a body sent with it makes the server drop it with a warning.

The test client removes HEAD bodies itself, as servers do; the tests here call the
site's WSGI handler as gunicorn does, or gunicorn itself, to see what the site sends.
"""

import http.client
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from tests.i18n.conftest import make_partner, make_release
from tests.server import running_site
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db

# Not counted as a visit, so that GET and HEAD show the same count.
MONITOR = "UptimeRobot/2.0 (http://www.uptimerobot.com/)"


@pytest.fixture
def site(office):
    release = make_release()
    partner = make_partner()
    return {"release": release, "partner": partner}


PAGES = {
    "home": lambda site: "/",
    "home in Russian": lambda site: "/ru/",
    "news list": lambda site: "/news/?q=memorandum",
    "news release": lambda site: site["release"].get_absolute_url(),
    "news release, old slug": lambda site: f"/news/{site['release'].pk}/old-slug/",
    "partner directory": lambda site: "/partners/",
    "partner page": lambda site: site["partner"].get_absolute_url(),
    "feed": lambda site: "/news/feed/",
    "sitemap": lambda site: "/sitemap.xml",
    "robots.txt": lambda site: "/robots.txt",
    "health": lambda site: "/healthz",
    "not found": lambda site: "/no-such-page/",
    "language switcher": lambda site: "/language/",
    "stylesheet": lambda site: "/static/css/site.css",
}


@contextmanager
def database_connection_kept():
    """As in the test client: the connection holds the test's transaction, so the
    end of a request must not close it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def wsgi_call(method, path, user_agent=MONITOR):
    """What the site hands a WSGI server: status, headers and body bytes."""
    environ = RequestFactory().generic(method, path, HTTP_USER_AGENT=user_agent).environ
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    with database_connection_kept():
        answer = WSGIHandler()(environ, start_response)
        try:
            body = b"".join(answer)
        finally:
            answer.close()
    return started["status"], started["headers"], body


@pytest.mark.parametrize("page", PAGES)
def test_head_gets_the_status_and_headers_of_get_and_no_body(site, page):
    path = PAGES[page](site)
    status, headers, body = wsgi_call("HEAD", path, user_agent=BROWSER)
    get_status, get_headers, get_body = wsgi_call("GET", path)
    assert body == b""
    assert status == get_status
    assert headers.get("Content-Type") == get_headers.get("Content-Type")
    assert headers.get("Location") == get_headers.get("Location")
    # Where HEAD names a length, it is the length of the GET's body.
    assert headers.get("Content-Length", str(len(get_body))) == str(len(get_body))


def test_head_requests_for_a_release_are_not_counted(site):
    release = site["release"]
    for _ in range(2):  # rendered, then from the page cache
        assert wsgi_call("HEAD", release.get_absolute_url(), user_agent=BROWSER)[0] == 200
    release.refresh_from_db()
    assert release.view_count == 0


@pytest.mark.parametrize("page", ["home", "news list", "news release", "partner page"])
def test_a_page_is_not_rendered_to_answer_head(client, settings, site, page):
    settings.PUBLIC_PAGE_SECONDS = 0  # nothing comes ready-made from the cache
    response = client.head(PAGES[page](site), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert response.templates == []
    assert "Content-Length" not in response  # its length is not known without the body


def head_request(url):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=30)
    try:
        connection.request("HEAD", parts.path, headers={"User-Agent": BROWSER})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type")
    finally:
        connection.close()


@pytest.mark.server
def test_gunicorn_logs_no_warning_for_head_requests(tmp_path, capfd):
    with running_site(tmp_path, workers=1) as server:
        release_url = server.shell(
            "from django.utils import timezone; from news.models import NewsRelease; "
            "print(NewsRelease.objects.create(title='Summer school in Irkutsk', "
            "summary='Four weeks.', body='<p>Four weeks.</p>', author='闫倩倩', "
            "release_time=timezone.now(), status='published').get_absolute_url())"
        )
        capfd.readouterr()  # start and set-up are not what is checked
        for path in ["/", release_url, "/news/", "/partners/", "/news/"]:
            assert head_request(server.url + path) == (200, "text/html; charset=utf-8"), path
        assert server.get(release_url)[0] == 200  # the server still answers, after all that
        out, err = capfd.readouterr()
    log = out + err
    assert "body bytes" not in log
    assert "WARNING" not in log.upper()
