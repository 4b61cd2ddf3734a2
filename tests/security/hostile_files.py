"""Hostile uploads, made on the fly: each is refused with a message, or stored only as
a fresh re-encoding under a random name."""

import io
from dataclasses import dataclass

from PIL import Image

from core.images import MAX_UPLOAD_BYTES
from tests.core.sample_images import HTML, PDF, SVG, image_bytes, noisy_image, png_claiming

NOT_AN_IMAGE = "The file is not a JPEG, PNG, WebP or GIF image."
BROKEN = "The image is damaged or incomplete and cannot be read."
TOO_MANY_PIXELS = "The image is too large: at most 24 megapixels."
EMPTY = "The file is empty."
TOO_LARGE = "The file is too large: at most 10.0\xa0MB."


@dataclass(frozen=True)
class HostileFile:
    name: str
    content: bytes
    refusal: str | None  # None: accepted, but stored safely
    # Admin forms also check the name's length (FileField's max_length), after
    # Django's upload parser has cut it to 255 characters.
    form_refusal: str | None = None

    @property
    def refusal_in_forms(self):
        return self.form_refusal or self.refusal

    def __str__(self):
        return self.name


def jpeg_with_comment(comment):
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(output, format="JPEG", comment=comment)
    return output.getvalue()


def gif_javascript_polyglot():
    """GIF89a header whose bytes also parse as JavaScript (the classic GIFAR trick)."""
    return b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.domain);//" + b"\x00" * 32


HOSTILE_FILES = [
    HostileFile("bomb.png", png_claiming(30_000, 30_000), TOO_MANY_PIXELS),
    HostileFile("quiet-bomb.png", png_claiming(10_000, 10_000), TOO_MANY_PIXELS),
    HostileFile("truncated.jpg", noisy_image("JPEG")[:4000], BROKEN),
    HostileFile("truncated.png", noisy_image("PNG")[:4000], BROKEN),
    HostileFile("page.jpg", HTML, NOT_AN_IMAGE),
    HostileFile("drawing.png", SVG, NOT_AN_IMAGE),
    HostileFile("drawing.svg", SVG, NOT_AN_IMAGE),
    HostileFile("document.jpg", PDF, NOT_AN_IMAGE),
    HostileFile("gifar.gif", gif_javascript_polyglot(), NOT_AN_IMAGE),
    HostileFile("empty.png", b"", EMPTY, form_refusal="The submitted file is empty."),
    HostileFile("huge.png", image_bytes("PNG") + b"\x00" * MAX_UPLOAD_BYTES, TOO_LARGE),
    HostileFile("png-then-html.png", image_bytes("PNG") + HTML, None),
    HostileFile("html-in-comment.jpg", jpeg_with_comment(HTML), None),
    HostileFile("../../../intloffice/settings.png", image_bytes("PNG"), None),
    HostileFile(
        "a" * 300 + ".png",
        image_bytes("PNG"),
        None,
        form_refusal="Ensure this filename has at most 100 characters (it has 255).",
    ),
    HostileFile("photo\u202egnp.html", image_bytes("PNG"), None),
    HostileFile("照片 фото.webp", image_bytes("WEBP"), None),
]
