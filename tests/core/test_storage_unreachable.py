"""Object storage that does not answer: public pages still render (without their
images), and uploads answer a clear message and save nothing half-way."""

import io
import json

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse

from core.images import renditions
from core.library.models import LibraryImage
from documents.models import Document
from news.models import NewsRelease
from pages.models import Page
from partners.models import Institution
from tests.core.test_object_storage import DOCUMENT_ADD, NEWS_ADD, jpeg_upload
from tests.documents import samples
from tests.documents.conftest import upload_form
from tests.news.test_admin import form_data
from tests.objectstorage import close_storage_connections, free_port, use_bucket
from tests.public_pages import LANGUAGE_PREFIXES, public_pages

pytestmark = pytest.mark.django_db

MESSAGE = "The file storage cannot be reached just now, so nothing was saved."


@pytest.fixture
def unreachable_storage(settings, monkeypatch):
    """Media, documents and imports in a bucket of a server that is not there (a port
    nothing listens on), whose records no cache or process memory holds."""
    use_bucket(settings, monkeypatch, f"http://127.0.0.1:{free_port()}", "gone")
    renditions.recorded_here.clear()
    for cache in caches.all():
        cache.clear()
    yield
    close_storage_connections()


@pytest.fixture
def demo_site(db):
    """The demo site, its images stored while the storage answered."""
    call_command("load_demo", stdout=io.StringIO())
    assert NewsRelease.objects.exclude(cover="").exists()
    assert Institution.objects.exclude(logo="").exists()


def test_every_public_page_renders_without_its_images(client, demo_site, unreachable_storage):
    def get(path):
        response = client.get(path)
        return response.status_code, response.content.decode()

    for language, prefix in LANGUAGE_PREFIXES.items():
        pages = public_pages(get, language)
        pages.update({
            "feed": f"{prefix}news/feed/",
            "deadlines": f"{prefix}programmes/deadlines.ics",
        })  # fmt: skip
        for name, path in pages.items():
            status, html = get(path)
            assert status == (404 if name == "not-found" else 200), (language, name, path)
            assert "/renditions/" not in html, (language, name)
    assert client.get("/sitemap.xml").status_code == 200
    for document in Document.objects.public():
        # Its size comes from the database; only the download needs the storage.
        assert client.get(document.get_absolute_url()).status_code == 503


def admin_refuses(response):
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()


def test_a_news_release_with_a_cover_is_not_saved_and_its_form_comes_back(
    admin_client, unreachable_storage
):
    data = form_data(status="published", title="Cover lost in transit", cover_alt="A square")
    response = admin_client.post(NEWS_ADD, {**data, "cover": jpeg_upload()})
    admin_refuses(response)
    assert 'value="Cover lost in transit"' in response.content.decode()  # entries kept
    assert not NewsRelease.objects.exists()


def test_a_partner_logo_is_not_saved_and_neither_is_the_partner(
    partner_manager_client, unreachable_storage
):
    from tests.partners.test_admin import ADD, institution_form, png_file

    response = partner_manager_client.post(ADD, institution_form({}, logo=png_file()))
    admin_refuses(response)
    assert not Institution.objects.exists()


def test_a_page_cover_is_not_saved(admin_client, unreachable_storage):
    from tests.pages.test_admin import ADD, form_data

    before = Page.objects.count()
    response = admin_client.post(ADD, {**form_data(), "cover": jpeg_upload()})
    admin_refuses(response)
    assert Page.objects.count() == before


def test_a_document_is_not_saved(admin_client, unreachable_storage):
    form = upload_form(samples.upload("report.pdf", samples.valid_pdf()))
    admin_refuses(admin_client.post(DOCUMENT_ADD, form))
    assert not Document.objects.exists()


def test_the_editor_upload_answers_the_message_as_json_and_adds_nothing_to_the_library(
    admin_client, unreachable_storage
):
    response = admin_client.post(
        reverse("editor_upload_image"), {"upload": jpeg_upload(), "alt": "A"}
    )
    assert response.status_code == 503
    assert json.loads(response.content)["error"]["message"].startswith(MESSAGE)
    assert not LibraryImage.objects.exists()


def test_a_spreadsheet_upload_answers_the_message(partner_manager_client, unreachable_storage):
    from tests.partners import test_spreadsheets as spreadsheets

    shown = spreadsheets.preview(
        partner_manager_client, "institution", spreadsheets.csv_file([spreadsheets.WARSAW])
    )
    admin_refuses(shown)
    assert not Institution.objects.filter(Q(slug="university-of-warsaw")).exists()
