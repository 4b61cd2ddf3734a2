"""Real server processes for tests: gunicorn with several workers on a database of
its own (a SQLite file, or a fresh database in the test run's PostgreSQL cluster)."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from bench.server import free_port, wait_until_healthy
from tests.user_agents import BROWSER

BASE_DIR = Path(__file__).resolve().parent.parent
SERVE_SCRIPT = BASE_DIR / "scripts" / "serve.sh"


@contextmanager
def fresh_database(tmp_path):
    """A database URL of its own: PostgreSQL when the run has a cluster, else SQLite."""
    cluster_url = os.environ.get("DATABASE_URL", "")
    if not cluster_url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    name = f"server_{uuid.uuid4().hex[:12]}"
    parts = urlparse(cluster_url)
    admin_dsn = urlunparse(parts._replace(path="/postgres"))
    run_on_cluster(admin_dsn, f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(parts._replace(path=f"/{name}"))
    finally:
        run_on_cluster(admin_dsn, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_on_cluster(admin_dsn, sql):
    """One statement on a connection of its own (a test may restart the cluster)."""
    import psycopg2

    connection = psycopg2.connect(admin_dsn)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


class Site:
    def __init__(self, url, env):
        self.url = url
        self.env = env

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def get(self, path, user_agent=BROWSER, timeout=30):
        request = urllib.request.Request(self.url + path, headers={"User-Agent": user_agent})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def site_environment(database_url, tmp_path, extra_env=None):
    """The environment of the site's processes: debug off, plain HTTP, its own folders."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "server-test-secret-key-" + "x" * 30,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_DOCUMENTS_ROOT": str(tmp_path / "documents"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_SSL_REDIRECT": "0",
        "PYTHONPATH": str(BASE_DIR),
        **(extra_env or {}),
    }


@contextmanager
def running_site(tmp_path, workers=4, wsgi="intloffice.wsgi", extra_env=None):
    """Migrate a fresh database, start gunicorn on it, and stop it afterwards."""
    port = free_port()
    with fresh_database(tmp_path) as database_url:
        env = site_environment(database_url, tmp_path, extra_env)
        site = Site(f"http://127.0.0.1:{port}", env)
        site.manage("migrate", "--noinput", "-v", "0")
        site.manage("collectstatic", "--noinput", "-v", "0")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(gunicorn), wsgi, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--log-level", "warning"],
            cwd=BASE_DIR,
            env=env,
        )  # fmt: skip
        try:
            wait_until_healthy(site.url, server, seconds=30)
            yield site
        finally:
            server.terminate()
            server.wait(timeout=30)


@contextmanager
def served_by_make_serve(tmp_path, extra_env=None):
    """scripts/serve.sh (`make serve`) with one worker on a fresh database, configured
    only by `extra_env` on top of what any deployment sets (its key, hosts, folders)."""
    port = free_port()
    with fresh_database(tmp_path) as database_url:
        env = site_environment(database_url, tmp_path)
        del env["DJANGO_SSL_REDIRECT"]  # serve.sh decides, as it does for a deployer
        env.update(HOST="127.0.0.1", PORT=str(port), WEB_CONCURRENCY="1", **(extra_env or {}))
        site = Site(f"http://127.0.0.1:{port}", env)
        with open(tmp_path / "serve.log", "w") as log:
            server = subprocess.Popen(
                [str(SERVE_SCRIPT)], cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            # collectstatic and migrate run first.
            wait_until_healthy(site.url, server, seconds=120)
            yield site
        finally:
            server.terminate()
            server.wait(timeout=30)
