"""One cluster for the whole session (scripts/cluster.py): PostgreSQL, Redis, moto's S3
server, two gunicorn nodes and haproxy. Without the engines the tests are skipped with
one line, and fail under CI=true, where .ci/run installs them."""

import os

import pytest

from scripts.cluster import Cluster, missing_engines

from .browsing import Staff

# Long enough that a page cached by one node is still what the other serves when the
# test looks; a staff edit still shows at once.
PUBLIC_PAGE_SECONDS = 30
LOGIN_FAILURE_LIMIT = 3


@pytest.fixture(scope="session")
def cluster():
    if missing := missing_engines():
        message = "cluster tests need " + ", ".join(missing)
        if os.environ.get("CI") in ("true", "1"):
            pytest.fail(message + " (CI=true)", pytrace=False)
        pytest.skip(message)
    with Cluster(
        nodes=2,
        extra_env={
            "DJANGO_PUBLIC_PAGE_SECONDS": str(PUBLIC_PAGE_SECONDS),
            "DJANGO_LOGIN_FAILURE_LIMIT": str(LOGIN_FAILURE_LIMIT),
        },
    ) as started:
        yield started


@pytest.fixture(scope="session")
def node_a(cluster):
    return cluster.node_urls[0]


@pytest.fixture(scope="session")
def node_b(cluster):
    return cluster.node_urls[1]


@pytest.fixture
def staff_on_a(cluster, node_a):
    staff = Staff(node_a)
    response = staff.log_in("admin", cluster.admin_password)
    assert response.url.endswith("/admin/"), "the administrator could not log in"
    return staff
