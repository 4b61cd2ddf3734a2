"""Real engines for tests, each on a free port of its own: an S3-compatible server
(moto in server mode) and Debian's redis-server.

Missing binaries skip the tests that need them with a line saying so, and fail them
under CI=true, where every engine must be installed.
"""

import gc
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
import warnings
from contextlib import suppress
from pathlib import Path

import boto3
import pytest

CI = os.environ.get("CI") in {"true", "1"}
MOTO_SERVER = Path(sys.executable).parent / "moto_server"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
KEYS = {"DJANGO_S3_ACCESS_KEY_ID": "testing", "DJANGO_S3_SECRET_ACCESS_KEY": "testing"}


def require(binary, what):
    if not Path(binary).exists():
        message = f"{what} not found at {binary}: install it to run these tests"
        if CI:
            pytest.fail(f"{message} (CI=true: they must run)")
        pytest.skip(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on port {port}")


class Server:
    """A server process on a free port; stop() and start() again keep the port."""

    what = "server"

    def __init__(self):
        self.port = free_port()
        self.process = None

    def command(self):
        raise NotImplementedError

    def start(self):
        self.process = subprocess.Popen(
            self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_port(self.port, self.process, self.what)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def running(self):
        return self.process is not None


class S3Server(Server):
    what = "moto_server"

    def __init__(self):
        super().__init__()
        self._client = None

    def command(self):
        return [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(self.port)]

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def client(self):
        """One client for the tests' own requests, closed with the server."""
        if self._client is None:
            self._client = self.new_client()
        return self._client

    def stop(self):
        if self._client is not None:
            self._client.close()
            self._client = None
        super().stop()

    def new_client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def new_bucket(self):
        """A new bucket whose policy lets anyone read media/ alone, as in production."""
        bucket = f"test-{uuid.uuid4().hex[:12]}"
        client = self.client()
        client.create_bucket(Bucket=bucket)
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_media_policy(bucket)))
        return bucket


def public_media_policy(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/media/*",
            }
        ],
    }


class RedisServer(Server):
    """Stopped, it saves its data, and started again it has them back: the harder
    case for the site, whose entries from before an outage are still there."""

    what = "redis-server"

    def __init__(self, folder):
        super().__init__()
        self.folder = folder

    def command(self):
        return [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.folder), "--save", "", "--appendonly", "no"]  # fmt: skip

    def stop(self):
        if self.process is not None:
            import redis

            # The server closes the connection as it goes.
            with redis.Redis.from_url(self.url) as client, suppress(redis.ConnectionError):
                client.shutdown(save=True)
            self.process.wait(timeout=10)
            self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


def bucket_environment(endpoint, bucket):
    """The environment variables that put the site's files in `bucket`."""
    return {"DJANGO_S3_BUCKET": bucket, "DJANGO_S3_ENDPOINT_URL": endpoint,
            "DJANGO_S3_REGION": "us-east-1", "DJANGO_S3_ADDRESSING_STYLE": "path",
            "DJANGO_S3_TIMEOUT": "1", **KEYS}  # fmt: skip


def use_bucket(settings, monkeypatch, endpoint, bucket):
    """Settings with media, documents and pending imports in `bucket`, built from the
    environment variables as intloffice/settings.py builds them."""
    from intloffice.env import env_object_storage, object_storages

    for name, value in bucket_environment(endpoint, bucket).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DJANGO_S3_PUBLIC_URL", raising=False)
    storages, media_url = object_storages(env_object_storage("DJANGO_S3"), "DJANGO_S3_PUBLIC_URL")
    settings.STORAGES = {**settings.STORAGES, **storages}
    settings.MEDIA_URL = media_url


def close_storage_connections():
    """Close the connections the site's S3 storages opened in this thread: settings
    changed by the next test make new storages, and an unclosed socket is a warning."""
    from django.core.files.storage import storages

    for alias in ("default", "documents", "import_export"):
        connections = getattr(storages[alias], "_connections", None)
        connection = getattr(connections, "connection", None)
        if connection is not None:
            connection.meta.client.close()
    # Reading a stored file leaves botocore's response streams to the collector; their
    # sockets (already closed by the pool) would warn in whichever test runs next.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
