"""Django's Redis cache, made to carry on while the Redis server is away.

Several app servers share one Redis for the page cache and the content version
(core/pagecache.py). Were Redis stopped, Django's own backend would raise on every
call and turn each page into an error. This one answers as a miss instead (a read
finds nothing, a write keeps nothing), so pages are rendered rather than cached and
every count still goes to the database; it tries the server again after a second,
and once it answers the site is back to caching by itself.

An outage can matter once Redis is back: a staff edit that could not set a new
content version would leave derived entries of the old content behind, were the
server to return with its data. So every process that saw the server away says so
once it answers again (`is_back_after_outage()`), and core.pagecache then sets a new
version: not only the process that missed the edit's write, which may serve no
request for a while, but every one that served during the outage. A new version
costs one rendering of each page.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Refused, reset, timed out, or a name that does not resolve.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# While the server is away, calls within this many seconds of a failure do not try it
# again: a request then pays no connection timeout, only a miss.
RETRY_AFTER_SECONDS = 1.0
# How long a connection or a command may wait for the server before it counts as away.
SOCKET_TIMEOUT_SECONDS = 0.5


class ServerState:
    """When one Redis server may be tried again, and whether it was seen away,
    shared by every cache on that server in this process: Django makes a cache
    object per thread and per alias ("default" and "pages"), and each of them trying
    on its own would multiply the connection attempts a stopped server costs."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.outage_seen = False
        self.warned_at = float("-inf")

    def may_try(self):
        return time.monotonic() >= self.retry_at

    def failed(self, error):
        with self.lock:
            now = time.monotonic()
            self.retry_at = now + RETRY_AFTER_SECONDS
            self.outage_seen = True
            if now - self.warned_at >= 60:
                self.warned_at = now
                logger.warning("The Redis cache is unreachable; serving without it: %s", error)


server_states = {}
server_states_lock = threading.Lock()


def state_of(servers):
    with server_states_lock:
        return server_states.setdefault(tuple(servers), ServerState())


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        # One attempt per call, whatever redis-py's default is: a failure already
        # sends the cache to misses for a while, and a retry would only double what
        # a stopped server costs a request.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self.state = state_of(self._servers)

    def is_reachable(self):
        """Whether the server answers a PING now (for the health check)."""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except UNREACHABLE:
            return False

    def is_back_after_outage(self):
        """True once when the server may be tried again after this process saw it away
        (were it still away, the next call sees it so again)."""
        state = self.state
        with state.lock:
            if not state.outage_seen or not state.may_try():
                return False
            state.outage_seen = False
            return True

    def _call(self, operation, *args, miss=None):
        if not self.state.may_try():
            return miss
        try:
            return operation(*args)
        except UNREACHABLE as error:
            self.state.failed(error)
            return miss

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, key, value, timeout, version, miss=False)

    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version, miss=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version, miss=False)

    def delete(self, key, version=None):
        return self._call(super().delete, key, version, miss=False)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version, miss={})

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, miss=False)

    def incr(self, key, delta=1, version=None):
        # Django's contract: incrementing a key that is not there raises ValueError.
        result = self._call(super().incr, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self._call(super().set_many, data, timeout, version, miss=None)
        return list(data) if failed is None and data else []

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, keys, version)

    def clear(self):
        return self._call(super().clear, miss=False)
