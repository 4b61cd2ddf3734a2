"""Resized copies of uploaded images, which pages show instead of the original: WebP
for pages, JPEG or PNG for link previews (their crawlers do not all read WebP)."""

import hashlib
import io
import logging
import threading
from dataclasses import astuple, dataclass
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from PIL import Image

from ..storage import STORAGE_ERRORS
from .encoding import RENDITION_QUALITY, upright_at_width
from .validation import open_raster_image

logger = logging.getLogger(__name__)

RENDITIONS_FOLDER = "renditions"
# A rendition, once made, is recorded: its address and size, under its name, in the
# shared "default" cache with no expiry (which nothing evicts: core/pagecache.py) and in
# this process's memory, so that a page view never asks the storage whether it
# exists, even while the cache is away. A stored upload is never changed (a new one
# gets a new random name), so a record never goes stale, and the content version
# plays no part in its key: an edit does not send pages back to the storage.
MEMORY_RECORDS = 4096
recorded_here = {}
recorded_here_lock = threading.Lock()

# Format -> (file extension, save options).
RENDITION_FORMATS = {
    "WEBP": ("webp", {"quality": RENDITION_QUALITY}),
    "JPEG": ("jpg", {"quality": 85, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
}


def make_renditions(fieldfile, widths):
    """Make (and record in the cache) the renditions pages will ask for."""
    for width in widths:
        get_rendition(fieldfile, width)


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int

    def __str__(self):
        return self.url


def get_rendition(fieldfile, width, image_format="WEBP"):
    """A copy of `fieldfile` at most `width` pixels wide in `image_format` (WEBP, JPEG
    or PNG), made on first use and recorded.

    Return None (and log a warning) when the original is missing or unreadable, or
    the storage does not answer, so that a lost file or an unreachable store never
    breaks a page. Uses the records, and the storage only to make a rendition, no
    database query.
    """
    if not fieldfile or not fieldfile.name:
        return None
    width = int(width)
    image_format = image_format.upper()
    name = rendition_name(fieldfile.name, width, image_format)
    if rendition := recorded_rendition(name):
        return rendition
    try:
        size = rendition_size(name, image_format) or make_rendition(
            fieldfile, width, name, image_format
        )
    except (*STORAGE_ERRORS, ValidationError) as error:
        logger.warning("No rendition of %s at width %s: %s", fieldfile.name, width, error)
        return None
    rendition = Rendition(default_storage.url(name), *size)
    record_rendition(name, rendition)
    return rendition


def record_key(name):
    # Hashed: file names may be longer or hold characters that cache keys may not.
    return f"rendition:{hashlib.sha256(name.encode()).hexdigest()}"


def recorded_rendition(name):
    if rendition := recorded_here.get(name):
        return rendition
    if recorded := cache.get(record_key(name)):
        rendition = Rendition(*recorded)
        remember_here(name, rendition)
        return rendition
    return None


def record_rendition(name, rendition):
    cache.set(record_key(name), astuple(rendition), timeout=None)
    remember_here(name, rendition)


@receiver(setting_changed)
def forget_records_of_another_storage(*, setting, **kwargs):
    # The records here name files of one storage; a new media folder or storage
    # (tests switch them) has none of them.
    if setting in ("MEDIA_ROOT", "MEDIA_URL", "STORAGES"):
        recorded_here.clear()


def remember_here(name, rendition):
    with recorded_here_lock:  # threads of one worker share the records
        if len(recorded_here) >= MEMORY_RECORDS:
            recorded_here.pop(next(iter(recorded_here)))
        recorded_here[name] = rendition


def forget_renditions(names):
    """Forget the records of these renditions (their files are being deleted)."""
    cache.delete_many([record_key(name) for name in names])
    with recorded_here_lock:
        for name in names:
            recorded_here.pop(name, None)


def rendition_name(original_name, width, image_format="WEBP"):
    stem = PurePosixPath(original_name).with_suffix("")
    extension, _options = RENDITION_FORMATS[image_format]
    return f"{RENDITIONS_FOLDER}/{stem}.{width}w.{extension}"


def rendition_size(name, image_format="WEBP"):
    """The (width, height) of an existing rendition, or None if there is none yet."""
    if not default_storage.exists(name):
        return None
    with (
        default_storage.open(name, "rb") as file,
        Image.open(file, formats=[image_format]) as image,
    ):
        return image.size


def make_rendition(fieldfile, width, name, image_format="WEBP"):
    with (
        fieldfile.storage.open(fieldfile.name, "rb") as original,
        # JPEG decodes at 1/2, 1/4 or 1/8 scale if that still covers `width`
        # (square: the EXIF orientation may turn the image afterwards).
        open_raster_image(original, size=(width, width)) as image,
    ):
        resized = upright_at_width(image, width)
        if image_format == "JPEG":
            resized = on_white(resized)
        _extension, options = RENDITION_FORMATS[image_format]
        output = io.BytesIO()
        resized.save(output, format=image_format, **options)
    saved_name = default_storage.save(name, ContentFile(output.getvalue()))
    if saved_name != name:
        # Another process made the same rendition meanwhile: keep one copy.
        default_storage.delete(saved_name)
    return resized.size


def on_white(image):
    """`image` in RGB, its transparent parts white: JPEG has no alpha channel, and a
    preview card shows a logo's transparent background as black otherwise."""
    if image.mode != "RGBA":
        return image.convert("RGB")
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background
