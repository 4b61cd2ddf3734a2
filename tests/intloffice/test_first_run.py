"""The first `make run` on a fresh clone, in real processes on a temporary database:
a few lines that end with how to log in, a reset command that works as printed, and a
request log that names each request."""

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
LOG_IN_CHECK = (
    "from django.contrib.auth import authenticate; import sys; "
    "import os; password = os.environ['PASSWORD_TO_CHECK']; "
    "sys.exit(0 if authenticate(username='admin', password=password) else 1)"
)


@pytest.fixture
def env(tmp_path):
    """What `make run` sets (DJANGO_DEBUG=1), on a database and folders of the test's."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    environment.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="first-run-test-" + "k" * 40,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    return environment


def run(env, *command):
    result = subprocess.run(
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def manage(env, *args):
    return run(env, PYTHON, "manage.py", *args)


def can_log_in(env, password):
    run({**env, "PASSWORD_TO_CHECK": password}, PYTHON, "manage.py", "shell", "-c", LOG_IN_CHECK)


def test_the_first_run_prints_a_few_lines_ending_with_how_to_log_in(env):
    lines = manage(env, "prepare_local", "--url", "http://127.0.0.1:8000/admin/")
    assert len(lines) == 4, lines
    migrated, demo, account, log_in = lines
    assert migrated.startswith("Database ready: ") and migrated.endswith(" migrations applied.")
    assert re.fullmatch(
        r"Demo content loaded: office contact details in three languages; \d+ documents; "
        r"\d+ partner institutions in \d+ countries; \d+ topics; (\d+) news releases; "
        r"(\d+) programmes with their application windows; (\d+) pages\.",
        demo,
    ).groups() == (
        str(len(list((BASE_DIR / "news/demo/releases").glob("*.toml")))),
        str(len(list((BASE_DIR / "programmes/demo/opportunities").glob("*.toml")))),
        str(len(list((BASE_DIR / "pages/demo/pages").glob("*.toml")))),
    )
    assert account.startswith("Administrator account created: 'admin' with password ")
    assert log_in == (
        "Log in at http://127.0.0.1:8000/admin/. Forgot the password? Run: make password"
    )
    password = account.split("with password ")[1].split()[0]
    can_log_in(env, password)

    # Running again: the same few lines, nothing to migrate, the demo counted the same.
    again = manage(env, "prepare_local", "--url", "http://127.0.0.1:8000/admin/")
    assert again[0] == "Database ready: up to date."
    assert again[1] == demo
    assert again[2] == (
        "Log in at http://127.0.0.1:8000/admin/ as 'admin'. Forgot the password? Run: make password"
    )
    assert password not in "\n".join(again)


def test_the_demo_count_leaves_out_the_staffs_own_releases(env):
    manage(env, "prepare_local")
    manage(
        env, "shell", "-c",
        "from news.models import NewsRelease; NewsRelease.objects.create(title='Ours')",
    )  # fmt: skip
    lines = manage(env, "load_demo")
    files = len(list((BASE_DIR / "news/demo/releases").glob("*.toml")))
    assert f"; {files} news releases;" in lines[-1]


def test_the_printed_reset_command_works_as_printed(env):
    manage(env, "prepare_local")
    lines = run(env, "make", "--no-print-directory", "password")
    assert lines[0].startswith("New password for 'admin': ")
    password = lines[0].split("password ")[-1].split()[0]
    can_log_in(env, password)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served_request_entries(output_lines):
    entries = [json.loads(line) for line in output_lines if line.startswith("{")]
    return [e for e in entries if e["logger"] == "django.server" and e.get("status") == 200]


def test_the_development_server_logs_each_request_with_method_and_path(env):
    manage(env, "migrate", "--noinput", "-v", "0")
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    # The server writes its access line after the reply has gone out, so the test
    # reads the output as it comes and stops the server only once the line is there.
    output_lines = []
    reader = threading.Thread(target=lambda: output_lines.extend(server.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?probe=1", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the development server did not answer within two minutes")
        while time.monotonic() < deadline and not served_request_entries(list(output_lines)):
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=30)
        server.stdout.close()
    [entry] = served_request_entries(output_lines)
    assert entry["method"] == "GET"
    assert entry["path"] == "/healthz"
    assert entry["time"].endswith("+08:00")  # the site's time zone, as in the banner
