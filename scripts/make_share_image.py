"""Draw static/img/share-default.png: the picture link previews show for an item that
has none of its own (1200 x 630, the size OpenGraph and Twitter cards expect).

Only shapes, drawn with Pillow: no font and nothing fetched, so the picture reads the
same in every language and needs no licence. The motif is the site's favicon (a globe
on the office's blue), with the routes of an exchange arcing across it.

    .venv/bin/python scripts/make_share_image.py
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 630
BRAND, BRAND_DARK, WHITE, ACCENT = "#0b4f8a", "#073763", "#ffffff", "#f2a900"
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "share-default.png"
SCALE = 2  # drawn at twice the size, then reduced: smooth edges without anti-aliasing


def draw(canvas):
    pen = ImageDraw.Draw(canvas)
    s = SCALE
    pen.rectangle((0, 560 * s, WIDTH * s, HEIGHT * s), fill=BRAND_DARK)
    cx, cy, r = 600 * s, 300 * s, 200 * s
    line = 14 * s
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=BRAND, outline=WHITE, width=line)
    pen.line((cx - r, cy, cx + r, cy), fill=WHITE, width=line // 2)
    for half_width in (r // 2, r * 4 // 5):
        meridian = (cx - half_width, cy - r, cx + half_width, cy + r)
        pen.ellipse(meridian, outline=WHITE, width=line // 2)
    pen.line((cx, cy - r, cx, cy + r), fill=WHITE, width=line // 2)
    # An exchange route: an arc over the globe between two places, each a dot.
    box = (140 * s, 40 * s, 1060 * s, 620 * s)
    pen.arc(box, 200, 340, fill=ACCENT, width=8 * s)
    centre_x, centre_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    radius_x, radius_y = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    dot = 18 * s
    for degrees in (200, 340):
        x = centre_x + radius_x * math.cos(math.radians(degrees))
        y = centre_y + radius_y * math.sin(math.radians(degrees))
        pen.ellipse((x - dot, y - dot, x + dot, y + dot), fill=ACCENT)


def main():
    canvas = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), BRAND)
    draw(canvas)
    picture = canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    picture.quantize(colors=64).save(OUTPUT, format="PNG", optimize=True)
    print(f"{OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
