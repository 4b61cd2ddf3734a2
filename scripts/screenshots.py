"""`make screenshots`: full-page PNGs of every public page type in every language at
a phone's, a small phone's and a laptop's width, from headless Chromium against
gunicorn serving the demo content, written to var/screenshots/<lang>-<page>-<width>.png.

Options: --widths 320,390,1280  --languages en,zh-hans,ru  --out var/screenshots
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.public_pages import LANGUAGE_PREFIXES, public_pages  # noqa: E402
from tests.server import running_site  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LOAD_EVERY_IMAGE = """() => Promise.all([...document.images].map((image) => {
    image.loading = "eager";
    return image.complete ? null : new Promise((done) => { image.onload = image.onerror = done; });
}))"""


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="320,390,1280")
    parser.add_argument("--languages", default=",".join(LANGUAGE_PREFIXES))
    parser.add_argument("--out", default=str(BASE_DIR / "var" / "screenshots"))
    return parser.parse_args()


def shoot(site, languages, widths, out):
    from playwright.sync_api import sync_playwright

    pages = {language: public_pages(site.get, language) for language in languages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width in widths:
            context = browser.new_context(
                base_url=site.url, viewport={"width": width, "height": 800}
            )
            tab = context.new_page()
            for language, paths in pages.items():
                for name, path in paths.items():
                    tab.goto(path, wait_until="load")
                    # A full-page shot does not scroll, so pictures below the fold that
                    # load lazily would be blank boxes: load them all first.
                    tab.evaluate(LOAD_EVERY_IMAGE)
                    target = out / f"{language}-{name}-{width}.png"
                    tab.screenshot(path=str(target), full_page=True)
                    print(target)
            context.close()
        browser.close()


def main():
    arguments = parse_arguments()
    out = Path(arguments.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SECRET_KEY", "screenshots-only-secret-key")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, running_site(Path(folder), workers=2) as site:
        site.manage("load_demo")
        shoot(
            site,
            arguments.languages.split(","),
            [int(width) for width in arguments.widths.split(",")],
            out,
        )
    print(f"Screenshots in {out} ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
