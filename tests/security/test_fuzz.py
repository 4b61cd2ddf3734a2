"""Hostile addresses from anonymous visitors: whatever they send, the answer is a
designed 2xx, 3xx or 4xx page and nothing is logged as an error.

The requests are mutations of every public address (in each language) and of every
query parameter the public views read, drawn from a seeded generator: the same
requests on every run, on SQLite and on PostgreSQL alike.
"""

import logging
import random
import re
from datetime import timedelta
from urllib.parse import quote, urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from programmes.models import Opportunity
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db(transaction=True)

SEED = 20261128
RANDOM_REQUESTS = 1000

CRAWLER = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
ACCEPT_LANGUAGES = [
    "zh-CN,zh;q=0.9",
    "ru-RU",
    "de",
    "en",
    "*",
    "zh-Hant-TW",
    "x" * 500,
    ";q=",
    "\x7f",
]
HOSTILE_HOSTS = ["evil.example", "[::1", "127.0.0.1:99999", "testserver:", "a" * 300, "%00"]
FORM = "application/x-www-form-urlencoded"
HOSTILE_BODIES = [
    {},
    {"data": "username=a&password=b", "content_type": FORM},
    {"data": "a=1&" * 1001, "content_type": FORM},  # more fields than Django reads
    {"data": "a=" + "x" * 3_000_000, "content_type": FORM},  # more than Django reads
    {
        "data": "--b\r\nContent-Disposition: form-data\r\n\r\nx",
        "content_type": "multipart/form-data; boundary=b",
    },
    {"data": "x", "content_type": "multipart/form-data"},  # no boundary
    {"data": b"\xff\xfe\x00", "content_type": "application/json"},
]
LANGUAGE_PREFIXES = ["", "/zh-hans", "/ru"]
# {id}, {slug}, {partner} and {media} are filled from the fixture or mutated.
PUBLIC_PATHS = [
    "/",
    "/news/",
    "/news/{id}/",
    "/news/{id}/{slug}/",
    "/news/feed/",
    "/partners/",
    "/partners/{partner}/",
    "/programmes/",
    "/programmes/archive/",
    "/programmes/deadlines.ics",
    "/programmes/{slug}/",  # the programme made with the release's slug
    "/search/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/language/",
    "/media/{media}",
    "/admin/login/",  # the one admin page that anonymous visitors may use
]
# Read by the public views (news list, partner directory, programme list, site search, language
# switcher, sitemap pages), and a few that no view reads but every crawler and
# campaign sends.
PARAMETERS = [
    *["q", "year", "topic", "page", "country", "sort", "kind", "level", "partner"],
    *["next", "p", "utm_source", "fbclid", "x"],
]

HUGE_IDS = [
    "0",
    "-1",
    "9223372036854775807",  # the largest 64-bit id
    "9223372036854775808",
    "18446744073709551616",
    "9" * 40,
    "1" * 5000,  # longer than Python converts to int by default
    "01",
    "+1",
    "1e3",
    "0x10",
    "١",  # an Arabic-Indic digit
]
CONTROL_CHARACTERS = [f"%{byte:02X}" for byte in [*range(0x00, 0x20), 0x7F]]
HOSTILE_TEXT = [
    "",
    " ",
    "a" * 10_000,
    "中" * 10_000,
    "%E4%B8%AD" * 3_000,
    "a" * 1_000,  # long, yet short enough to reach the views
    "合作" * 200,
    "%" * 1_000,
    "%00",
    "a%00b",
    "%FF%FE%FD",  # not UTF-8
    "%C0%AF",  # an overlong slash
    "%E4%B8",  # a truncated character
    "%",
    "%%",
    "%zz",
    "%2",
    "%u4e2d",
    "%2F",
    "%2F%2F",
    "%5C",
    "..",
    "%2E%2E",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "'\"",
    "合作",
    "Иркутск",
    "😀" * 100,
    "\u202e",
    "*",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e400",
    "NaN",
    "inf",
    "9" * 5000,
    "javascript:alert(1)",
    "//evil.example/",
    "/\\evil.example",
    "%0D%0ASet-Cookie:%20x=1",
    *CONTROL_CHARACTERS,
]


def encoded(text):
    """Text for an address: hostile escapes as they are, anything else percent-encoded."""
    return quote(text, safe="%/:*'<>\"\\!@$&()+,;=~")


def mutated_path(rng, template, release, institution, media_path):
    values = {
        "id": rng.choice([str(release.pk)] * 3 + HUGE_IDS),
        "slug": rng.choice([release.slug] * 3 + HOSTILE_TEXT),
        "partner": rng.choice([institution.slug] * 3 + HOSTILE_TEXT),
        "media": rng.choice(
            [media_path] * 3 + HOSTILE_TEXT + [f"{media_path}%00", f"../{media_path}"]
        ),
    }
    path = template.format(**{name: encoded(value) for name, value in values.items()})
    if rng.random() < 0.1:  # a trailing oddity on the whole path
        path += rng.choice(["%00", "%FF", "%", "/%2E%2E/", "//", "/%0A", ";x=1"])
    return path


def mutated_query(rng):
    """A query string of zero to five parameters in every form a client can send."""
    pairs = []
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
        name = rng.choice(PARAMETERS)
        value = encoded(rng.choice(HOSTILE_TEXT))
        form = rng.randrange(9)
        if form == 0:
            pairs.append(f"{name}[]={value}")  # an array, PHP style
        elif form == 1:
            pairs.extend([f"{name}={value}", f"{name}={encoded(rng.choice(HOSTILE_TEXT))}"])
        elif form == 2:
            pairs.append(name)  # no "=" at all
        elif form == 3:
            pairs.append(f"{name}=")
        elif form == 4:
            pairs.append(f"{encoded(rng.choice(HOSTILE_TEXT))}={value}")  # a hostile name
        elif form == 5:
            # Repeated, up to past the number of parameters Django reads.
            pairs.extend([f"{name}={rng.choice(HUGE_IDS[:6])}"] * rng.choice([2, 50, 1001]))
        else:
            pairs.append(f"{name}={value}")
    query = "&".join(pairs)
    if rng.random() < 0.1:
        # Raw bytes that are not UTF-8, as a client may send them unescaped (a WSGI
        # server passes the query string on as Latin-1 text).
        query += "&q=\xff\xfe\xc3"
    if rng.random() < 0.05:
        query = "&&&=&" + query
    return query


def mutated_headers(rng):
    """A reader's browser mostly (its visits are counted), else a crawler or nobody."""
    headers = {"User-Agent": rng.choice([BROWSER] * 3 + [CRAWLER, ""])}
    if rng.random() < 0.05:
        headers["Host"] = rng.choice(HOSTILE_HOSTS)
    if rng.random() < 0.3:
        headers["Accept-Language"] = rng.choice(ACCEPT_LANGUAGES)
    if rng.random() < 0.1:
        headers["Cookie"] = f"django_language={encoded(rng.choice(HOSTILE_TEXT))[:200]}"
    return headers


def fuzz_requests(release, institution, media_path, extra_paths):
    """Every public address plainly in each language, then seeded random mutations."""
    rng = random.Random(SEED)
    plain = {
        "id": str(release.pk),
        "slug": release.slug,
        "partner": institution.slug,
        "media": media_path,
    }
    templates = [prefix + path for prefix in LANGUAGE_PREFIXES for path in PUBLIC_PATHS]
    reader = {"User-Agent": BROWSER}
    requests = [("GET", template.format(**plain), "", reader, {}) for template in templates]
    requests += [("GET", f"/news/{huge}/{release.slug}/", "", reader, {}) for huge in HUGE_IDS]
    requests += [("GET", path, "", reader, {}) for path in extra_paths]
    requests += [("GET", "/", "", {**reader, "Host": host}, {}) for host in HOSTILE_HOSTS]
    with_csrf_cookie = {**reader, "Cookie": f"csrftoken={'a' * 32}"}
    requests += [
        ("POST", path, "", with_csrf_cookie, body)
        for path in ["/admin/login/", "/news/", "/no-such-page/"]
        for body in HOSTILE_BODIES
    ]
    templates += extra_paths
    for _ in range(RANDOM_REQUESTS):
        template = rng.choice(templates)
        method = rng.choice(["GET"] * 5 + ["HEAD", "POST"])
        path = mutated_path(rng, template, release, institution, media_path)
        headers = mutated_headers(rng)
        body = {}
        if method == "POST":
            body = rng.choice(HOSTILE_BODIES)
            if rng.random() < 0.5:  # a CSRF cookie of the right form: the body is read
                headers["Cookie"] = f"csrftoken={'a' * 32}"
        requests.append((method, path, mutated_query(rng), headers, body))
    return requests


@pytest.fixture
def media_path(settings):
    """A real uploaded image, so that /media/ serves a file as well as refusing others."""
    path = settings.MEDIA_ROOT / "news" / "cover.png"
    path.parent.mkdir(parents=True)
    Image.new("RGB", (8, 8), "teal").save(path)
    return "news/cover.png"


@pytest.fixture
def sitemap_paths(client, release, institution):
    """The sitemap's own addresses (an index's pages, say), whatever the sitemap is."""
    response = client.get("/sitemap.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", response.text)
    return sorted({urlsplit(url).path for url in locations if url.endswith(".xml") or "?p=" in url})


@pytest.fixture
def error_lines():
    """The records the site's log handler writes at ERROR level, from any logger."""
    written = []

    def keep_errors(record):
        if record.levelno >= logging.ERROR:
            written.append(record)
        return True

    # After the handler's own filters, so that what is kept is what it writes.
    handler = logging.getHandlerByName("stdout")
    handler.addFilter(keep_errors)
    yield written
    handler.removeFilter(keep_errors)


@pytest.fixture
def programme(release, institution):
    """A published programme, open now, at /programmes/<the release's slug>/."""
    opportunity = Opportunity.objects.create(
        title="Exchange semester",
        slug=release.slug,
        kind="exchange",
        level="bachelor",
        status="published",
        publish_at=timezone.now() - timedelta(days=1),
    )
    opportunity.partners.set([institution])
    opportunity.windows.create(
        opens_at=timezone.now() - timedelta(days=1), closes_at=timezone.now() + timedelta(days=9)
    )
    return opportunity


def test_no_hostile_address_gets_a_server_error_or_logs_an_error(
    office, release, institution, programme, media_path, sitemap_paths, error_lines
):
    requests = fuzz_requests(release, institution, media_path, sitemap_paths)
    assert len(requests) >= 1000

    failures = []
    for method, path, query, headers, body in requests:
        # A new client each time: no cookie from the last answer, and CSRF checked.
        visitor = Client(enforce_csrf_checks=True, raise_request_exception=False)
        send = {"GET": visitor.get, "HEAD": visitor.head, "POST": visitor.post}[method]
        logged_before = len(error_lines)
        response = send(path, QUERY_STRING=query, headers=headers, **body)
        response.close()  # a media file is streamed from an open file
        logged = [record.getMessage()[:100] for record in error_lines[logged_before:]]
        if response.status_code >= 500 or logged:
            failures.append(
                f"{method} {path[:100]}?{query[:100]} {str(headers)[:300]} "
                f"-> {response.status_code} {logged}"
            )

    assert failures == [], f"{len(failures)} failures:\n" + "\n".join(failures[:20])


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_an_id_past_the_largest_64_bit_id_is_not_found(client, release, prefix):
    for path in [
        "/news/9223372036854775808/x/",
        "/news/9223372036854775808/",
        "/news/1" + "0" * 30 + "/x/",
    ]:
        response = client.get(prefix + path, headers={"User-Agent": BROWSER})
        assert response.status_code == 404, prefix + path
