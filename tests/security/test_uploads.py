"""Hostile uploads through every upload path (the editor's upload view, a news
release's cover image and a partner's logo in the admin): each is refused with a clear
message and leaves no record and no file, or is stored re-encoded under a random name.
Media are never served as HTML or SVG, also by a real gunicorn."""

import re

import pytest
from django.utils import timezone
from PIL import Image

from news.models import NewsRelease
from partners.models import Institution
from tests.conftest import in_default_language, make_staff_user
from tests.core.sample_images import HTML, SVG, image_bytes, upload
from tests.core.sample_images import stored_files as stored
from tests.partners.test_admin import institution_form
from tests.server import running_site

from .hostile_files import HOSTILE_FILES

pytestmark = pytest.mark.django_db

RANDOM_NAME = r"[0-9a-f]{32}\.(png|jpg|webp|gif)"


def assert_stored_safely(media_root, name, folder):
    assert re.fullmatch(folder + RANDOM_NAME, name), name
    path = media_root / name
    content = path.read_bytes()
    assert b"<html" not in content
    assert b"<script" not in content
    with Image.open(path) as image:
        image.verify()
    # Besides the original, only the WebP renditions made from it when it was stored.
    stem = name.rsplit(".", 1)[0]
    files = stored(media_root)
    assert [file for file in files if not file.startswith("renditions/")] == [name]
    assert all(
        re.fullmatch(re.escape(f"renditions/{stem}.") + r"\d+w\.webp", file)
        for file in files
        if file.startswith("renditions/")
    )


@pytest.fixture
def uploader_client(client, django_user_model):
    client.force_login(
        make_staff_user(
            django_user_model, "uploader", "add_newsrelease", "change_newsrelease",
            "view_newsrelease", "add_institution", "change_institution", "view_institution",
        )
    )  # fmt: skip
    return client


def test_there_are_at_least_twelve_hostile_files_of_which_most_are_refused():
    assert len(HOSTILE_FILES) >= 12
    assert sum(1 for file in HOSTILE_FILES if file.refusal) >= 10


@pytest.mark.parametrize("hostile", HOSTILE_FILES, ids=str)
def test_the_editor_upload_view_refuses_or_stores_safely(uploader_client, settings, hostile):
    response = uploader_client.post(
        "/editor/upload-image/", {"upload": upload(hostile.content, hostile.name)}
    )

    if hostile.refusal:
        assert response.status_code == 400
        assert response.json() == {"error": {"message": hostile.refusal}}
        assert stored(settings.MEDIA_ROOT) == []
    else:
        assert response.status_code == 200
        name = response.json()["url"].removeprefix("/media/")
        assert_stored_safely(settings.MEDIA_ROOT, name, r"editor/\d{4}/\d{2}/")


def news_release_form(**overrides):
    return in_default_language(
        {
            "title": "Cover test",
            "slug": "",
            "summary": "",
            "body": "<p>Text</p>",
            "author": "闫倩倩",
            "status": "draft",
            "release_time_0": timezone.localtime().strftime("%Y-%m-%d"),
            "release_time_1": "09:00:00",
            "cover_alt": "A cover",
            **overrides,
        }
    )


@pytest.mark.parametrize("hostile", HOSTILE_FILES, ids=str)
def test_a_news_cover_in_the_admin_is_refused_or_stored_safely(uploader_client, settings, hostile):
    response = uploader_client.post(
        "/admin/news/newsrelease/add/",
        news_release_form(cover=upload(hostile.content, hostile.name)),
    )

    if hostile.refusal_in_forms:
        assert response.status_code == 200
        assert hostile.refusal_in_forms in response.text
        assert NewsRelease.objects.count() == 0
        assert stored(settings.MEDIA_ROOT) == []
    else:
        assert response.status_code == 302
        release = NewsRelease.objects.get()
        assert_stored_safely(settings.MEDIA_ROOT, release.cover.name, r"news/covers/\d{4}/")


@pytest.mark.parametrize("hostile", HOSTILE_FILES, ids=str)
def test_a_partner_logo_in_the_admin_is_refused_or_stored_safely(
    uploader_client, settings, hostile
):
    response = uploader_client.post(
        "/admin/partners/institution/add/",
        institution_form(None, logo=upload(hostile.content, hostile.name)),
    )

    if hostile.refusal_in_forms:
        assert response.status_code == 200
        assert hostile.refusal_in_forms in response.text
        assert Institution.objects.count() == 0
        assert stored(settings.MEDIA_ROOT) == []
    else:
        assert response.status_code == 302, response.context["adminform"].errors
        institution = Institution.objects.get()
        assert_stored_safely(settings.MEDIA_ROOT, institution.logo.name, r"partners/logos/")


def test_a_refused_cover_on_an_existing_release_leaves_it_unchanged(uploader_client, settings):
    uploader_client.post(
        "/admin/news/newsrelease/add/", news_release_form(cover=upload(image_bytes("PNG"), "a.png"))
    )
    release = NewsRelease.objects.get()
    files_before = stored(settings.MEDIA_ROOT)

    response = uploader_client.post(
        f"/admin/news/newsrelease/{release.pk}/change/",
        news_release_form(title="Changed", cover=upload(HTML, "page.jpg")),
    )

    assert response.status_code == 200
    release.refresh_from_db()
    assert release.title == "Cover test"
    assert stored(settings.MEDIA_ROOT) == files_before


@pytest.mark.server
def test_a_real_server_serves_uploaded_files_only_as_images_with_nosniff(tmp_path):
    media = tmp_path / "media" / "editor"
    media.mkdir(parents=True)
    (media / "polyglot.png").write_bytes(image_bytes("PNG") + HTML)
    (media / "page.html").write_bytes(HTML)
    (media / "drawing.svg").write_bytes(SVG)
    (media / "page.png.html").write_bytes(HTML)

    with running_site(tmp_path, workers=1) as site:
        status, headers = head(site, "/media/editor/polyglot.png")
        assert status == 200
        assert headers["Content-Type"] == "image/png"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
        for path in [
            "/media/editor/page.html",
            "/media/editor/drawing.svg",
            "/media/editor/page.png.html",
            "/media/../intloffice/settings.py",
            "/media/editor/%2e%2e/%2e%2e/manage.py",
        ]:
            status, headers = head(site, path)
            assert status in {400, 404}, path
            assert "svg" not in headers.get("Content-Type", ""), path


def head(site, path):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(site.url + path)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)
