"""Every public page type, in every language, is valid HTML5 for the W3C Nu HTML
Checker; the feeds and the sitemap are well-formed XML."""

import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

from .conftest import PAGES, VNU_JAR


@pytest.fixture(scope="session")
def saved_pages(tools, demo_site, page_paths, tmp_path_factory):
    """Each page's HTML in a file named after it, for the checker: {name: file}."""
    folder = tmp_path_factory.mktemp("pages")
    files = {}
    for name, (path, expected_status) in page_paths.items():
        status, html = demo_site.get(path)
        assert status == expected_status, f"{name} ({path}) answered {status}"
        files[name] = folder / (name.replace("/", "-") + ".html")
        files[name].write_text(html, encoding="utf-8")
    return files


@pytest.fixture(scope="session")
def nu_messages(saved_pages):
    """The Nu HTML Checker's messages for every page, in one run of the checker."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
         *map(str, saved_pages.values())],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    by_file = {f"file:{file}": name for name, file in saved_pages.items()}
    found = {name: [] for name in saved_pages}
    for message in messages:
        found[by_file[message["url"]]].append(message)
    return found


def describe(message):
    where = f"line {message.get('lastLine', '?')}"
    return f"{where}: {message['message']}\n        {message.get('extract', '').strip()}"


@pytest.mark.parametrize("page", PAGES)
def test_page_is_valid_html5_for_the_nu_checker(page, nu_messages, audit_notes):
    messages = nu_messages[page]
    errors = [m for m in messages if m["type"] in {"error", "non-document-error"}]
    warnings = [m for m in messages if m not in errors]
    audit_notes.extend(f"Nu warning on {page}: {describe(m)}" for m in warnings)
    assert not errors, f"{len(errors)} Nu errors on {page}:\n" + "\n".join(map(describe, errors))


@pytest.mark.parametrize(
    "path", ["/news/feed/", "/zh-hans/news/feed/", "/ru/news/feed/", "/sitemap.xml"]
)
def test_feeds_and_the_sitemap_are_well_formed_xml(path, tools, demo_site):
    status, body = demo_site.get(path)
    assert status == 200
    ET.fromstring(body.encode())
