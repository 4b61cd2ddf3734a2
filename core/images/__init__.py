"""Uploaded images: validation, re-encoding, and resized renditions for pages.

Every upload path goes through `open_raster_image()` (validation.py), model forms and
the admin by `clean_image()`, the editor's upload view by `body_image()`
(encoding.py): Pillow decides the format (never the file name or the browser's
content type), limits judged from the headers keep every file within a fixed memory
and time budget before a pixel is decoded, and what is stored is a fresh encoding
under a random name, so no metadata, trailing HTML or original file name survives.
Pages show `get_rendition()` copies (renditions.py), never the original upload, and
rich-text bodies show `body_image()` copies.

The names below are the package's interface; migrations name
`core.images.RasterImageField`, so it must stay importable from here.
"""

from .encoding import RENDITION_QUALITY, body_image, clean_image
from .fields import RasterImageField, RasterImageFormField
from .renditions import RENDITIONS_FOLDER, Rendition, get_rendition, make_renditions
from .validation import (
    ACCEPTED_FORMATS,
    CONTENT_TYPES,
    EXTENSIONS,
    MAX_UPLOAD_BYTES,
    open_raster_image,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "CONTENT_TYPES",
    "EXTENSIONS",
    "MAX_UPLOAD_BYTES",
    "RENDITIONS_FOLDER",
    "RENDITION_QUALITY",
    "RasterImageField",
    "RasterImageFormField",
    "Rendition",
    "body_image",
    "clean_image",
    "get_rendition",
    "make_renditions",
    "open_raster_image",
]
