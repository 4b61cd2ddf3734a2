"""What /healthz reports: whether the database, the shared cache and the file storage
answer, each apart, and whether this app server is ready for requests.

Ready means the database answers: without it no page can be served. A cache or a
storage that does not answer leaves the server ready but degraded (pages are
rendered instead of cached; images are missing, uploads refused with a message),
because taking every server out of the balancer for it would serve nothing at all.

The cache and the storage are asked at most once every few seconds per process, so
that requests to /healthz, which anyone may send, cannot multiply requests to the
object store (which may bill each one). A store that does not answer at once may
take seconds to fail (boto3's timeouts and retries): the health check waits at most
PROBE_WAIT_SECONDS for the probe and says "unreachable" meanwhile, so the balancer's
check of a node never times out on it, and one probe at a time runs per process.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as ProbeTimeout

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.db import DatabaseError, connection
from django.dispatch import receiver

from .storage import STORAGE_ERRORS

# How long one process reuses its last answer from the cache and the storage.
REUSE_SECONDS = 2.0
# A name no stored file has (stored names are random): asking for it reaches the
# store and finds nothing.
PROBE_NAME = "healthz-probe"
# How long /healthz waits for a probe of the cache or the storage.
PROBE_WAIT_SECONDS = 1.0


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unreachable"
    return "ok"


def cache_state():
    is_reachable = getattr(cache, "is_reachable", None)
    if is_reachable is None:
        return "local"  # files on this machine, which answer when the disk does
    return "ok" if is_reachable() else "unreachable"


def storage_state():
    if default_storage.__class__.__module__.startswith("django.core.files"):
        return "local"
    try:
        default_storage.exists(PROBE_NAME)
    except STORAGE_ERRORS:
        return "unreachable"
    return "ok"


class Reused:
    """A check's answer, asked again only once it is REUSE_SECONDS old, by one probe
    at a time that callers wait for at most PROBE_WAIT_SECONDS ("unreachable" when
    it takes longer; it goes on, and its answer is kept when it comes)."""

    def __init__(self, check):
        self.check = check
        self.answer = None
        self.asked_at = float("-inf")
        self.probe = None
        self.lock = threading.Lock()
        # Made on first use: a pool's thread does not survive gunicorn's fork.
        self.pool = None

    def __call__(self):
        with self.lock:
            if self.probe is None and time.monotonic() - self.asked_at >= REUSE_SECONDS:
                self.asked_at = time.monotonic()
                self.pool = self.pool or ThreadPoolExecutor(1, thread_name_prefix="healthz")
                self.probe = self.pool.submit(self.check)
            probe = self.probe
        if probe is None:
            return self.answer
        try:
            answer = probe.result(timeout=PROBE_WAIT_SECONDS)
        except ProbeTimeout:
            return "unreachable"
        with self.lock:
            if self.probe is probe:
                self.answer, self.probe = answer, None
                self.asked_at = time.monotonic()  # an answer is as old as its arrival
        return answer


reused_cache_state = Reused(cache_state)
reused_storage_state = Reused(storage_state)


@receiver(setting_changed)
def forget_answers_about_another_engine(*, setting, **kwargs):
    # An answer about one cache or storage says nothing of the next (tests switch them).
    if setting in ("CACHES", "STORAGES"):
        for reused in (reused_cache_state, reused_storage_state):
            reused.asked_at, reused.probe = float("-inf"), None


def health():
    """(ready, report): the report names each part's state, "ok", "local" (on this
    machine) or "unreachable", and sums them up as "ok", "degraded" or "error"."""
    report = {
        "database": database_state(),
        "cache": reused_cache_state(),
        "storage": reused_storage_state(),
    }
    ready = report["database"] == "ok"
    if not ready:
        status = "error"
    elif "unreachable" in report.values():
        status = "degraded"
    else:
        status = "ok"
    return ready, {"status": status, "ready": ready, **report}
