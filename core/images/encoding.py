"""What is stored of an upload: a fresh encoding under a random name, upright and in
sRGB, so that no metadata, trailing HTML or original file name survives."""

import io
import uuid

from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps

from .validation import EXTENSIONS, check_file_size, open_raster_image

# PNG at zlib level 1: four times faster than the default 6 on a large image, and
# pages show WebP renditions, never the stored original.
SAVE_OPTIONS = {
    "JPEG": {"quality": 85},
    "WEBP": {"quality": 85},
    "PNG": {"compress_level": 1},
    "GIF": {},
}
# Only what rendering needs is kept: palette transparency and animation timing.
KEPT_INFO = ("transparency", "duration", "loop")

# The WebP quality of what pages show: renditions and rich-text body images.
RENDITION_QUALITY = 80


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


def body_image(uploaded_file, width):
    """What a rich-text body shows of an upload: a WebP at most `width` pixels wide,
    upright and in sRGB, under a random name, decoded once (at a reduced scale where
    JPEG allows). An animation is kept whole, cleaned by `clean_image()`: a WebP still
    of its first frame would lose it. Raise ValidationError as `clean_image()` does."""
    check_file_size(uploaded_file)
    with open_raster_image(uploaded_file, size=(width, width)) as image:
        animated = getattr(image, "is_animated", False)
        if not animated:
            output = io.BytesIO()
            upright_at_width(image, width).save(output, format="WEBP", quality=RENDITION_QUALITY)
    if animated:
        return clean_image(uploaded_file)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.webp")


def reencode(image):
    output = io.BytesIO()
    options = {"format": image.format, **SAVE_OPTIONS[image.format]}
    if getattr(image, "is_animated", False):
        reencode_animation(image, output, options)
    else:
        reencode_still(image, output, options)
    return output.getvalue()


def reencode_still(image, output, options):
    """Save `image` turned upright, in sRGB, without metadata. Each step works in
    place where Pillow can, so at most one copy of the pixels exists beside it."""
    ImageOps.exif_transpose(image, in_place=True)
    still = in_srgb(image)
    mode = mode_for(image.format, still.mode)
    if mode != still.mode:
        still = still.convert(mode)
    still.info = kept_info(still)
    still.save(output, **options)


def reencode_animation(image, output, options):
    """Save every frame of `image` without metadata, handed to Pillow one at a time,
    so that only the encoder's own copies accumulate."""
    frames = AnimationFrames(image)
    frames.frame(0).save(
        output,
        save_all=True,
        append_images=frames,
        duration=frames.durations,
        **({"loop": image.info["loop"]} if "loop" in image.info else {}),
        **options,
    )


class AnimationFrames:
    """The frames of an animation after the first, each decoded when it is reached
    and copied without metadata. Iterable more than once: Pillow's PNG writer walks
    the frames twice. A frame's duration is recorded before the encoder reads it."""

    def __init__(self, image):
        self.image = image
        self.durations = [100] * image.n_frames

    def __iter__(self):
        return map(self.frame, range(1, len(self.durations)))

    def frame(self, index):
        self.image.seek(index)
        frame = without_metadata(self.image)  # decoded now: WebP only then knows the duration
        self.durations[index] = frame.info.get("duration", 100)
        return frame


def without_metadata(frame, mode=None):
    """A copy of the pixels without EXIF, XMP, ICC, comments or text chunks."""
    clean = frame.convert(mode) if mode and mode != frame.mode else frame.copy()
    clean.info = kept_info(frame)
    return clean


def kept_info(image):
    return {key: image.info[key] for key in KEPT_INFO if key in image.info}


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
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        # In place when the mode stays: no second copy of a large photo.
        converted = ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            ImageCms.createProfile("sRGB"),
            outputMode=output_mode,
            inPlace=output_mode == image.mode,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted or image


def upright_at_width(image, width):
    """`image` turned by its EXIF orientation, in sRGB, at most `width` wide."""
    ImageOps.exif_transpose(image, in_place=True)
    return resize_to_width(in_srgb(image), width)


def resize_to_width(image, width):
    """`image` scaled to `width`, keeping its aspect ratio; never enlarged."""
    mode = "RGBA" if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    # reducing_gap: a fast box reduction first, then Lanczos over the last factor of
    # three; indistinguishable, and several times faster on a large photo.
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
