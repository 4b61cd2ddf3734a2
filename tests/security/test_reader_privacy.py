"""What `make serve` writes about a reader: the request, never who made it."""

import time

import pytest

from tests.server import served_by_make_serve
from tests.user_agents import BROWSER

pytestmark = pytest.mark.server

CREATE_RELEASE = """
from news.models import NewsRelease
release = NewsRelease.objects.create(
    title="Privacy", body="<p>Read me.</p>", status="published")
print(release.get_absolute_url())
"""


def test_the_access_log_holds_the_request_but_no_address_or_user_agent(tmp_path):
    agent = BROWSER + " ReaderFingerprint/42.0"
    with served_by_make_serve(tmp_path) as site:
        path = site.shell(CREATE_RELEASE)
        status, _body = site.get(path, user_agent=agent)
        assert status == 200
        time.sleep(0.5)  # the worker writes its log line after the answer
    log = (tmp_path / "serve.log").read_text()
    line = next(line for line in log.splitlines() if f"GET {path} " in line)
    assert '" 200 ' in line
    assert "ReaderFingerprint" not in log
    assert "127.0.0.1 -" not in log
