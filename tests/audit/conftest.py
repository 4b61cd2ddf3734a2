"""The site as the web's own tools see it: the W3C Nu HTML Checker (vnu-jar),
Lighthouse and axe-core, all installed from npm (package.json), against gunicorn with
the demo, plus the weight of a first visit measured in Chromium.

Every test here carries the `audit` marker; `make audit` runs them. A missing Java,
Node.js, Chromium or `npm ci` fails them: an audit that skips proves nothing.
"""

import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.server import BASE_DIR, running_site

NODE_MODULES = BASE_DIR / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or "/usr/bin/chromium")

LANGUAGE_PREFIXES = {"en": "/", "zh-hans": "/zh-hans/", "ru": "/ru/"}
PAGE_TYPES = [
    "home", "news-list", "news-list-page-2", "news-search",
    "release", "partner-list", "partner", "site-search", "office-page",
    "programme-list", "programme", "programme-archive", "not-found",
]  # fmt: skip
PAGES = [f"{language}/{page_type}" for language in LANGUAGE_PREFIXES for page_type in PAGE_TYPES]
# A word that the demo's releases use in each language, so the search page has results.
SEARCH_WORDS = {"en": "cooperation", "zh-hans": "合作", "ru": "сотрудничестве"}
RELEASE_LINK = re.compile(r'href="((?:/[a-z-]+)?/news/\d+/[^"/?]+/)"')
PARTNER_LINK = re.compile(r'href="((?:/[a-z-]+)?/partners/[^"/?]+/)"')
PROGRAMME_LINK = re.compile(r'href="((?:/[a-z-]+)?/programmes/(?!archive/)[^"/?.]+/)"')
# The first page of the office's tree that the main menu lists with pages under it.
SECTION_LINK = re.compile(r'<li class="nav-section">\s*<a href="([^"]+)"')


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/audit/" in str(item.fspath):
            item.add_marker(pytest.mark.audit)


def require(path, what):
    if not Path(path).exists():
        pytest.fail(f"{what} not found at {path}: the audit cannot run without it")


@pytest.fixture(scope="session")
def tools():
    require(shutil.which("java") or "java", "Java (apt-get install default-jre-headless)")
    require(shutil.which("node") or "node", "Node.js (apt-get install nodejs npm)")
    require(CHROMIUM, "Chromium (apt-get install chromium)")
    require(VNU_JAR, "vnu.jar (npm ci)")
    require(LIGHTHOUSE, "Lighthouse (npm ci)")
    require(AXE, "axe-core (npm ci)")


@pytest.fixture(scope="session")
def browser(tools):
    """The system Chromium, driven by Playwright, for axe-core and the page weight."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """gunicorn serving the demo content, as `make serve` does, in folders of its own."""
    with running_site(tmp_path_factory.mktemp("site"), workers=2) as site:
        site.manage("load_demo")
        yield site


def first_link(site, path, pattern):
    status, html = site.get(path)
    assert status == 200, f"{path} answered {status}"
    match = pattern.search(html)
    assert match, f"no link matching {pattern.pattern} on {path}"
    return match.group(1)


@pytest.fixture(scope="session")
def page_paths(demo_site):
    """Every public page type in every language: {"en/home": ("/", 200), ...}."""
    paths = {}
    for language, prefix in LANGUAGE_PREFIXES.items():
        news = f"{prefix}news/"
        partners = f"{prefix}partners/"
        paths.update(
            {
                f"{language}/home": (prefix, 200),
                f"{language}/news-list": (news, 200),
                f"{language}/news-list-page-2": (f"{news}?page=2", 200),
                f"{language}/news-search": (f"{news}?q={quote(SEARCH_WORDS[language])}", 200),
                f"{language}/release": (first_link(demo_site, news, RELEASE_LINK), 200),
                f"{language}/partner-list": (partners, 200),
                f"{language}/partner": (first_link(demo_site, partners, PARTNER_LINK), 200),
                f"{language}/site-search": (
                    f"{prefix}search/?q={quote(SEARCH_WORDS[language])}",
                    200,
                ),
                f"{language}/office-page": (first_link(demo_site, prefix, SECTION_LINK), 200),
                f"{language}/programme-list": (f"{prefix}programmes/", 200),
                f"{language}/programme": (
                    first_link(demo_site, f"{prefix}programmes/", PROGRAMME_LINK),
                    200,
                ),
                f"{language}/programme-archive": (f"{prefix}programmes/archive/", 200),
                f"{language}/not-found": (f"{prefix}no-such-page/", 404),
            }
        )
    return paths


NOTES = []


@pytest.fixture(scope="session")
def audit_notes():
    """What the tools reported without failing a page: shown at the end of the run."""
    return NOTES


def pytest_terminal_summary(terminalreporter):
    if NOTES:
        terminalreporter.section("audit notes")
        for note in NOTES:
            terminalreporter.write_line(note)
