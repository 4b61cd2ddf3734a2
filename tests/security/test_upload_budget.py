"""Small files that decode to huge images: handling any upload, accepted or refused,
costs a worker at most 256 MB more memory. Each file is handled in a process of its
own (tests/security/upload_cost.py), whose peak RSS is compared with its peak before."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageCms

BUDGET_BYTES = 256 * 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent.parent


def upload_cost(path):
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("upload_cost.py")), str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(result.stdout.splitlines()[-1])


def nine_large_frames_gif(path):
    """About 120 KB: nine 4000 x 4000 frames of one colour each."""
    frames = [Image.new("P", (4000, 4000), index) for index in range(9)]
    palette = [channel for index in range(256) for channel in (index, 255 - index, 128)]
    for frame in frames:
        frame.putpalette(palette)
    frames[0].save(path, format="GIF", save_all=True, append_images=frames[1:], duration=100)


def forty_megapixel_png(path):
    """About 130 KB: 7280 x 5456 pixels (39.7 megapixels) of one colour."""
    Image.new("RGB", (7280, 5456), "teal").save(path, format="PNG", compress_level=9)


def upright_24_megapixel_photo(path):
    """The largest still accepted whole, with what costs copies: an EXIF orientation
    (turned on re-encoding) and a colour profile (converted to sRGB)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (6000, 4000), "teal").save(
        path, format="JPEG", exif=exif.tobytes(), icc_profile=profile
    )


@pytest.mark.parametrize(
    ("make", "name", "outcome"),
    [
        (nine_large_frames_gif, "frames.gif", "too_many_pixels"),
        (forty_megapixel_png, "large.png", "too_many_pixels"),
        (upright_24_megapixel_photo, "photo.jpg", "accepted"),
    ],
    ids=["9-frame-4000x4000-gif", "39.7-megapixel-png", "24-megapixel-turned-jpeg"],
)
def test_handling_an_upload_costs_a_worker_at_most_256_mb(tmp_path, make, name, outcome):
    path = tmp_path / name
    make(path)

    cost = upload_cost(path)

    assert cost["peak_increase"] <= BUDGET_BYTES, cost
    assert cost["outcome"] == outcome
