"""The raster image model field and the renditions made from stored pictures: WebP copies
at the widths pages ask for, made once (when the picture is saved) and then reused."""

import logging
import re
from pathlib import Path

import pytest
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from core.images import (
    RENDITIONS_FOLDER,
    RasterImageField,
    RasterImageFormField,
    Rendition,
    clean_image,
    get_rendition,
)
from news.models import COVER_WIDTHS, NewsRelease

from .sample_images import (
    HTML,
    SVG,
    image_bytes,
    stored_files,
    upload,
)

# The model field


def test_the_model_field_deconstructs_like_an_image_field_so_migrations_stay_quiet():
    _name, path, args, kwargs = RasterImageField(
        "cover image", upload_to="news/covers/%Y/", blank=True
    ).deconstruct()

    assert path == "core.images.RasterImageField"
    assert args == []
    assert kwargs == {"verbose_name": "cover image", "upload_to": "news/covers/%Y/", "blank": True}


def test_the_model_fields_form_field_cleans_uploads():
    form_field = RasterImageField(upload_to="covers/", blank=True).formfield()

    assert isinstance(form_field, RasterImageFormField)
    assert form_field.widget.attrs["accept"] == "image/jpeg,image/png,image/webp,image/gif"
    with pytest.raises(ValidationError, match="not a JPEG, PNG, WebP or GIF"):
        form_field.clean(upload(SVG, name="logo.png"))


class CoverForm(forms.ModelForm):
    class Meta:
        model = NewsRelease
        fields = ["cover"]


@pytest.mark.django_db
def test_an_upload_through_a_model_form_is_stored_reencoded_under_upload_to(settings):
    release = NewsRelease.objects.create(title="Cover test", body="<p>Body</p>")
    form = CoverForm(
        data={}, files={"cover": upload(image_bytes("JPEG"), name="我的照片.jpg")}, instance=release
    )

    assert form.is_valid(), form.errors
    form.save()

    assert re.fullmatch(r"news/covers/\d{4}/[0-9a-f]{32}\.jpg", release.cover.name)
    originals = [name for name in stored_files(settings.MEDIA_ROOT) if "renditions/" not in name]
    assert originals == [release.cover.name]


@pytest.mark.django_db
def test_a_refused_upload_through_a_model_form_stores_nothing(settings):
    release = NewsRelease.objects.create(title="Cover test", body="<p>Body</p>")
    form = CoverForm(data={}, files={"cover": upload(HTML, name="x.jpg")}, instance=release)

    assert not form.is_valid()
    assert form.errors["cover"] == ["The file is not a JPEG, PNG, WebP or GIF image."]
    assert stored_files(settings.MEDIA_ROOT) == []


# Renditions


def original(content, name="news/covers/2026/original.jpg"):
    """A stored image as a template sees it: the field file of an unsaved release."""
    stored_name = default_storage.save(name, ContentFile(content))
    return NewsRelease(cover=stored_name).cover


def test_a_rendition_is_a_webp_of_the_asked_width_keeping_the_aspect_ratio(settings):
    cover = original(image_bytes("JPEG", size=(1200, 800)))

    thumb = get_rendition(cover, 480)

    assert (thumb.width, thumb.height) == (480, 320)
    assert thumb.url == "/media/renditions/news/covers/2026/original.480w.webp"
    with Image.open(
        settings.MEDIA_ROOT / "renditions/news/covers/2026/original.480w.webp"
    ) as image:
        assert image.format == "WEBP"
        assert image.size == (480, 320)


def test_a_rendition_never_enlarges_a_small_image():
    thumb = get_rendition(original(image_bytes("PNG", size=(300, 200))), 480)

    assert (thumb.width, thumb.height) == (300, 200)


def test_a_rendition_follows_the_exif_orientation():
    exif = Image.Exif()
    exif[0x0112] = 6
    cover = original(image_bytes("JPEG", size=(800, 400), exif=exif.tobytes()))

    thumb = get_rendition(cover, 200)

    assert (thumb.width, thumb.height) == (200, 400)


def test_a_rendition_is_made_once_and_then_reused(settings):
    cover = original(image_bytes("JPEG", size=(1200, 800)))
    first = get_rendition(cover, 480)
    path = settings.MEDIA_ROOT / "renditions/news/covers/2026/original.480w.webp"
    made_at = path.stat().st_mtime_ns

    cache.clear()

    assert get_rendition(cover, 480) == first
    assert path.stat().st_mtime_ns == made_at
    assert stored_files(settings.MEDIA_ROOT) == [
        "news/covers/2026/original.jpg",
        "renditions/news/covers/2026/original.480w.webp",
    ]


@pytest.mark.django_db
def test_the_rendition_tag_makes_no_database_queries(django_assert_num_queries):
    cover = original(image_bytes("JPEG", size=(1200, 800)))
    template = Template(
        "{% load images %}{% rendition cover 480 as thumb %}"
        '<img src="{{ thumb.url }}" width="{{ thumb.width }}" height="{{ thumb.height }}">'
    )

    with django_assert_num_queries(0):
        first = template.render(Context({"cover": cover}))
        again = template.render(Context({"cover": cover}))

    expected = (
        '<img src="/media/renditions/news/covers/2026/original.480w.webp" width="480" height="320">'
    )
    assert first == again == expected


def test_a_missing_original_gives_no_rendition_and_a_warning(caplog):
    cover = NewsRelease(cover="news/covers/2026/gone.jpg").cover

    with caplog.at_level(logging.WARNING, logger="core.images"):
        assert get_rendition(cover, 480) is None

    assert "news/covers/2026/gone.jpg" in caplog.text


def test_a_broken_original_gives_no_rendition_and_stores_nothing(settings, caplog):
    cover = original(HTML, name="news/covers/2026/not-an-image.jpg")

    with caplog.at_level(logging.WARNING, logger="core.images"):
        assert get_rendition(cover, 480) is None

    assert stored_files(settings.MEDIA_ROOT) == ["news/covers/2026/not-an-image.jpg"]
    assert "not-an-image.jpg" in caplog.text


def test_an_empty_image_field_gives_no_rendition_quietly(caplog):
    with caplog.at_level(logging.WARNING):
        assert get_rendition(NewsRelease().cover, 480) is None

    assert caplog.records == []


def test_a_rendition_is_usable_as_its_url():
    assert (
        str(Rendition("/media/renditions/a.480w.webp", 480, 320)) == "/media/renditions/a.480w.webp"
    )


@pytest.mark.django_db
def test_a_new_cover_has_its_renditions_before_any_page_asks(client, settings):
    """The staff member who stores a picture waits for its renditions, not the first
    reader of each page that shows it."""
    release = NewsRelease.objects.create(
        title="Covered", body="<p>Text</p>", status=NewsRelease.Status.PUBLISHED
    )
    release.cover = clean_image(upload(image_bytes("JPEG", size=(1600, 900))))
    release.save()
    renditions = Path(settings.MEDIA_ROOT) / RENDITIONS_FOLDER
    made = sorted(path.name.rsplit(".", 2)[1] for path in renditions.rglob("*.webp"))
    assert made == sorted(f"{width}w" for width in COVER_WIDTHS)

    client.get(release.get_absolute_url())
    client.get(reverse("news:list"))
    assert len(list(renditions.rglob("*.webp"))) == len(COVER_WIDTHS)


@pytest.mark.django_db
def test_saving_again_without_a_new_picture_makes_no_rendition(settings):
    release = NewsRelease.objects.create(title="Plain", body="<p>Text</p>")
    release.title = "Plain again"
    release.save()
    assert not (Path(settings.MEDIA_ROOT) / RENDITIONS_FOLDER).exists()


def test_a_jpeg_rendition_for_link_previews_sits_beside_the_webp_one(settings):
    cover = original(image_bytes("JPEG", size=(2400, 1600)))

    card = get_rendition(cover, 1200, "JPEG")

    assert card.url == "/media/renditions/news/covers/2026/original.1200w.jpg"
    with Image.open(
        settings.MEDIA_ROOT / "renditions/news/covers/2026/original.1200w.jpg"
    ) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 800))
    assert get_rendition(cover, 1200).url.endswith(".1200w.webp")


def test_a_transparent_logo_becomes_a_jpeg_on_white_or_stays_transparent_as_png(settings):
    logo = original(image_bytes("PNG", size=(100, 100), mode="RGBA", color=(0, 0, 0, 0)))

    jpeg = get_rendition(logo, 1200, "JPEG")
    png = get_rendition(logo, 1200, "PNG")

    with Image.open(settings.MEDIA_ROOT / jpeg.url.removeprefix("/media/")) as image:
        assert image.format == "JPEG"
        assert image.getpixel((50, 50)) == (255, 255, 255)
    with Image.open(settings.MEDIA_ROOT / png.url.removeprefix("/media/")) as image:
        assert image.format == "PNG"
        assert image.getpixel((50, 50))[3] == 0
