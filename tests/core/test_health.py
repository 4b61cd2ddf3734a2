"""/healthz's probes of the cache and the storage: a probe that hangs never holds the
health check (which the balancer times out), and runs once at a time per process."""

import threading

from core import health


def test_a_probe_that_hangs_is_reported_unreachable_and_runs_once_at_a_time():
    started = []
    answer_now = threading.Event()

    def hanging_check():
        started.append(threading.current_thread().name)
        answer_now.wait(30)
        return "ok"

    reused = health.Reused(hanging_check)
    assert reused() == "unreachable"  # after waiting PROBE_WAIT_SECONDS, not 30
    assert reused() == "unreachable"
    assert len(started) == 1  # the second call waited for the same probe
    answer_now.set()
    assert reused() == "ok"
    assert reused() == "ok"  # kept for REUSE_SECONDS: no new probe
    assert len(started) == 1
