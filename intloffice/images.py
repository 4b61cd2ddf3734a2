"""Uploaded images: validation, re-encoding, and resized renditions for pages.

Every upload path (model forms, the admin, the editor's upload view) goes through
`clean_image()`: Pillow decides the format (never the file name or the browser's
content type), size and pixel limits stop decompression bombs, and what is stored is
a fresh encoding under a random name, so no metadata, trailing HTML or original file
name survives. Pages show `get_rendition()` copies, never the original upload, and rich-text
bodies show `body_image()` copies made when the editor uploads.
"""

import hashlib
import io
import logging
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, ImageSequence

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# An animation decodes every frame: a small GIF of many large frames is a bomb too.
MAX_ANIMATION_PIXELS = 4 * MAX_PIXELS

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
ACCEPTED_FORMATS = tuple(EXTENSIONS)
SAVE_OPTIONS = {"JPEG": {"quality": 85}, "WEBP": {"quality": 85}, "PNG": {}, "GIF": {}}
# Only what rendering needs is kept: palette transparency and animation timing.
KEPT_INFO = ("transparency", "duration", "loop")

RENDITIONS_FOLDER = "renditions"
RENDITION_QUALITY = 80
RENDITION_CACHE_SECONDS = 24 * 60 * 60

MESSAGES = {
    "empty": _("The file is empty."),
    "too_large": _("The file is too large: at most %(limit)s."),
    "not_an_image": _("The file is not a JPEG, PNG, WebP or GIF image."),
    "too_many_pixels": _("The image is too large: at most %(megapixels)s megapixels."),
    "broken": _("The image is damaged or incomplete and cannot be read."),
}


def clean_image(uploaded_file):
    """Return a re-encoded copy of `uploaded_file` under a random name.

    Raise ValidationError when it is empty, too large, not a JPEG, PNG, WebP or GIF,
    has too many pixels, or cannot be decoded completely.
    """
    check_file_size(uploaded_file)
    with open_raster_image(uploaded_file) as image:
        image_format = image.format
        content = reencode(image)
    return ContentFile(content, name=f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}")


def body_image(image_file, width):
    """The copy of a cleaned image (`clean_image()`) that a rich-text body shows: WebP,
    at most `width` pixels wide, under a random name. Animations are kept as they are
    (a WebP still of the first frame would lose them)."""
    with open_raster_image(image_file) as image:
        if getattr(image, "is_animated", False):
            return image_file
        resized = resize_to_width(image, width)
    output = io.BytesIO()
    resized.save(output, format="WEBP", quality=RENDITION_QUALITY)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.webp")


def check_file_size(uploaded_file):
    if not uploaded_file.size:
        raise ValidationError(MESSAGES["empty"], code="empty")
    if uploaded_file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            MESSAGES["too_large"],
            code="too_large",
            params={"limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )


@contextmanager
def open_raster_image(file):
    """Open `file` with Pillow, refusing other formats and too many pixels.

    Decoding errors raised inside the block (a truncated file) become a
    ValidationError too. Pillow's bomb warning is an error here, as it is under
    pytest, so that production and tests refuse the same files.
    """
    file.seek(0)
    try:
        with (
            warnings.catch_warnings(action="error", category=Image.DecompressionBombWarning),
            Image.open(file, formats=ACCEPTED_FORMATS) as image,
        ):
            check_pixels(image)
            yield image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels() from error
    except Image.UnidentifiedImageError as error:
        raise ValidationError(MESSAGES["not_an_image"], code="not_an_image") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(MESSAGES["broken"], code="broken") from error


def check_pixels(image):
    if image.width * image.height > MAX_PIXELS:
        raise too_many_pixels()


def too_many_pixels():
    return ValidationError(
        MESSAGES["too_many_pixels"],
        code="too_many_pixels",
        params={"megapixels": MAX_PIXELS // 1_000_000},
    )


def reencode(image):
    output = io.BytesIO()
    options = {"format": image.format, **SAVE_OPTIONS[image.format]}
    if getattr(image, "is_animated", False):
        frames = animation_frames(image)
        frames[0].save(
            output,
            save_all=True,
            append_images=frames[1:],
            duration=[frame.info.get("duration", 100) for frame in frames],
            **({"loop": image.info["loop"]} if "loop" in image.info else {}),
            **options,
        )
    else:
        still = in_srgb(ImageOps.exif_transpose(image))
        without_metadata(still, mode=mode_for(image.format, still.mode)).save(output, **options)
    return output.getvalue()


def animation_frames(image):
    """Every frame, counted as it is decoded: GIF's frame count is only known by
    decoding them all, and a few kilobytes can hold thousands of large frames."""
    frames = []
    for frame in ImageSequence.Iterator(image):
        frames.append(without_metadata(frame))
        if len(frames) * image.width * image.height > MAX_ANIMATION_PIXELS:
            raise too_many_pixels()
    return frames


def without_metadata(frame, mode=None):
    """A copy of the pixels without EXIF, XMP, ICC, comments or text chunks."""
    clean = frame.convert(mode) if mode and mode != frame.mode else frame.copy()
    clean.info = {key: frame.info[key] for key in KEPT_INFO if key in frame.info}
    return clean


def mode_for(image_format, mode):
    if image_format == "JPEG" and mode not in {"L", "RGB"}:
        return "RGB"
    if image_format == "WEBP" and mode not in {"RGB", "RGBA"}:
        return "RGBA"
    return mode


def in_srgb(image):
    """Convert a photo with a colour profile (Display P3, Adobe RGB) to sRGB.

    The profile is dropped with the other metadata; converting first keeps the
    colours right in browsers, which assume sRGB.
    """
    icc_profile = image.info.get("icc_profile")
    if not icc_profile or image.mode not in {"RGB", "RGBA", "CMYK"}:
        return image
    try:
        converted = ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted


class RasterImageFormField(forms.ImageField):
    """An image upload checked and re-encoded by `clean_image()`."""

    def to_python(self, data):
        # FileField's checks (empty, name length) only: clean_image() does the
        # image checks, stricter than forms.ImageField's shallow verify().
        uploaded_file = forms.FileField.to_python(self, data)
        if uploaded_file is None:
            return None
        return clean_image(uploaded_file)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ",".join(CONTENT_TYPES.values())
        return attrs


class RasterImageField(models.ImageField):
    """An ImageField whose form field validates and re-encodes uploads.

    The stored name is random (upload_to decides the folder): two uploads of
    "photo.jpg" never overwrite or reveal each other.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RasterImageFormField, **kwargs})


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int

    def __str__(self):
        return self.url


def get_rendition(fieldfile, width):
    """A WebP copy of `fieldfile` at most `width` pixels wide, made on first use.

    Return None (and log a warning) when the original is missing or unreadable,
    so that a lost file never breaks a page. Uses the cache and storage only, no
    database query.
    """
    if not fieldfile or not fieldfile.name:
        return None
    width = int(width)
    name = rendition_name(fieldfile.name, width)
    # Hashed: file names may be longer or hold characters that cache keys may not.
    cache_key = f"rendition:{hashlib.sha256(name.encode()).hexdigest()}"
    if cached := cache.get(cache_key):
        return Rendition(*cached)
    try:
        size = rendition_size(name) or make_rendition(fieldfile, width, name)
    except (OSError, ValidationError) as error:
        logger.warning("No rendition of %s at width %s: %s", fieldfile.name, width, error)
        return None
    rendition = Rendition(default_storage.url(name), *size)
    cache.set(cache_key, astuple(rendition), RENDITION_CACHE_SECONDS)
    return rendition


def rendition_name(original_name, width):
    stem = PurePosixPath(original_name).with_suffix("")
    return f"{RENDITIONS_FOLDER}/{stem}.{width}w.webp"


def rendition_size(name):
    """The (width, height) of an existing rendition, or None if there is none yet."""
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as file, Image.open(file, formats=["WEBP"]) as image:
        return image.size


def make_rendition(fieldfile, width, name):
    with (
        fieldfile.storage.open(fieldfile.name, "rb") as original,
        open_raster_image(original) as image,
    ):
        # JPEG decodes at 1/2, 1/4 or 1/8 scale if that still covers `width`
        # (square: the EXIF orientation may turn the image afterwards).
        image.draft("RGB", (width, width))
        still = in_srgb(ImageOps.exif_transpose(image))
        resized = resize_to_width(still, width)
    output = io.BytesIO()
    resized.save(output, format="WEBP", quality=RENDITION_QUALITY)
    saved_name = default_storage.save(name, ContentFile(output.getvalue()))
    if saved_name != name:
        # Another process made the same rendition meanwhile: keep one copy.
        default_storage.delete(saved_name)
    return resized.size


def resize_to_width(image, width):
    """`image` scaled to `width`, keeping its aspect ratio; never enlarged."""
    mode = "RGBA" if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info else "RGB"
    image = image.convert(mode)
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)
