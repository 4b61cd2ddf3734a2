"""deploy/s3-bucket-policy.json, applied by an S3 server (moto's), lets anyone read
media and nobody read documents or pending imports without the site's keys."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.server import free_port
from tests.deploy.test_configs import DEPLOY, tool

pytestmark = pytest.mark.server

KEYS = {"aws_access_key_id": "site", "aws_secret_access_key": "site-secret"}


@pytest.fixture
def s3_server():
    moto = tool("moto_server", Path(sys.executable).with_name("moto_server"))
    port = free_port()
    process = subprocess.Popen(
        [moto, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url, process):
    for _attempt in range(200):
        assert process.poll() is None, "moto_server exited"
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


def anonymous_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_bucket_policy_makes_media_public_and_nothing_else(s3_server):
    import boto3

    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **KEYS)
    s3.create_bucket(Bucket="intloffice")
    for key in ("media/covers/a.webp", "documents/b.pdf", "imports/c.xlsx", "d.txt"):
        s3.put_object(Bucket="intloffice", Key=key, Body=b"x")
    s3.put_bucket_policy(Bucket="intloffice", Policy=(DEPLOY / "s3-bucket-policy.json").read_text())
    bucket = f"{s3_server}/intloffice"

    assert anonymous_status(f"{bucket}/media/covers/a.webp") == 200
    assert anonymous_status(f"{bucket}/documents/b.pdf") == 403
    assert anonymous_status(f"{bucket}/imports/c.xlsx") == 403
    assert anonymous_status(f"{bucket}/d.txt") == 403
    assert json.loads(s3.get_bucket_policy(Bucket="intloffice")["Policy"])["Statement"]
