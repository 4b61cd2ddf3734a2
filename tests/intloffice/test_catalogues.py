"""The shipped translation catalogues (locale/zh_Hans and locale/ru) are complete:
every string the code marks for translation has a reviewed (not fuzzy) translation,
and the compiled .mo files the site reads say the same as the .po files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))
# Every package of the site (each app, the building blocks, the project), found rather
# than listed, so that a new app's strings are checked from its first commit.
PACKAGES = sorted(
    path.name
    for path in ROOT.iterdir()
    if (path / "__init__.py").exists() and path.name not in {"tests", "bench"}
)
SOURCES = ["manage.py", *PACKAGES, "templates", "locale"]


def test_chinese_and_russian_catalogues_are_shipped():
    assert {path.parts[-3] for path in CATALOGUES} == {"zh_Hans", "ru"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_a_catalogue_has_no_untranslated_or_fuzzy_entry(path):
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 150
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_the_compiled_catalogue_says_what_the_po_file_says(path):
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(path))}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(path.with_suffix(".mo")))
        if e.msgid  # the header
    }
    assert compiled == source, "run `make messages` to compile the catalogues"


def test_every_string_marked_in_the_code_is_in_the_catalogues(tmp_path):
    """Extract the strings again (as `make messages` does) into a copy of the
    sources: nothing may come out untranslated."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") in {"true", "1"}:
            pytest.fail("GNU gettext (xgettext) is missing and CI=true")
        pytest.skip("GNU gettext (xgettext) is not installed")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    environment = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "-l", "ru",
         "--no-obsolete", "--ignore=static/*"],
        cwd=tmp_path, env=environment, check=True, capture_output=True,
    )  # fmt: skip
    for path in CATALOGUES:
        extracted = polib.pofile(str(tmp_path / path.relative_to(ROOT)))
        missing = extracted.untranslated_entries() + extracted.fuzzy_entries()
        assert [entry.msgid for entry in missing] == [], f"{path.parts[-3]}: run `make messages`"
