"""What an uploaded image is checked against before a pixel is decoded.

Pillow decides the format (never the file name or the browser's content type), and
limits judged from the headers keep every file within a fixed memory and time budget.
"""

import math
import warnings
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Each upload is handled within a fixed budget: at most about 256 MB more memory in
# the worker and about 2 seconds, whatever the file (the README has the figures).
# Pillow keeps most modes at 4 bytes a pixel (RGB included), and re-encoding may need
# one more copy (a photo turned by its EXIF orientation): 24 megapixels decoded cost at
# most 2 x 96 MB. That is a 6000 x 4000 camera and twice a 12-megapixel phone photo.
MAX_PIXELS = 24_000_000
# JPEG photos may declare more, as 48- and 50-megapixel phones write: they are decoded
# at half size (or less) by libjpeg itself, so no more than MAX_PIXELS is ever decoded.
MAX_JPEG_PIXELS = 64_000_000
# A progressive JPEG is decoded from a buffer of all its DCT coefficients (2 bytes
# each, one per sample of each colour component), whatever size it is decoded at.
MAX_JPEG_COEFFICIENT_BYTES = 96 * 1024 * 1024
# An animation keeps every frame while it is re-encoded (up to 4 bytes a pixel) and
# GIF quantizes every frame again: 16 megapixels over all frames is 66 frames of
# 800 x 300 or 130 of 400 x 300, in about a second and a half. Frames are bounded: a few
# kilobytes can declare thousands of one-pixel frames, each with its own overhead.
MAX_ANIMATION_PIXELS = 16_000_000
MAX_FRAMES = 1000

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
ACCEPTED_FORMATS = tuple(EXTENSIONS)

MESSAGES = {
    "empty": _("The file is empty."),
    "too_large": _("The file is too large: at most %(limit)s."),
    "not_an_image": _("The file is not a JPEG, PNG, WebP or GIF image."),
    "too_many_pixels": _("The image is too large: at most %(megapixels)s megapixels."),
    "too_many_frames": _("The animation has too many frames: at most %(frames)s."),
    "broken": _("The image is damaged or incomplete and cannot be read."),
}


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
def open_raster_image(file, size=None):
    """Open `file` with Pillow, refusing other formats and what the budget cannot hold.

    Everything is judged from the headers before a pixel is decoded. A JPEG is decoded
    at a reduced scale when that still covers `size`, and always when it declares more
    than MAX_PIXELS. Decoding errors raised inside the block (a truncated file) become
    a ValidationError too. Pillow's bomb warning is an error here, as it is under
    pytest, so that production and tests refuse the same files.
    """
    file.seek(0)
    try:
        with (
            warnings.catch_warnings(action="error", category=Image.DecompressionBombWarning),
            Image.open(file, formats=ACCEPTED_FORMATS) as image,
        ):
            check_budget(image, file)
            if image.format == "JPEG":
                image.draft(image.mode, smallest(size, jpeg_decoded_size(image)))
            yield image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels() from error
    except Image.UnidentifiedImageError as error:
        raise ValidationError(MESSAGES["not_an_image"], code="not_an_image") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(MESSAGES["broken"], code="broken") from error


def check_budget(image, file):
    """Refuse, from the headers alone, what would cost more than the budget."""
    frames, (width, height) = frames_and_canvas(image, file)
    pixels = width * height
    if frames > MAX_FRAMES:
        raise ValidationError(
            MESSAGES["too_many_frames"], code="too_many_frames", params={"frames": MAX_FRAMES}
        )
    if frames > 1 and frames * pixels > MAX_ANIMATION_PIXELS:
        raise too_many_pixels(MAX_ANIMATION_PIXELS)
    if pixels > (limit := pixel_limit(image)):
        raise too_many_pixels(limit)


def pixel_limit(image):
    if image.format != "JPEG":
        return MAX_PIXELS
    if not image.info.get("progressive"):
        return MAX_JPEG_PIXELS
    coefficient_bytes_per_pixel = jpeg_coefficient_bytes(image) / (image.width * image.height)
    return min(MAX_JPEG_PIXELS, int(MAX_JPEG_COEFFICIENT_BYTES / coefficient_bytes_per_pixel))


def too_many_pixels(limit=None):
    return ValidationError(
        MESSAGES["too_many_pixels"],
        code="too_many_pixels",
        params={"megapixels": (limit or MAX_PIXELS) // 1_000_000},
    )


def frames_and_canvas(image, file):
    """How many frames `image` holds and the size every frame is decoded at, learnt
    without decoding any. WebP and APNG declare both in their headers; a GIF's frames
    are counted by walking its blocks."""
    if image.format == "GIF":
        return gif_frames_and_canvas(file, stop_after=MAX_FRAMES)
    return getattr(image, "n_frames", 1), image.size


def gif_frames_and_canvas(file, stop_after):
    """Count a GIF's image descriptors by walking its blocks, stopping once past
    `stop_after`: Pillow's own count walks every frame at some microseconds each.

    The canvas is the screen size the header declares, grown to hold every frame:
    Pillow enlarges it when a later frame lies outside it, so a 10 x 10 GIF whose
    second frame ends at 9000 x 9000 decodes at 81 megapixels.

    Encoders write image data in sub-blocks of 255 bytes; a file cut into one-byte
    sub-blocks or padded with stray bytes would make every walk over it, ours and
    Pillow's, take seconds, so past a generous number of steps it is refused.
    """
    file.seek(0)
    data = file.read()
    file.seek(0)
    steps_left = len(data) // 32 + 8 * stop_after
    frames = 0
    width, height = int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    position = 13 + color_table_size(data[10])
    while position + 10 < len(data) and data[position] != 0x3B and frames <= stop_after:
        if data[position] == 0x2C:  # image descriptor, colour table, LZW code size
            frames += 1
            left, top, frame_width, frame_height = (
                int.from_bytes(data[start : start + 2], "little")
                for start in range(position + 1, position + 9, 2)
            )
            width, height = max(width, left + frame_width), max(height, top + frame_height)
            position += 10 + color_table_size(data[position + 9]) + 1
        elif data[position] == 0x21:  # extension introducer and label
            position += 2
        else:  # a stray byte, which Pillow skips as well
            position += 1
            steps_left -= 1
            continue
        while position < len(data) and data[position] and steps_left > 0:
            position += data[position] + 1
            steps_left -= 1
        position += 1
        if steps_left <= 0:
            raise ValidationError(MESSAGES["broken"], code="broken")
    return frames, (width, height)


def color_table_size(flags):
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def jpeg_coefficient_bytes(image):
    """The buffer libjpeg fills with every DCT coefficient of a progressive JPEG."""
    h_max = max(h for _, h, _, _ in image.layer)
    v_max = max(v for _, _, v, _ in image.layer)
    samples = sum(
        math.ceil(image.width * h / h_max / 8) * math.ceil(image.height * v / v_max / 8) * 64
        for _, h, v, _ in image.layer
    )
    return 2 * samples


def smallest(size, budget_size):
    if size is None:
        return budget_size
    return min(size[0], budget_size[0]), min(size[1], budget_size[1])


def jpeg_decoded_size(image):
    """The size a JPEG is decoded at: whole, or scaled by 1/2, 1/4 or 1/8 (libjpeg's
    own scales, Pillow's draft()) until it fits in MAX_PIXELS."""
    scale = 1
    while image.width * image.height > MAX_PIXELS * scale * scale:
        scale *= 2
    return image.width // scale, image.height // scale
