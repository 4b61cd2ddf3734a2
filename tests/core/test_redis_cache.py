"""The shared Redis cache against a real redis-server that the tests stop and start:
pages still served and counted while it is away, caching back by itself, no edit
hidden by entries from before the outage, and a bounded cost per request."""

import json
import math
import threading
import time

import pytest
import redis
from django.core.cache import caches
from django.test import Client
from redis.connection import Connection

from core import cache as resilient
from core import health
from news.models import NewsRelease
from tests.news.conftest import make_news_release, visit
from tests.objectstorage import close_storage_connections, free_port, use_bucket
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db


class CountingConnection(Connection):
    """redis-py's own connection, counting the sockets it tries to open."""

    attempts = 0
    lock = threading.Lock()

    def _connect(self):
        # Where redis-py opens a socket (connect() is also called on an open one).
        with CountingConnection.lock:
            CountingConnection.attempts += 1
        return super()._connect()


@pytest.fixture
def redis_cache(redis_server, settings, monkeypatch):
    """The site's caches on the Redis server, configured from REDIS_URL as in production."""
    from intloffice.env import env_caches

    monkeypatch.setenv("REDIS_URL", redis_server.url)
    configured = env_caches("REDIS_URL", cache_dir=None, page_entries=None)
    for alias in configured:
        configured[alias]["OPTIONS"] = {"connection_class": CountingConnection}
    settings.CACHES = configured
    CountingConnection.attempts = 0
    yield redis_server
    for alias in configured:
        for pool in caches[alias]._cache._pools.values():
            pool.disconnect()


def after_the_retry_pause():
    time.sleep(resilient.RETRY_AFTER_SECONDS)


def page_keys(server):
    with redis.Redis.from_url(server.url) as client:
        return client.keys("pages:*")


def test_pages_are_served_and_counted_exactly_while_redis_is_stopped(client, office, redis_cache):
    release = make_news_release(title="Before the outage")
    redis_cache.stop()
    for _ in range(5):
        response = visit(Client(), release)  # five browsers: five visits
        assert response.status_code == 200
        assert "Before the outage" in response.text
    release.refresh_from_db()
    assert release.view_count == 5
    release.title = "Edited during the outage"
    release.save()
    assert "Edited during the outage" in visit(client, release).text


def test_caching_resumes_by_itself_when_redis_returns(client, office, redis_cache):
    release = make_news_release()
    redis_cache.stop()
    visit(client, release)
    redis_cache.start()
    after_the_retry_pause()
    assert client.get("/news/").status_code == 200
    assert page_keys(redis_cache)  # kept again


def test_an_edit_during_the_outage_is_not_hidden_by_pages_kept_before_it(
    client, office, redis_cache
):
    release = make_news_release(title="Old title")
    assert "Old title" in client.get("/news/").text
    assert page_keys(redis_cache)
    redis_cache.stop()  # with its data: the old page and content version come back
    release.title = "New title"
    release.save()
    redis_cache.start()
    after_the_retry_pause()
    page = client.get("/news/").text
    assert "New title" in page and "Old title" not in page


def test_a_stopped_redis_costs_at_most_one_connection_attempt_a_second(client, office, redis_cache):
    release = make_news_release()
    visit(Client(), release)
    redis_cache.stop()
    CountingConnection.attempts = 0
    started = time.monotonic()
    for _ in range(20):
        assert visit(Client(), release).status_code == 200
    seconds = time.monotonic() - started
    # However slow the machine, one attempt per pause that has begun, and no more.
    assert 1 <= CountingConnection.attempts <= math.ceil(seconds / resilient.RETRY_AFTER_SECONDS)
    assert NewsRelease.objects.get().view_count == 21


def healthz(client):
    response = client.get("/healthz", HTTP_USER_AGENT=BROWSER)
    return response.status_code, json.loads(response.content)


def test_healthz_reports_the_cache_unreachable_and_stays_ready(client, redis_cache):
    assert healthz(client)[1]["cache"] == "ok"
    redis_cache.stop()
    health.reused_cache_state.asked_at = float("-inf")  # not the answer of 2 s ago
    status, report = healthz(client)
    assert status == 200
    assert (report["cache"], report["ready"], report["status"]) == ("unreachable", True, "degraded")


def test_healthz_reports_the_storage_unreachable_and_stays_ready(client, settings, monkeypatch):
    use_bucket(settings, monkeypatch, f"http://127.0.0.1:{free_port()}", "gone")
    status, report = healthz(client)
    close_storage_connections()
    assert status == 200
    assert (report["storage"], report["ready"], report["status"]) == (
        "unreachable",
        True,
        "degraded",
    )


def test_anonymous_healthz_requests_cannot_multiply_storage_requests(client, bucket, monkeypatch):
    # Each probe asks the store one question (a HEAD of a name no file has); the probe
    # runs in a thread of its own, so it is counted where it starts.
    probes = []
    probe = health.reused_storage_state.check
    monkeypatch.setattr(health.reused_storage_state, "check", lambda: probes.append(1) or probe())
    started = time.monotonic()
    for _ in range(20):
        assert healthz(client)[1]["storage"] == "ok"
    seconds = time.monotonic() - started
    assert 1 <= len(probes) <= math.ceil(seconds / health.REUSE_SECONDS)


def test_an_edit_made_on_another_server_during_the_outage_shows_once_redis_returns(
    client, office, redis_cache
):
    release = make_news_release(title="Old title")
    assert "Old title" in client.get("/news/").text
    redis_cache.stop()
    # Another server saved the edit, could not set a new content version, and serves
    # nothing more (an UPDATE sends no signal here either): this server only saw the
    # outage, serving a page during it.
    NewsRelease.objects.filter(pk=release.pk).update(title_en="New title")
    assert client.get("/news/").status_code == 200
    redis_cache.start()
    after_the_retry_pause()
    page = client.get("/news/").text
    assert "New title" in page and "Old title" not in page
