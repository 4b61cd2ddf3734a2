"""An anonymous flood of addresses cannot cancel the page cache for everyone.

Against the caches as settings.py configures them (files in a folder of the test's
own, or a Redis server of its own with a memory limit): query parameters a view does
not read make no cache entry, pages that visitors do multiply stay within the page
cache's size, and the content version, the office's details and image renditions are
never dropped to make room.
"""

import random
import runpy
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from core.models import Office
from core.pagecache import content_version, derived_key
from intloffice import settings as configured
from tests.core.sample_images import image_bytes
from tests.counting import counting_statements
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution
from tests.server import free_port
from tests.user_agents import BROWSER

UNREAD_PARAMETERS = ["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "ref"]


@pytest.fixture
def file_caches(settings, tmp_path):
    """The production caches, relocated under tmp_path; pages kept longer than any
    flood here lasts, so that what leaves the cache was pushed out, not expired."""
    backends = {alias: cache["BACKEND"] for alias, cache in configured.CACHES.items()}
    if set(backends.values()) != {"django.core.cache.backends.filebased.FileBasedCache"}:
        pytest.skip("REDIS_URL is set: the caches are not files")
    settings.CACHES = {
        alias: {**cache, "LOCATION": tmp_path / "cache" / alias}
        for alias, cache in configured.CACHES.items()
    }
    settings.PUBLIC_PAGE_SECONDS = 3600
    return tmp_path / "cache"


@pytest.fixture
def institution(db):
    return make_institution()


@pytest.fixture
def release(office, institution):
    cover = default_storage.save("news/covers/2026/cover.jpg", ContentFile(image_bytes("JPEG")))
    release = make_news_release(cover=cover)
    release.partners.add(institution)
    return release


def entries(folder):
    return sorted(path.name for path in Path(folder).glob("*.djcache"))


def get(client, path):
    response = client.get(path, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200, path
    return response


def random_query(rng):
    """A query string of parameters no view reads, as campaign links and attackers make."""
    names = [*rng.sample(UNREAD_PARAMETERS, 2), f"x{rng.getrandbits(32):x}"]
    return "&".join(f"{name}={rng.getrandbits(48):x}" for name in names)


def flood_addresses(pages, read_variants, total, seed=11):
    """`total` distinct addresses: `read_variants` with values of parameters views read
    (each a page of its own), the rest the `pages` with parameters no view reads."""
    rng = random.Random(seed)
    read = [
        f"/news/?page={n}" if n % 3 == 0 else f"/news/?q=word{n}" if n % 3 == 1
        else f"/partners/?q=name{n}"
        for n in range(read_variants)
    ]  # fmt: skip
    unread = [f"{rng.choice(pages)}?{random_query(rng)}" for _ in range(total - read_variants)]
    addresses = read + unread
    rng.shuffle(addresses)
    assert len(set(addresses)) == total
    return addresses


def test_a_flood_of_ten_thousand_addresses_leaves_cached_pages_in_place(
    file_caches, release, institution, django_assert_num_queries
):
    client = Client()
    pages = [
        "/", "/ru/", "/news/", "/zh-hans/news/", release.get_absolute_url(), "/news/feed/",
        "/partners/", institution.get_absolute_url(),
    ]  # fmt: skip
    for path in pages:
        get(client, path)
    read_variants = 600
    for address in flood_addresses(pages, read_variants, total=10_000):
        get(client, address)

    with django_assert_num_queries(0):
        get(client, "/")
    # A release page from the cache, for a new reader: its visit counted (the total and
    # the day's figure), nothing else asked.
    with django_assert_num_queries(len(counting_statements())) as queries:
        get(Client(), release.get_absolute_url())
    assert queries.captured_queries[0]["sql"].startswith(counting_statements()[0])
    # Only the pages made by values of the parameters views read were added.
    assert len(entries(file_caches / "pages")) == len(pages) + read_variants

    release.title = "Memorandum signed with Irkutsk, updated"
    release.save()
    assert release.title in get(client, "/").text
    assert release.title in get(client, release.get_absolute_url()).text


def test_a_page_cache_filled_past_its_size_drops_pages_but_never_the_content_state(
    file_caches, release
):
    client = Client()
    for path in ["/", "/news/", "/partners/", release.get_absolute_url()]:
        get(client, path)
    # The content version, the office's details, the years of the archive, renditions.
    state = entries(file_caches / "default")
    assert len(state) >= 5
    version = content_version()
    size = configured.CACHES["pages"]["OPTIONS"]["MAX_ENTRIES"]

    for address in flood_addresses(pages=[], read_variants=size + 200, total=size + 200):
        get(client, address)

    assert len(entries(file_caches / "pages")) <= size
    assert entries(file_caches / "default") == state
    assert content_version() == version


@pytest.fixture
def redis_caches(settings, monkeypatch, tmp_path):
    """The caches settings.py configures for REDIS_URL, on a Redis server of the test's
    own, kept small (2 MB) and told to make room as the README advises."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path), "--maxmemory", "2mb",
         "--maxmemory-policy", "volatile-lru"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")
        settings.CACHES = runpy.run_path(configured.__file__)["CACHES"]
        settings.PUBLIC_PAGE_SECONDS = 3600
        wait_until_answering(redis.Redis(port=port))
        yield redis.Redis(port=port)
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_until_answering(client):
    # Asked directly: the site's cache answers a miss while the server starts, and
    # then waits a second before trying it again.
    for _ in range(100):
        try:
            client.ping()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    client.ping()


def test_a_full_redis_drops_pages_but_never_the_content_state(redis_caches, release):
    client = Client()
    pages = ["/", "/news/", "/partners/", release.get_absolute_url()]
    for path in pages:
        get(client, path)
    version = content_version()
    office = cache.get(derived_key(Office.CACHE_NAME))
    assert office is not None
    keys = redis_caches.dbsize()

    for address in flood_addresses(pages, read_variants=0, total=300):
        get(client, address)
    assert redis_caches.dbsize() == keys
    # Well over 2 MB of pages: Redis must evict to take them.
    for address in flood_addresses(pages=[], read_variants=600, total=600):
        get(client, address)

    assert redis_caches.info("stats")["evicted_keys"] > 0
    assert content_version() == version
    assert cache.get(derived_key(Office.CACHE_NAME)) == office
    release.title = "Memorandum signed with Irkutsk, updated"
    release.save()
    assert release.title in get(client, "/").text
