"""Faults survived by real gunicorn processes: PostgreSQL restarted under load (the
PostgreSQL pass of `make test` only), the database stopped, and a database host that
never answers."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connections

from tests.server import BASE_DIR, free_port, running_site

pytestmark = pytest.mark.server

CLUSTER = {name: os.environ.get(name, "") for name in ("PG_BINDIR", "PG_DATA", "PG_OWNER")}
IN_POSTGRES_PASS = os.environ.get("DATABASE_URL", "").startswith("postgres")
CI = os.environ.get("CI") in {"true", "1"}

CREATE_RELEASE = """
from news.models import NewsRelease
release = NewsRelease.objects.create(title="Hot news", body="<p>Read me.</p>", status="published")
print(release.get_absolute_url())
"""


@pytest.fixture
def cluster():
    if not IN_POSTGRES_PASS:
        pytest.skip("needs the PostgreSQL pass of `make test` (scripts/with_postgres.py)")
    if not all(CLUSTER.values()):
        message = "PG_BINDIR, PG_DATA and PG_OWNER are not set by scripts/with_postgres.py"
        if CI:
            pytest.fail(message)
        pytest.skip(message)
    yield CLUSTER
    # This test process's own connections died with the restart: later tests reconnect.
    connections.close_all()


def pg_ctl(cluster, action):
    """Run pg_ctl as the cluster's owner; `restart` reuses the options it started with."""
    subprocess.run(
        ["runuser", "-u", cluster["PG_OWNER"], "--", str(Path(cluster["PG_BINDIR"]) / "pg_ctl"),
         "-D", cluster["PG_DATA"], "-m", "fast", "-w", action],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip


def view_count(site, url):
    pk = url.split("/")[2]
    return int(
        site.shell(
            f"from news.models import NewsRelease; print(NewsRelease.objects.get(pk={pk}).view_count)"
        )
    )


def sum_of_days(site, url):
    pk = url.split("/")[2]
    return int(
        site.shell(
            "from django.db.models import Sum; from news.models import DailyViews; "
            f"print(DailyViews.objects.filter(release={pk}).aggregate(n=Sum('views'))['n'])"
        )
    )


class Load:
    """Visitors reading one page in a loop; every answer is kept with its time."""

    def __init__(self, site, path, visitors=8):
        self.site, self.path = site, path
        self.results = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.visit) for _ in range(visitors)]

    def visit(self):
        while not self.stopping.is_set():
            try:
                status = self.site.get(self.path, timeout=20)[0]
            except OSError:
                status = None  # the connection itself failed
            self.results.append((time.monotonic(), status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def test_postgres_restarted_under_load_fails_only_during_the_restart_and_counts_stay_exact(
    tmp_path, cluster
):
    with running_site(tmp_path, workers=4) as site:
        url = site.shell(CREATE_RELEASE)
        with Load(site, url) as load:
            time.sleep(2)
            restart_began = time.monotonic()
            pg_ctl(cluster, "restart")
            restart_ended = time.monotonic()
            time.sleep(4)
        count = view_count(site, url)
        days = sum_of_days(site, url)

    statuses = [status for _, status in load.results]
    failures = [moment for moment, status in load.results if status != 200]
    assert statuses.count(200) > 100
    # Requests that were under way when the server went down may fail, a second or
    # two later at most; the workers reconnect by themselves (CONN_HEALTH_CHECKS).
    assert all(restart_began <= moment <= restart_ended + 2 for moment in failures), failures
    assert all(status == 200 for moment, status in load.results if moment > restart_ended + 2)
    # Every page answered 200 counted its visit once; a failed answer may or may not
    # have counted before the failure, but no visit is counted twice.
    assert statuses.count(200) <= count <= statuses.count(200) + len(failures)
    # The day's figure is written in the same transaction as the total: a restart
    # between the two statements loses both or neither.
    assert days == count


def test_while_postgres_is_down_health_says_503_pages_show_the_error_page_and_nothing_hangs(
    tmp_path, cluster
):
    with running_site(tmp_path, workers=2) as site:
        url = site.shell(CREATE_RELEASE)
        pg_ctl(cluster, "stop")
        try:
            for path, status, text in [
                ("/healthz", 503, '"database": "unreachable"'),
                (url, 500, "Something went wrong"),
                ("/", 500, "Something went wrong"),
            ]:
                started = time.monotonic()
                answer = site.get(path, timeout=10)
                assert answer[0] == status, path
                assert text in answer[1], path
                assert time.monotonic() - started < 5, path
        finally:
            pg_ctl(cluster, "restart")
        assert site.get("/healthz")[0] == 200
        assert site.get(url)[0] == 200


def test_a_database_host_that_never_answers_gives_503_and_the_error_page_within_seconds(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        # A TEST-NET address: nothing answers there, so connecting can only time out.
        "DATABASE_URL": "postgres://nobody:secret@192.0.2.1:5432/office",
        "DJANGO_SECRET_KEY": "faults-test-secret-key-" + "x" * 30,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "PYTHONPATH": str(BASE_DIR),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR, env=env, check=True, timeout=120,
    )  # fmt: skip
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "intloffice.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        from tests.server import Site

        site = Site(f"http://127.0.0.1:{port}", env)
        wait_for_an_answer(site)
        for path, status, text in [
            ("/healthz", 503, "unreachable"),
            ("/news/", 500, "Something went wrong"),
        ]:
            started = time.monotonic()
            answer = site.get(path, timeout=20)
            assert answer[:1] == (status,), path
            assert text in answer[1], path
            assert time.monotonic() - started < 8, path
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_an_answer(site, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            site.get("/robots.txt", timeout=10)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer")
