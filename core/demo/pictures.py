"""Pictures for the demo content, drawn by this code: release and page covers, partner
logos. Nothing is fetched; the same seed always draws the same picture, so a reload
or another machine gives the same files (docs/demo.md).

Covers are flat geometric compositions (a large disc, concentric arcs, a band of
stripes, a grid of dots) in a palette a caller picks by a name (a release's first
topic, say); logos are round seals with an institution's Latin initials. Each is
returned as an upload, checked and re-encoded by `clean_image()` as a staff upload is.
"""

import hashlib
import io
import math
import random
import re

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from ..images import clean_image

# As wide as the widest rendition pages show.
COVER_SIZE = (1200, 675)
LOGO_SIZE = 480
# Drawn at twice the size and reduced: Pillow draws shapes without anti-aliasing.
SUPERSAMPLE = 2

# Background, two accents, a light and a dark tone: muted, printed-poster colours.
PALETTES = {
    "incoming": ("#1f3a5f", "#e8a33d", "#4f86c6", "#f4efe6", "#0f1f33"),
    "outgoing": ("#0e5e6f", "#f2c14e", "#3aa7a3", "#f1f5f2", "#07323b"),
    "agreements": ("#6b1e2e", "#d9a441", "#b5485d", "#f6efe4", "#3a0f18"),
    "joint-programmes": ("#2d4739", "#e0b04b", "#6f9e75", "#f3f1e7", "#16241c"),
    "scholarships": ("#3d2c5e", "#f0b429", "#8a6fbf", "#f5f1fa", "#1e1530"),
    "summer-schools": ("#b5523b", "#f6d365", "#2f7f83", "#fbf3e8", "#5a2418"),
    "visits": ("#24476b", "#e76f51", "#8ab6d6", "#f2f4f7", "#10233a"),
    "teaching-staff": ("#4a3f35", "#c9a227", "#8c7b6b", "#f5f0e8", "#221c16"),
    "events": ("#7a2e5a", "#f4a259", "#5b8e7d", "#f9f1f4", "#3b1029"),
}
LOGO_COLOURS = ("#1f3a5f", "#6b1e2e", "#2d4739", "#3d2c5e", "#0e5e6f", "#7a4a12", "#24476b")
# Words left out of an institution's initials.
MINOR_WORDS = {"of", "the", "and", "for", "in", "at", "de", "der", "des", "la"}


def rng_for(seed):
    """A random generator fixed by `seed` (a text): Python's hash() of a string
    changes from one process to the next, a digest does not."""
    digest = hashlib.sha256(seed.encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 (drawing, not secrets)


def palette_for(name, seed):
    """The palette called `name`, or one chosen by `seed` when there is none."""
    return PALETTES.get(name) or rng_for(seed).choice(list(PALETTES.values()))


def cover_image(seed, palette_name=""):
    """A 1200 x 675 JPEG upload: the composition decided by `seed`, its colours by
    `palette_name` (one of PALETTES)."""
    background, accent, second, light, dark = palette_for(palette_name, seed)
    rng = rng_for(seed)
    width, height = (side * SUPERSAMPLE for side in COVER_SIZE)
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    draw_dots(draw, rng, width, height, light)
    draw_stripes(draw, rng, width, height, second)
    draw_disc(draw, rng, width, height, accent, dark)
    draw_arcs(draw, rng, width, height, light)
    return upload(image.reduce(SUPERSAMPLE), "JPEG", "cover.jpg")


def draw_dots(draw, rng, width, height, colour):
    """A loose grid of small dots over one side of the picture."""
    step = width // 40
    radius = step // 7
    left = rng.choice((0, width // 2))
    for x in range(left + step, left + width // 2, step):
        for y in range(step, height, step):
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def draw_stripes(draw, rng, width, height, colour):
    """A diagonal band of parallel stripes."""
    band = rng.randint(width // 5, width // 3)
    start = rng.randint(0, width - band)
    gap = width // 60
    for offset in range(0, band, gap * 2):
        x = start + offset
        draw.polygon(
            [(x, height), (x + gap, height), (x + gap + height // 2, 0), (x + height // 2, 0)],
            fill=colour,
        )


def draw_disc(draw, rng, width, height, colour, ring):
    """A large disc half off one edge, ringed by a thin dark circle."""
    radius = rng.randint(height * 45 // 100, height * 70 // 100)
    x = rng.choice((width * 3 // 4, width // 4)) + rng.randint(-width // 20, width // 20)
    y = rng.choice((height // 3, height * 2 // 3))
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    inner = radius * 62 // 100
    line = max(4, width // 320)
    draw.ellipse((x - inner, y - inner, x + inner, y + inner), outline=ring, width=line)


def draw_arcs(draw, rng, width, height, colour):
    """Concentric quarter arcs growing from a corner."""
    corner = rng.choice(((0, 0), (width, height), (0, height), (width, 0)))
    line = max(4, width // 400)
    for step in range(1, rng.randint(4, 7)):
        radius = step * height // 6
        box = (corner[0] - radius, corner[1] - radius, corner[0] + radius, corner[1] + radius)
        draw.ellipse(box, outline=colour, width=line)


def initials(name, other_names=()):
    """A short Latin name for a seal: a Latin abbreviation among the other names
    (KazNU), else the initials of the name's main words (INRTU)."""
    for other in other_names:
        if re.fullmatch(r"[A-Za-z]{2,6}", other):
            return other
    words = [word for word in re.findall(r"[A-Za-z]+", name) if word.lower() not in MINOR_WORDS]
    return "".join(word[0].upper() for word in words)[:5] or "U"


def logo_image(seed, text):
    """A square PNG upload with a transparent ground: a round seal in a colour chosen
    by `seed`, with `text` (a few Latin letters) in its middle."""
    colour = rng_for(seed).choice(LOGO_COLOURS)
    size = LOGO_SIZE * SUPERSAMPLE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = size // 40
    draw.ellipse((margin, margin, size - margin, size - margin), fill=colour)
    ring = size // 11
    draw.ellipse((ring, ring, size - ring, size - ring), outline="#ffffff", width=size // 80)
    inner = size // 7
    draw.ellipse((inner, inner, size - inner, size - inner), outline="#ffffff", width=size // 200)
    draw_ring_dots(draw, size, ring, margin)
    # The letters fill about two thirds of the inner circle, whatever their number.
    font = ImageFont.load_default(size=size * 2 // (3 * max(2, len(text))) + size // 12)
    # A thin stroke of the same white: the default font is light for a seal.
    draw.text(
        (size / 2, size / 2),
        text,
        font=font,
        fill="#ffffff",
        anchor="mm",
        stroke_width=size // 240,
        stroke_fill="#ffffff",
    )
    return upload(image.reduce(SUPERSAMPLE), "PNG", "logo.png")


def draw_ring_dots(draw, size, ring, margin):
    """Twenty-four dots around the seal, between its edge and its outer ring."""
    centre = size / 2
    orbit = centre - (ring + margin) / 2
    dot = size // 120
    for step in range(24):
        angle = 2 * math.pi * step / 24
        x, y = centre + orbit * math.cos(angle), centre + orbit * math.sin(angle)
        draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill="#ffffff")


def upload(image, image_format, name):
    """`image` as a staff upload would be stored: checked and re-encoded."""
    output = io.BytesIO()
    image.save(
        output,
        format=image_format,
        **({"quality": 92} if image_format == "JPEG" else {"compress_level": 1}),
    )
    return clean_image(ContentFile(output.getvalue(), name=name))
