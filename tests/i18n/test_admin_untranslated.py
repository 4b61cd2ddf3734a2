"""No English left in the Chinese and Russian admin, third-party apps included.

Each admin page (the home, every registered model's list, add form and history) is
read in English and in the other language; a piece of visible text that is the same
in both and has Latin letters in it was not translated, unless it is one of the few
names that are written the same in every language (ALLOWED).
"""

import re
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Office
from news.models import NewsRelease
from partners.models import Agreement, Institution, RankingSystem

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hans", "ru"]
# Written the same in every language: proper names and records, not the admin's words.
ALLOWED = {
    "admin",  # the superuser's username
    "admin@example.com",
    # the ranking systems migrations create: the rankings' own names
    "Academic Ranking of World Universities",
    "QS World University Rankings",
    "THE World University Rankings",
    "RAEX",
    "ARWU",
    "QS",
    "THE",
    "RAEX-100 Best Universities of Russia",
    # the groups migrations create: records staff may rename, not interface text
    "News editors",
    "Partner managers",
    "Document editors",
    # a file format's own name, the same in every language (the documents' kind)
    "PDF",
    # the change reason of a version saved outside the admin (it has none)
    "None",
    # each language is named in its own words (the language tabs, the translations
    # column): English stays "English" on a Russian page
    "English",
    # the levels of the Common European Framework of Reference for Languages, written
    # the same in every language (an agreement's recommended language level)
    "A1",
    "A2",
    "B1",
    "B2",
    "C1",
    "C2",
    # the registries' and networks' own names, which no language translates
    "ROR ID",
    "Erasmus Without Paper",
    # names in Django's Russian help text of "Password-based authentication"
    "Single Sing-On",
}
# An axes login attempt names itself in English (its __str__ is not translatable).
ALLOWED_PATTERN = re.compile(r"Attempted Access: [0-9 :.+-]+")
LATIN = re.compile(r"[A-Za-z]")
# Two English words in a row in the other language's text: a phrase left half
# translated ("Filter by время публикации").
LATIN_PHRASE = re.compile(r"\b[A-Za-z]{2,} [A-Za-z]{2,}\b")
SKIPPED = {"script", "style", "template", "noscript"}


class VisibleText(HTMLParser):
    """The text nodes a reader sees, and the labels of buttons."""

    def __init__(self):
        super().__init__()
        self.texts = set()
        self.skipping = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED:
            self.skipping.append(tag)
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.add(" ".join(attrs["value"].split()))

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping:
            self.texts.add(text)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def untranslated(english, other):
    texts = visible_text(other)
    same = {text for text in texts & visible_text(english) if LATIN.search(without_allowed(text))}
    mixed = {text for text in texts if LATIN_PHRASE.search(without_allowed(text))}
    return sorted(same | mixed)


def without_allowed(text):
    """The text, less the names it may hold in English (a record's name in a title)."""
    text = ALLOWED_PATTERN.sub("", text)
    for name in sorted(ALLOWED, key=len, reverse=True):
        text = text.replace(name, "")
    return text


@pytest.fixture
def content():
    """One record of each kind, written in no Latin letters (its text is content, not
    the admin's), so that lists and history pages have something to show."""
    names = {f"name_{c}": "滨州学院" for c in ["en", "zh_hans", "ru"]}
    institution = Institution.objects.create(
        **names, **{f"city_{c}": "滨州" for c in ["en", "zh_hans", "ru"]}, country="CN"
    )
    Agreement.objects.create(institution=institution, kind="memorandum")
    NewsRelease.objects.create(
        **{f"title_{c}": "新闻" for c in ["en", "zh_hans", "ru"]},
        author="闫倩倩",
        release_time=timezone.now(),
    )
    AccessAttempt.objects.create(
        username="用户", ip_address="192.0.2.1", user_agent="-", failures_since_start=1
    )
    return [institution, RankingSystem.objects.first(), Office.current()]


def admin_pages():
    """Every admin page a staff member reaches from the home, by its English address."""
    with translation.override("en"):
        return list(english_admin_pages())


def english_admin_pages():
    yield reverse("admin:index")
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        if (obj := model._default_manager.order_by("pk").first()) is not None:
            yield reverse(f"{prefix}_history", args=[obj.pk])


def in_language(path, language):
    return "/" + language + path


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_admin_page_is_translated(admin_client, content, language):
    missing = {}
    for path in admin_pages():
        english = admin_client.get(path)
        if english.status_code != 200:
            continue  # a page the admin refuses (no add form for login attempts)
        other = admin_client.get(in_language(path, language))
        assert other.status_code == 200, path
        if texts := untranslated(english.text, other.text):
            missing[path] = texts
    assert not missing, "\n".join(f"{path}: {texts}" for path, texts in missing.items())
