"""Faults in a running cluster: the shared cache, the object storage, an app node or
the database goes away under load, and nothing is lost."""

import json
import threading
import time
from contextlib import contextmanager

import pytest

from scripts.cluster import THREADS, WORKERS

from .browsing import get, query
from .test_shared_state import (
    a_release_path,
    institution,
    png,
    rendition_sources,
    view_count,
    visits,
)

pytestmark = pytest.mark.cluster


def eventually(check, seconds=30):
    """Whether `check()` comes true within `seconds` (for states that settle: a
    health probe's answer is reused for a while, a balancer checks each second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def health(url):
    status, _, body = get(url + "/healthz")
    return status, json.loads(body)


def every_node_says(cluster, **expected):
    """Whether each node answers /healthz with 200 (ready) and the expected parts."""
    for url in cluster.node_urls:
        status, report = health(url)
        if status != 200 or any(report[part] != state for part, state in expected.items()):
            return False
    return True


def served_from_the_shared_cache(cluster, offset):
    """Whether node B serves the copy of a partner page node A rendered (a change
    made behind the site's back does not show)."""
    pk, slug = institution(cluster, offset)
    page, site = f"/partners/{slug}/", {"Host": "localhost"}
    (city,) = query(
        cluster.database_url, "SELECT city_en FROM partners_institution WHERE id = %s", pk
    )[0]
    get(cluster.node_urls[0] + page, site)
    query(
        cluster.database_url,
        "UPDATE partners_institution SET city_en = 'Nowhere' WHERE id = %s",
        pk,
    )
    try:
        status, _, html = get(cluster.node_urls[1] + page, site)
        return status == 200 and "Nowhere" not in html
    finally:
        query(
            cluster.database_url,
            "UPDATE partners_institution SET city_en = %s WHERE id = %s",
            city,
            pk,
        )


def test_with_redis_stopped_pages_are_rendered_counts_stay_exact_and_caching_resumes(cluster):
    path, release_id = a_release_path(cluster)
    assert served_from_the_shared_cache(cluster, offset=4)
    cluster.stop_redis()
    try:
        assert eventually(
            lambda: every_node_says(cluster, cache="unreachable", status="degraded", ready=True)
        )
        for url in [cluster.url, *cluster.node_urls]:
            assert get(url + "/")[0] == 200
        assert not served_from_the_shared_cache(cluster, offset=4)

        before = view_count(cluster, release_id)
        statuses = visits(cluster, path, 300)
        assert statuses.count(200) == 300
        assert view_count(cluster, release_id) - before == 300
    finally:
        cluster.start_redis()
    assert eventually(lambda: every_node_says(cluster, cache="ok", status="ok"))
    # Each process that saw the outage sets a new content version once, at its first
    # request after it; after that, pages are kept and shared again. Each try asks
    # for a page no earlier try kept: a try that met a new version left its page
    # kept with the change made behind the site's back.
    for url in cluster.node_urls:
        for _ in range(12):
            get(url + "/")
    fresh_pages = iter([3, 7, 8, 9, 10])
    assert eventually(lambda: served_from_the_shared_cache(cluster, next(fresh_pages, 4)))


@contextmanager
def storage_stopped(cluster):
    cluster.stop_storage()
    try:
        assert eventually(
            lambda: every_node_says(cluster, storage="unreachable", status="degraded", ready=True)
        )
        yield
    finally:
        cluster.start_storage()
        assert eventually(lambda: every_node_says(cluster, storage="ok"))


def test_with_the_storage_unreachable_pages_with_images_still_render(cluster, staff_on_a):
    # A new logo whose renditions no page has asked for yet: its page must ask the
    # storage for them, and gets no answer.
    pk, slug = institution(cluster, offset=5)
    response = staff_on_a.submit_form(
        f"/admin/partners/institution/{pk}/change/",
        "institution_form",
        files={"logo": ("logo.png", png((200, 200, 30)), "image/png")},
    )
    assert response.status_code == 302
    path, _ = a_release_path(cluster)
    with storage_stopped(cluster):
        for url in [cluster.url, *cluster.node_urls]:
            for page in ["/", "/zh-hans/", "/ru/news/", f"/partners/{slug}/", path]:
                status = get(url + page)[0]
                assert status == 200, (url + page, status)


def test_an_upload_while_the_storage_is_unreachable_answers_a_message_and_saves_nothing(
    cluster, staff_on_a
):
    pk, _ = institution(cluster, offset=6)
    logo = "SELECT logo FROM partners_institution WHERE id = %s"
    (before,) = query(cluster.database_url, logo, pk)[0]
    with storage_stopped(cluster):
        response = staff_on_a.submit_form(
            f"/admin/partners/institution/{pk}/change/",
            "institution_form",
            files={"logo": ("logo.png", png((30, 30, 200)), "image/png")},
        )
    # The form again, with what was entered and why nothing was saved.
    assert response.status_code == 503
    assert "The file storage cannot be reached just now, so nothing was saved." in response.text
    assert 'name="name_en"' in response.text
    assert query(cluster.database_url, logo, pk)[0][0] == before


def test_after_the_storage_returns_uploads_work_again(cluster, staff_on_a):
    cluster.stop_storage()
    assert eventually(lambda: every_node_says(cluster, storage="unreachable"))
    cluster.start_storage()
    assert eventually(lambda: every_node_says(cluster, storage="ok"))
    pk, slug = institution(cluster, offset=6)
    response = staff_on_a.submit_form(
        f"/admin/partners/institution/{pk}/change/",
        "institution_form",
        files={"logo": ("logo.png", png((30, 200, 30)), "image/png")},
    )
    assert response.status_code == 302
    (logo,) = query(
        cluster.database_url, "SELECT logo FROM partners_institution WHERE id = %s", pk
    )[0]
    sources = rendition_sources(get(f"{cluster.node_urls[1]}/partners/{slug}/")[2], logo)
    assert sources
    assert all(source.startswith(cluster.media_url + "/") for source in sources)
    assert get(sources[0])[0] == 200


class Load:
    """Threads reading a release page through the balancer until stopped, each result
    noted with whether its request started after `mark()`."""

    def __init__(self, url, threads=8):
        self.url = url
        self.results = []
        self.marked = threading.Event()
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self.run) for _ in range(threads)]

    def run(self):
        while not self.stopped.is_set():
            after = self.marked.is_set()
            try:
                status = get(self.url, timeout=30)[0]
            except OSError:
                status = None
            self.results.append((after, status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        for thread in self.threads:
            thread.join()

    def wait_for(self, count, after=False):
        assert eventually(
            lambda: sum(1 for marked, _ in self.results if marked == after) >= count, 120
        )


def test_a_node_killed_under_load_fails_at_most_its_requests_in_flight(cluster):
    path, _ = a_release_path(cluster)
    with Load(cluster.url + path) as load:
        load.wait_for(200)
        cluster.kill_node(1)
        load.marked.set()
        load.wait_for(300, after=True)
    failed = [status for _, status in load.results if status != 200]
    failed_after = [status for after, status in load.results if after and status != 200]
    print(f"\n{len(load.results)} requests, {len(failed)} failed ({failed_after} after the kill)")
    assert len(failed) <= WORKERS * THREADS
    assert failed_after == []

    cluster.start_node(1)
    # The balancer checks it again and sends it requests.
    assert eventually(lambda: get(cluster.url + "/")[1].get("x-cluster-node") == "node1")


def test_after_postgresql_restarts_every_node_serves_again_without_a_restart(cluster):
    path, release_id = a_release_path(cluster)
    with Load(cluster.node_urls[0] + path, threads=2) as load:
        load.wait_for(20)
        cluster.restart_postgres()
        load.marked.set()
    # Meanwhile a page answered, or showed the error page: no node stopped answering.
    assert None not in {status for _, status in load.results}
    before = view_count(cluster, release_id)
    for url in cluster.node_urls:
        # Every worker's thread, each with a connection made before the restart.
        statuses = [get(url + path)[0] for _ in range(2 * WORKERS * THREADS)]
        assert statuses == [200] * len(statuses)
        assert health(url)[1]["database"] == "ok"
    assert view_count(cluster, release_id) - before == 2 * 2 * WORKERS * THREADS
