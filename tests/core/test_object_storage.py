"""Media, documents and pending imports in a real S3-compatible server (moto), as
several app servers share them: stored under their prefixes, images shown from the
bucket's public address, renditions made once and recorded, documents only through
the permission check."""

import io
import json
import re
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from core.images import renditions
from documents.models import Document
from news.models import NewsRelease
from partners.models import Institution
from tests.documents import samples
from tests.documents.conftest import upload_form
from tests.news.test_admin import form_data
from tests.partners import test_spreadsheets as spreadsheets
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db

NEWS_ADD = "/admin/news/newsrelease/add/"
DOCUMENT_ADD = "/admin/documents/document/add/"


def jpeg_upload(name="cover.jpg", size=(1200, 800)):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def keys(s3_server, bucket):
    listing = s3_server.client().list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@contextmanager
def s3_calls(storage):
    """The S3 API operations `storage` sends meanwhile, by name (botocore's events on
    the storage's own client: every request it makes, whatever asks for it)."""
    calls = []
    events = storage.connection.meta.client.meta.events

    def record(model, **kwargs):
        calls.append(model.name)

    events.register("before-call.s3", record)
    try:
        yield calls
    finally:
        events.unregister("before-call.s3", record)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def published_release_with_cover(admin_client):
    data = form_data(status="published", title="Cover in the bucket", cover_alt="A teal square")
    response = admin_client.post(NEWS_ADD, {**data, "cover": jpeg_upload()})
    assert response.status_code == 302, response.content[:2000]
    return NewsRelease.objects.get()


def test_an_uploaded_cover_is_stored_in_the_bucket_and_shown_from_its_public_address(
    admin_client, client, s3_server, bucket, office
):
    release = published_release_with_cover(admin_client)
    stored = keys(s3_server, bucket)
    assert f"media/{release.cover.name}" in stored
    made = [key for key in stored if key.startswith("media/renditions/")]
    assert made, stored  # made when the cover was saved

    page = client.get(release.get_absolute_url()).text
    origin = f"{s3_server.endpoint}/{bucket}/media/"
    sources = re.findall(r'(?:src|srcset)="([^"]+)"', page)
    addresses = [part.split()[0] for each in sources for part in each.split(", ")]
    images = [address for address in addresses if "/renditions/" in address]
    assert images and all(address.startswith(origin) for address in images), addresses
    status, body = fetch(images[0])
    assert status == 200
    assert Image.open(io.BytesIO(body)).format == "WEBP"
    # Made once: seen again (not from the page cache), the page adds nothing.
    stored = keys(s3_server, bucket)
    caches["pages"].clear()
    assert client.get(release.get_absolute_url()).text.count("/renditions/") > 0
    assert keys(s3_server, bucket) == stored


def test_a_page_view_asks_the_storage_nothing_about_recorded_renditions(
    admin_client, client, s3_server, bucket, office
):
    release = published_release_with_cover(admin_client)
    client.get(release.get_absolute_url())
    # Another process: nothing in its memory, the shared cache kept; no page cached.
    renditions.recorded_here.clear()
    caches["pages"].clear()
    with s3_calls(default_storage) as calls:
        page = client.get(release.get_absolute_url()).text
    assert "/renditions/" in page
    assert calls == []
    # The shared cache emptied too: the renditions are found in the bucket, not made again.
    renditions.recorded_here.clear()
    caches["pages"].clear()
    caches["default"].clear()
    with s3_calls(default_storage) as calls:
        page = client.get(release.get_absolute_url()).text
    assert "/renditions/" in page
    assert calls and "PutObject" not in calls, calls


@pytest.mark.server
def test_a_site_configured_for_the_bucket_allows_its_images_in_the_policy_header(
    tmp_path, s3_server
):
    from tests.objectstorage import bucket_environment
    from tests.server import running_site

    environment = bucket_environment(s3_server.endpoint, s3_server.new_bucket())
    with running_site(tmp_path, workers=1, extra_env=environment) as site:
        request = urllib.request.Request(site.url + "/", headers={"User-Agent": BROWSER})
        with urllib.request.urlopen(request, timeout=30) as response:
            policy = response.headers["Content-Security-Policy"]
        status, health = site.get("/healthz")
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert img_src.split() == ["img-src", "'self'", s3_server.endpoint]
    assert (status, json.loads(health)["storage"]) == (200, "ok")


def test_a_staff_document_is_in_the_bucket_and_only_downloaded_through_the_check(
    admin_client, client, s3_server, bucket
):
    pdf = samples.valid_pdf()
    form = upload_form(samples.upload("report.pdf", pdf), visibility="staff")
    assert admin_client.post(DOCUMENT_ADD, form).status_code == 302
    document = Document.objects.get()
    assert f"documents/{document.file.name}" in keys(s3_server, bucket)

    response = admin_client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    assert client.get(document.get_absolute_url()).status_code == 404

    # No page staff see names the bucket's address of the file.
    change = admin_client.get(f"/admin/documents/document/{document.pk}/change/").text
    assert document.file.name not in change
    assert s3_server.endpoint not in change


def test_the_bucket_policy_refuses_an_anonymous_read_of_a_document(s3_server, bucket):
    # The test bucket has the policy the README gives (public read of media/ only),
    # which the S3 server enforces: a document's bucket address answers no one.
    s3_server.client().put_object(Bucket=bucket, Key="documents/x.pdf", Body=b"%PDF")
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{s3_server.endpoint}/{bucket}/documents/x.pdf")
    refused.value.close()
    assert refused.value.code == 403


def test_a_spreadsheet_previewed_on_one_server_is_confirmed_on_another(
    partner_manager, s3_server, bucket
):
    first, second = Client(), Client()
    first.force_login(partner_manager)
    second.force_login(partner_manager)
    shown = spreadsheets.preview(first, "institution", spreadsheets.csv_file([spreadsheets.WARSAW]))
    assert shown.status_code == 200
    assert any(key.startswith("imports/") for key in keys(s3_server, bucket))
    assert spreadsheets.confirm(second, "institution", shown).status_code == 302
    assert Institution.objects.get().slug == "university-of-warsaw"
