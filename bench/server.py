"""The production server (`make serve`: scripts/serve.sh, gunicorn + whitenoise) on a
free loopback port, with the benchmark's database, media and static folders; and the
bare project of the floors (bench/bare/) on the same gunicorn, database and workers."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SERVE_SCRIPT = BASE_DIR / "scripts" / "serve.sh"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(env, workers, log_path):
    """Start scripts/serve.sh with `workers` gunicorn workers; yield its base URL."""
    port = free_port()
    server_env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    with serving([str(SERVE_SCRIPT)], server_env, log_path, port, "/healthz") as url:
        yield url


@contextmanager
def running_bare_server(env, workers, log_path, database):
    """The bare project (bench/bare/) served as scripts/serve.sh serves the site:
    gunicorn with `workers` workers of the same class (GUNICORN_CMD_ARGS passes on),
    an access log, no trusted proxy; `database` is the site's DATABASES entry for
    the benchmark's database. Its counter table is made by its migration."""
    port = free_port()
    bare_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bench.bare.settings",
        "BENCH_BARE_DATABASE": json.dumps(database, default=str),
    }
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "python"), "-m", "django", "migrate", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=bare_env,
        check=True,
    )
    command = [
        str(bin_dir / "gunicorn"), "bench.bare.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--access-logfile", "-", "--forwarded-allow-ips", "",
    ]  # fmt: skip
    with serving(command, bare_env, log_path, port, "/floor/static/") as url:
        yield url


@contextmanager
def serving(command, env, log_path, port, health_path):
    """Run `command` (a server on `port`) until the block ends; yield its base URL."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(url, server, path=health_path)
            yield url
        finally:
            stop(server)


def wait_until_healthy(url, server, seconds=120, path="/healthz"):
    """Wait for `server` (a Popen) to answer 200 at `url` + `path`; the default time
    allows for collectstatic and migrate, which scripts/serve.sh runs first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode} (see its log)")
        try:
            with urllib.request.urlopen(url + path, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not become healthy")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


ACCESS_LINE = re.compile(r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) ')


def count_access_log(log_path, path, status_class="2"):
    """Responses the server logged for `path` whose status starts with `status_class`."""
    count = 0
    with open(log_path, errors="replace") as log:
        for line in log:
            match = ACCESS_LINE.search(line)
            if match and match["path"] == path and match["status"].startswith(status_class):
                count += 1
    return count
