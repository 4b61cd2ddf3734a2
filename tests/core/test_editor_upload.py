import re

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from core import images
from tests.conftest import make_staff_user

from .sample_images import HTML, SVG, animated_gif, image_bytes, noisy_image, png_claiming, upload
from .sample_images import stored_files as stored

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/editor/upload-image/"


@pytest.fixture
def release_changer(django_user_model):
    """A staff member whose one permission is to change news releases."""
    return make_staff_user(django_user_model, "news-editor", "change_newsrelease")


@pytest.fixture
def release_changer_client(client, release_changer):
    client.force_login(release_changer)
    return client


def post_image(client, content, name="photo.png", field="upload"):
    return client.post(UPLOAD_URL, {field: upload(content, name=name)})


def error_message(response):
    return response.json()["error"]["message"]


def test_the_upload_view_is_mounted_under_its_url_name():
    assert reverse("editor_upload_image") == UPLOAD_URL


# Who may upload


def test_a_news_editor_uploads_an_image_and_gets_its_url(release_changer_client, settings):
    response = post_image(release_changer_client, image_bytes("PNG"), name="Campus day.png")

    assert response.status_code == 200
    url = response.json()["url"]
    assert re.fullmatch(r"/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.webp", url)
    assert stored(settings.MEDIA_ROOT) == [url.removeprefix("/media/")]
    with Image.open(settings.MEDIA_ROOT / url.removeprefix("/media/")) as image:
        assert image.format == "WEBP"
        assert image.size == (120, 80)  # never enlarged


def test_a_staff_member_allowed_only_to_add_news_may_upload_too(client, django_user_model):
    client.force_login(make_staff_user(django_user_model, "writer", "add_newsrelease"))

    assert post_image(client, image_bytes("JPEG")).status_code == 200


def test_an_anonymous_visitor_gets_a_json_403_not_a_login_redirect(client, settings):
    response = post_image(client, image_bytes("PNG"))

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert error_message(response) == "You are not allowed to upload images."
    assert stored(settings.MEDIA_ROOT) == []


def test_a_staff_member_without_news_permissions_gets_403(staff_client, settings):
    response = post_image(staff_client, image_bytes("PNG"))

    assert response.status_code == 403
    assert error_message(response) == "You are not allowed to upload images."
    assert stored(settings.MEDIA_ROOT) == []


def test_a_user_with_the_permission_but_no_staff_status_gets_403(client, django_user_model):
    user = make_staff_user(django_user_model, "former-staff", "change_newsrelease")
    user.is_staff = False
    user.save()
    client.force_login(user)

    assert post_image(client, image_bytes("PNG")).status_code == 403


def test_only_post_is_allowed(release_changer_client):
    assert release_changer_client.get(UPLOAD_URL).status_code == 405


def test_an_upload_without_the_csrf_token_is_refused(release_changer, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(release_changer)

    response = post_image(client, image_bytes("PNG"))

    assert response.status_code == 403
    assert stored(settings.MEDIA_ROOT) == []


def test_an_upload_with_the_csrf_token_in_the_header_is_accepted(release_changer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(release_changer)
    client.get(reverse("admin:index"))  # sets the CSRF cookie, as the admin page does

    response = client.post(
        UPLOAD_URL,
        {"upload": upload(image_bytes("PNG"))},
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )

    assert response.status_code == 200


# What is refused, with a JSON message and nothing stored


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.png", "The file is empty."),
        (HTML, "page.jpg", "The file is not a JPEG, PNG, WebP or GIF image."),
        (SVG, "drawing.png", "The file is not a JPEG, PNG, WebP or GIF image."),
        (
            noisy_image("JPEG")[:5000],
            "cut.jpg",
            "The image is damaged or incomplete and cannot be read.",
        ),
        (
            png_claiming(20_000, 10_000),
            "bomb.png",
            "The image is too large: at most 24 megapixels.",
        ),
        (
            png_claiming(10_000, 10_000),
            "bomb.png",
            "The image is too large: at most 24 megapixels.",
        ),
    ],
    ids=["empty", "html", "svg", "truncated", "bomb", "bomb-below-pillows-error"],
)
def test_a_refused_file_gets_a_json_error_and_nothing_is_stored(
    release_changer_client, settings, content, name, message
):
    response = post_image(release_changer_client, content, name=name)

    assert response.status_code == 400
    assert error_message(response) == message
    assert stored(settings.MEDIA_ROOT) == []


def test_an_upload_without_the_upload_field_gets_a_json_error(release_changer_client, settings):
    response = post_image(release_changer_client, image_bytes("PNG"), field="file")

    assert response.status_code == 400
    assert error_message(response) == "No file was sent."
    assert stored(settings.MEDIA_ROOT) == []


def test_a_file_over_the_size_limit_is_refused(release_changer_client, settings):
    content = image_bytes("PNG") + b"\x00" * images.MAX_UPLOAD_BYTES

    response = post_image(release_changer_client, content)

    assert response.status_code == 400
    assert error_message(response) == "The file is too large: at most 10.0\xa0MB."
    assert stored(settings.MEDIA_ROOT) == []


def test_a_request_far_over_the_size_limit_gets_413_payload_too_large(release_changer_client):
    content = image_bytes("PNG") + b"\x00" * (images.MAX_UPLOAD_BYTES + 100_000)

    response = post_image(release_changer_client, content)

    assert response.status_code == 413
    assert error_message(response) == "The file is too large."


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_large_photo_is_stored_as_a_webp_the_width_of_two_text_columns(
    release_changer_client, settings, image_format
):
    response = post_image(release_changer_client, image_bytes(image_format, size=(4000, 3000)))

    url = response.json()["url"]
    assert stored(settings.MEDIA_ROOT) == [url.removeprefix("/media/")]
    with Image.open(settings.MEDIA_ROOT / url.removeprefix("/media/")) as image:
        assert image.format == "WEBP"
        assert image.size == (1600, 1200)


def test_an_animated_gif_is_stored_animated(release_changer_client, settings):
    response = post_image(release_changer_client, animated_gif(), name="wave.gif")

    with Image.open(settings.MEDIA_ROOT / response.json()["url"].removeprefix("/media/")) as gif:
        assert gif.n_frames == 3
