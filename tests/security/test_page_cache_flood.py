"""An anonymous flood of addresses cannot cancel the page cache for everyone.

Against the caches as settings.py configures them without Redis (files, in a folder
of the test's own): query parameters a view does not read make no cache entry, pages
that visitors do multiply stay within the page cache's size, and the content
version, the office's details and image renditions are never dropped to make room.
"""

import random
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from intloffice import settings as configured
from intloffice.pagecache import content_version
from tests.intloffice.sample_images import image_bytes
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution

BROWSER = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36"}
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
    response = client.get(path, headers=BROWSER)
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
    # A release page from the cache: its visit counted, nothing else asked.
    with django_assert_num_queries(1) as queries:
        get(client, release.get_absolute_url())
    assert queries.captured_queries[0]["sql"].startswith("UPDATE")
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
