"""What /healthz reports: whether the database, the shared cache and the file storage
answer, each apart, and whether this app server is ready for requests.

Ready means the database answers: without it no page can be served. A cache or a
storage that does not answer leaves the server ready but degraded (pages are
rendered instead of cached; images are missing, uploads refused with a message),
because taking every server out of the balancer for it would serve nothing at all.

The cache and the storage are asked at most once every few seconds per process, so
that requests to /healthz, which anyone may send, cannot multiply requests to the
object store (which may bill each one).
"""

import time

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
    """A check's answer, asked again only once it is REUSE_SECONDS old."""

    def __init__(self, check):
        self.check = check
        self.answer = None
        self.asked_at = float("-inf")

    def __call__(self):
        if time.monotonic() - self.asked_at >= REUSE_SECONDS:
            self.answer = self.check()
            self.asked_at = time.monotonic()
        return self.answer


reused_cache_state = Reused(cache_state)
reused_storage_state = Reused(storage_state)


@receiver(setting_changed)
def forget_answers_about_another_engine(*, setting, **kwargs):
    # An answer about one cache or storage says nothing of the next (tests switch them).
    if setting in ("CACHES", "STORAGES"):
        reused_cache_state.asked_at = reused_storage_state.asked_at = float("-inf")


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
