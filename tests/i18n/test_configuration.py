"""The languages the site offers, chosen by configuration (DJANGO_LANGUAGES,
DJANGO_LANGUAGE_CODE) and checked in fresh processes."""

import json

import pytest

from tests.intloffice.test_configuration import manage, run_python

from .conftest import LANGUAGE_NAMES, NAVIGATION, Page

SECRET = {"DJANGO_SECRET_KEY": "k" * 50}

SETTINGS_PROBE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.conf import settings
print(json.dumps({"default": settings.LANGUAGE_CODE,
    "languages": [code for code, _name in settings.LANGUAGES],
    "content": list(settings.MODELTRANSLATION_LANGUAGES)}))
"""


def configured(**env):
    result = run_python(SETTINGS_PROBE, **SECRET, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# A throwaway site on its own SQLite file: migrated, then asked for a few pages.
SITE_PROBE = """
import django, json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from django.conf import settings
# No collectstatic, and no entries in the project's own file cache under var/.
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    CACHES={alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        for alias in settings.CACHES},
).enable()
call_command("migrate", verbosity=0)
client = Client()
pages = {}
for path in sys.argv[1:]:
    response = client.get(path)
    pages[path] = {"status": response.status_code, "html": response.content.decode()}
print(json.dumps(pages))
"""


def site_pages(tmp_path, paths, **env):
    code = SITE_PROBE.replace("sys.argv[1:]", repr(paths))
    result = run_python(
        code,
        **SECRET,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SSL_REDIRECT="0",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        **env,
    )
    assert result.returncode == 0, result.stderr
    # The lines before the last are the site's own log records (JSON lines on stdout).
    return json.loads(result.stdout.splitlines()[-1])


def test_without_configuration_the_site_speaks_three_languages_english_first():
    assert configured() == {
        "default": "en",
        "languages": ["en", "zh-hans", "ru"],
        "content": ["en", "zh-hans", "ru"],
    }


def test_the_languages_may_be_written_in_any_case_and_with_spaces():
    found = configured(DJANGO_LANGUAGES=" EN , zh-Hans ", DJANGO_LANGUAGE_CODE="En")
    assert (found["default"], found["languages"]) == ("en", ["en", "zh-hans"])
    # Content keeps a column for every language the site can speak.
    assert found["content"] == ["en", "zh-hans", "ru"]


def test_a_site_configured_for_english_and_russian_offers_only_those(tmp_path):
    pages = site_pages(
        tmp_path, ["/", "/ru/", "/zh-hans/", "/zh-hans/news/"], DJANGO_LANGUAGES="en,ru"
    )
    assert pages["/zh-hans/"]["status"] == 404
    assert pages["/zh-hans/news/"]["status"] == 404
    assert pages["/ru/"]["status"] == 200
    assert pages["/"]["status"] == 200
    home = Page(pages["/"]["html"])
    assert home.lang == "en"
    assert home.switcher_buttons() == {"ru": "/ru/"}
    assert [e.text for e in home.with_class("language-current")] == [LANGUAGE_NAMES["en"]]
    assert set(home.alternates) == {"en", "ru", "x-default"}
    russian = Page(pages["/ru/"]["html"])
    assert russian.navigation == NAVIGATION["ru"]
    assert russian.switcher_buttons() == {"en": "/"}


def test_a_site_with_russian_as_default_serves_russian_without_a_prefix(tmp_path):
    pages = site_pages(tmp_path, ["/", "/news/", "/en/", "/ru/"], DJANGO_LANGUAGE_CODE="ru")
    assert pages["/ru/"]["status"] == 404
    for path in ["/", "/news/"]:
        page = Page(pages[path]["html"])
        assert (page.lang, page.navigation) == ("ru", NAVIGATION["ru"]), path
    english = Page(pages["/en/"]["html"])
    assert (english.lang, english.navigation) == ("en", NAVIGATION["en"])
    assert english.alternates["x-default"] == "http://testserver/"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DJANGO_LANGUAGES": "en,de"}, "DJANGO_LANGUAGES"),
        ({"DJANGO_LANGUAGES": "en,zh-cn,ru"}, "DJANGO_LANGUAGES"),
        ({"DJANGO_LANGUAGE_CODE": "fr"}, "DJANGO_LANGUAGE_CODE"),
        ({"DJANGO_LANGUAGES": "en,ru", "DJANGO_LANGUAGE_CODE": "zh-hans"}, "DJANGO_LANGUAGE_CODE"),
        ({"DJANGO_LANGUAGES": "ru,zh-hans"}, "DJANGO_LANGUAGE_CODE"),
    ],
)
def test_a_language_the_site_cannot_speak_stops_it_with_a_one_line_message(env, variable):
    result = manage("check", **SECRET, **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr
