import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .sample_images import HTML, SVG, image_bytes

pytestmark = pytest.mark.django_db


def store(name, content):
    return default_storage.save(name, ContentFile(content))


def body(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("editor/2026/05/a.png", "image/png"),
        ("editor/2026/05/b.jpg", "image/jpeg"),
        ("editor/2026/05/c.JPEG", "image/jpeg"),
        ("renditions/news/d.480w.webp", "image/webp"),
        ("news/covers/2026/e.gif", "image/gif"),
    ],
)
def test_an_uploaded_image_is_served_with_its_type_nosniff_and_a_long_cache(
    client, name, content_type
):
    content = image_bytes("PNG")
    store(name, content)

    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body(response) == content


def test_a_file_named_as_an_image_is_still_served_as_an_image_whatever_it_holds(client):
    store("editor/2026/05/polyglot.png", HTML)

    response = client.get("/media/editor/2026/05/polyglot.png")
    response.close()

    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("editor/page.html", HTML),
        ("editor/drawing.svg", SVG),
        ("editor/script.js", b"alert(1)"),
        ("editor/no-extension", b"x"),
        ("editor/archive.png.gz", b"x"),
    ],
)
def test_files_other_than_images_are_not_served(client, name, content):
    store(name, content)

    assert client.get(f"/media/{name}").status_code == 404


def test_a_missing_image_is_a_404(client):
    assert client.get("/media/editor/2026/05/missing.png").status_code == 404


def test_a_directory_named_like_an_image_is_a_404(client):
    store("editor/folder.png/inside.png", image_bytes("PNG"))

    assert client.get("/media/editor/folder.png").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.png",
        "/media/..%2Fsecret.png",
        "/media/%2e%2e/secret.png",
        "/media//etc/x.png",
    ],
)
def test_a_path_leaving_the_media_folder_is_a_404(client, settings, path):
    (settings.MEDIA_ROOT.parent / "secret.png").write_bytes(image_bytes("PNG"))
    settings.MEDIA_ROOT.mkdir(exist_ok=True)

    assert client.get(path).status_code == 404
