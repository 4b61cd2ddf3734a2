"""Uploaded pictures: what is accepted and how it is stored (re-encoded under a random
name, without metadata), and what is refused, and why."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from core import images
from core.images import (
    clean_image,
)

from .sample_images import (
    HTML,
    PDF,
    SVG,
    animated_gif,
    gif_in_sub_blocks_of,
    gif_with_a_frame_at,
    image_bytes,
    jpeg_declaring,
    noisy_image,
    png_claiming,
    upload,
)

RANDOM_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp|gif)$")


def decoded(content_file):
    content_file.seek(0)
    return Image.open(io.BytesIO(content_file.read()))


def refusal(content, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        clean_image(upload(content, name=name))
    return caught.value


# What is accepted, and what is stored


@pytest.mark.parametrize(
    ("image_format", "extension"),
    [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")],
)
def test_each_accepted_format_is_stored_under_a_random_name_with_its_own_extension(
    image_format, extension
):
    cleaned = clean_image(upload(image_bytes(image_format), name="Campus photo.JPG"))

    assert RANDOM_NAME.match(cleaned.name)
    assert cleaned.name.endswith(f".{extension}")
    assert decoded(cleaned).format == image_format
    assert decoded(cleaned).size == (120, 80)


def test_pillow_decides_the_format_not_the_file_name_or_the_browsers_content_type():
    cleaned = clean_image(upload(image_bytes("PNG"), name="photo.jpg", content_type="image/jpeg"))

    assert cleaned.name.endswith(".png")
    assert decoded(cleaned).format == "PNG"


def test_two_uploads_of_the_same_file_get_different_names():
    content = image_bytes("JPEG")

    assert clean_image(upload(content)).name != clean_image(upload(content)).name


def test_bytes_after_the_end_of_the_image_are_not_stored():
    content = image_bytes("PNG") + b"trailing bytes"

    assert b"trailing" not in clean_image(upload(content)).read()


def test_exif_and_comments_are_stripped_from_a_jpeg():
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x9286] = "SecretUserComment"
    content = image_bytes("JPEG", exif=exif.tobytes(), comment=b"SecretJpegComment")
    assert b"SecretCameraMaker" in content

    cleaned = clean_image(upload(content)).read()

    assert b"Secret" not in cleaned
    assert not Image.open(io.BytesIO(cleaned)).getexif()


def test_text_chunks_are_stripped_from_a_png():
    info = PngInfo()
    info.add_text("Author", "SecretAuthorName")
    content = image_bytes("PNG", pnginfo=info)

    cleaned = clean_image(upload(content, name="x.png")).read()

    assert b"SecretAuthorName" not in cleaned


def test_the_exif_orientation_is_applied_before_the_exif_is_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    content = image_bytes("JPEG", size=(40, 20), exif=exif.tobytes())

    assert decoded(clean_image(upload(content))).size == (20, 40)


@pytest.mark.parametrize("image_format", ["GIF", "WEBP", "PNG"])
def test_an_animation_stays_animated_with_the_duration_of_each_frame(image_format):
    frames = [Image.new("RGBA", (30, 20), color) for color in ("red", "green", "blue")]
    content = io.BytesIO()
    frames[0].save(
        content,
        format=image_format,
        save_all=True,
        append_images=frames[1:],
        duration=[80, 160, 240],
    )

    cleaned = decoded(clean_image(upload(content.getvalue(), name="a.gif")))

    assert cleaned.format == image_format
    assert cleaned.n_frames == 3
    assert [frame_duration(cleaned, index) for index in range(3)] == [80, 160, 240]


def frame_duration(image, index):
    image.seek(index)
    image.load()
    return image.info["duration"]


def test_a_png_with_html_appended_is_stored_without_the_html():
    polyglot = image_bytes("PNG") + HTML
    assert Image.open(io.BytesIO(polyglot)).format == "PNG"

    cleaned = clean_image(upload(polyglot, name="x.png")).read()

    assert b"<script>" not in cleaned
    assert b"<html>" not in cleaned


def test_a_jpeg_with_html_in_its_comment_is_stored_without_the_html():
    polyglot = image_bytes("JPEG", comment=HTML)

    cleaned = clean_image(upload(polyglot)).read()

    assert b"<script>" not in cleaned


# What is refused, and why


def test_an_empty_file_is_refused():
    assert refusal(b"").messages == ["The file is empty."]


def test_a_file_over_the_size_limit_is_refused():
    content = image_bytes("PNG") + b"\x00" * images.MAX_UPLOAD_BYTES

    assert refusal(content).messages == ["The file is too large: at most 10.0\xa0MB."]


def test_an_image_over_the_pixel_limit_is_refused():
    content = image_bytes("PNG", size=(6000, 4001), mode="1", color=0)

    assert refusal(content).messages == ["The image is too large: at most 24 megapixels."]


def test_a_decompression_bomb_that_pillow_refuses_outright_is_refused_cleanly():
    content = png_claiming(20_000, 10_000)  # 200 megapixels: DecompressionBombError

    assert refusal(content).code == "too_many_pixels"


@pytest.mark.filterwarnings("default::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_that_pillow_only_warns_about_is_refused_too(monkeypatch):
    # With our own limit out of the way, Pillow's warning (only a warning outside
    # pytest, as this test's filter makes it) is all that stands between this file
    # and a 100-megapixel decode.
    monkeypatch.setattr(images.validation, "MAX_PIXELS", 10**12)
    content = png_claiming(10_000, 10_000)

    assert refusal(content).code == "too_many_pixels"


def test_an_animation_with_too_many_pixels_over_all_its_frames_is_refused(monkeypatch):
    monkeypatch.setattr(images.validation, "MAX_ANIMATION_PIXELS", 20 * 20 * 2)

    assert refusal(animated_gif(), name="a.gif").code == "too_many_pixels"


def test_a_phone_photo_of_50_megapixels_is_decoded_and_stored_at_half_size():
    content = image_bytes("JPEG", size=(8192, 6144), mode="L", color=90)

    assert decoded(clean_image(upload(content))).size == (4096, 3072)


def test_a_jpeg_declaring_more_than_64_megapixels_is_refused_before_decoding():
    content = jpeg_declaring(9000, 8000)

    assert refusal(content).messages == ["The image is too large: at most 64 megapixels."]


def test_a_progressive_jpeg_is_refused_when_its_coefficients_would_not_fit_the_budget():
    # Progressive JPEGs are decoded from a buffer of every coefficient (6 bytes a
    # pixel with full-resolution colour), whatever the scale they are decoded at.
    content = jpeg_declaring(6000, 4000, progressive=True, subsampling=0)

    assert refusal(content).messages == ["The image is too large: at most 16 megapixels."]


def test_an_animation_of_more_than_a_thousand_frames_is_refused():
    content = animated_gif(colors=("red", "blue") * 501, size=(1, 1))

    assert refusal(content, name="a.gif").messages == [
        "The animation has too many frames: at most 1000."
    ]


def test_a_gif_cut_into_one_byte_sub_blocks_is_refused_before_it_is_walked():
    content = gif_in_sub_blocks_of(1, noisy_image("GIF", size=(300, 200)))
    assert Image.open(io.BytesIO(content)).size == (300, 200)

    assert refusal(content, name="a.gif").code == "broken"


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_truncated_image_is_refused(image_format):
    content = noisy_image(image_format)

    truncated = content[: len(content) // 2]

    assert refusal(truncated).messages == ["The image is damaged or incomplete and cannot be read."]


@pytest.mark.parametrize(
    ("content", "name"),
    [(HTML, "page.jpg"), (SVG, "drawing.png"), (PDF, "scan.jpg"), (b"GIF89a" + HTML, "a.gif")],
)
def test_a_document_renamed_as_an_image_is_refused(content, name):
    assert refusal(content, name=name).messages == [
        "The file is not a JPEG, PNG, WebP or GIF image."
    ]


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "ICO", "PPM"])
def test_image_formats_other_than_jpeg_png_webp_and_gif_are_refused(image_format):
    assert refusal(image_bytes(image_format, size=(32, 32))).code == "not_an_image"


def test_an_image_with_a_colour_profile_is_stored_in_srgb_without_the_profile():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    content = image_bytes("JPEG", color=(200, 40, 40), icc_profile=profile)
    assert Image.open(io.BytesIO(content)).info.get("icc_profile")

    cleaned = decoded(clean_image(upload(content)))

    assert "icc_profile" not in cleaned.info
    red, green, blue = cleaned.getpixel((10, 10))
    assert red > 180 and green < 70 and blue < 70


def test_a_gif_whose_frame_lies_outside_its_declared_screen_is_judged_by_the_whole_canvas():
    content = gif_with_a_frame_at(8999, 8999)
    with Image.open(io.BytesIO(content)) as image:
        assert image.size == (10, 10)  # what the header says, and all a first look sees
    error = refusal(content, name="small.gif")
    assert error.code == "too_many_pixels"
