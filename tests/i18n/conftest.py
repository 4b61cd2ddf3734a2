"""Content written in some of the site's languages, and a reader for what a visitor
sees of a page in each: the <html> language, the navigation, the language switcher,
the hreflang alternates and the note on text shown in the default language.

Records are made with explicit language columns (title_en, title_ru, ...): assigning
`title` writes the *active* language's column, and a request to /ru/ leaves Russian
active in the test's thread until the next test starts (tests/conftest.py).
"""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone, translation

from news.models import NewsRelease
from partners.models import Institution
from tests.user_agents import BROWSER

LANGUAGES = ["en", "zh-hans", "ru"]
PREFIXES = {"en": "", "zh-hans": "/zh-hans", "ru": "/ru"}
# The main navigation as a visitor reads it: Home, News, Programmes, Partners.
NAVIGATION = {
    "en": ["Home", "News", "Programmes", "Partners"],
    "zh-hans": ["首页", "新闻", "交流项目", "合作院校"],
    "ru": ["Главная", "Новости", "Программы", "Вузы-партнёры"],
}
# Each language's name in itself, as the switcher and the fallback note write it.
LANGUAGE_NAMES = {"en": "English", "zh-hans": "简体中文", "ru": "Русский"}


def in_language(path, language):
    """`path` (an English, unprefixed address) under `language`'s prefix."""
    return PREFIXES[language] + path


def url_in(record, language):
    """The address of a release or an institution in `language` (its own slug)."""
    with translation.override(language):
        return record.get_absolute_url()


def shown_in(record, field, language):
    """`record.field` as a visitor of `language` reads it (with the fallback)."""
    with translation.override(language):
        return getattr(record, field)


RELEASE_TEXT = {
    "en": {
        "title": "Binzhou University signs a memorandum with Irkutsk",
        "summary": "Two universities agree on joint programmes.",
        "body": "<p>The universities signed a memorandum of cooperation.</p>",
    },
    "zh_hans": {
        "title": "我校与伊尔库茨克国立技术大学签署合作备忘录",
        "summary": "两校就联合培养项目达成一致。",
        "body": "<p>两校签署了合作备忘录，涵盖高分子材料专业。</p>",
    },
    "ru": {
        "title": "Биньчжоуский университет подписал меморандум с Иркутском",
        "summary": "Два университета договорились о совместных программах.",
        "body": "<p>Университеты подписали меморандум о сотрудничестве.</p>",
    },
}


def make_release(languages=("en", "zh_hans", "ru"), text=None, **overrides):
    """A published release written in `languages` (column suffixes: en, zh_hans, ru).

    `text` replaces some of the default wording: {"ru": {"title": ...}}.
    """
    fields = {
        "author": "闫倩倩",
        "release_time": timezone.now() - timedelta(hours=1),
        "status": NewsRelease.Status.PUBLISHED,
    }
    for language in languages:
        wording = {**RELEASE_TEXT[language], **(text or {}).get(language, {})}
        fields |= {f"{field}_{language}": value for field, value in wording.items()}
    fields.update(overrides)
    return NewsRelease.objects.create(**fields)


INSTITUTION_TEXT = {
    "en": {
        "name": "Irkutsk National Research Technical University",
        "city": "Irkutsk",
        "description": "<p>A technical university founded in 1930.</p>",
        "strengths": "Geological prospecting\nMetallurgy",
    },
    "zh_hans": {
        "name": "伊尔库茨克国立研究技术大学",
        "city": "伊尔库茨克",
        "description": "<p>一所创建于1930年的技术大学。</p>",
        "strengths": "地质勘探\n冶金",
    },
    "ru": {
        "name": "Иркутский национальный исследовательский технический университет",
        "city": "Иркутск",
        "description": "<p>Технический университет, основанный в 1930 году.</p>",
        "strengths": "Геологоразведка\nМеталлургия",
    },
}


def make_partner(languages=("en", "zh_hans", "ru"), text=None, **overrides):
    """An institution written in `languages`, like make_release()."""
    fields = {"country": "RU", "founded_year": 1930}
    for language in languages:
        wording = {**INSTITUTION_TEXT[language], **(text or {}).get(language, {})}
        fields |= {f"{field}_{language}": value for field, value in wording.items()}
    fields.update(overrides)
    return Institution.objects.create(**fields)


class Element:
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.parts, self.children = tag, dict(attrs), [], []

    @property
    def text(self):
        return " ".join("".join(self.parts).split())

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()


class PageReader(HTMLParser):
    """Every element of a page with its attributes and its text (children's included)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        if self.open:
            self.open[-1].children.append(element)
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        for element in self.open:
            element.parts.append(data)


class Page:
    """What a visitor of one response sees, read from its HTML."""

    def __init__(self, response):
        """`response` is a test client's response, or a page's HTML."""
        if isinstance(response, str):
            self.html = response
        else:
            assert response.status_code == 200, response.status_code
            self.html = response.content.decode()
        self.elements = PageReader(self.html).elements

    def all(self, tag, **attrs):
        return [
            element
            for element in self.elements
            if element.tag == tag
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def with_class(self, name):
        return [element for element in self.elements if element.has_class(name)]

    @property
    def lang(self):
        return self.all("html")[0].attrs.get("lang")

    @property
    def navigation(self):
        (nav,) = self.with_class("site-nav")
        return [link.text for link in nav.children[0].children if link.tag == "li"]

    @property
    def alternates(self):
        """hreflang -> address of the page's <link rel="alternate"> elements."""
        return {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in self.all("link", rel="alternate")
            if "hreflang" in link.attrs
        }

    @property
    def switcher(self):
        (form,) = self.with_class("language-switcher")
        return form

    def switcher_buttons(self):
        """language -> the address its button sends to /language/ as `next`."""
        return {
            button.attrs["lang"]: button.attrs["value"]
            for button in self.elements
            if button.tag == "button" and button.attrs.get("name") == "next"
        }

    @property
    def fallback_note(self):
        notes = self.with_class("translation-fallback")
        return notes[0].text if notes else None

    @property
    def heading(self):
        return self.all("h1")[0]

    def texts(self, tag, **attrs):
        return [element.text for element in self.all(tag, **attrs)]


def card_titles(page):
    """The titles of the cards (releases or institutions) on a page, in order: the
    heading's link, without the label beside a title shown in another language."""
    return [card_link(card_heading(card)).text for card in page.with_class("card")]


def card_link(heading):
    return next((child for child in heading.children if child.tag == "a"), heading)


def card_heading(element):
    """The first heading inside a card: h2 under a list's h1, h3 under a section's h2."""
    for child in element.children:
        if child.tag in {"h2", "h3"}:
            return child
        if (heading := card_heading(child)) is not None:
            return heading
    return None


VIEWS = re.compile(r'class="views">\s*([^<]*?)\s*</span>')


def shown_views(response):
    return VIEWS.search(response.content.decode()).group(1)


def visit(client, path):
    """`path` as a visitor's browser reads it."""
    return Page(client.get(path, HTTP_USER_AGENT=BROWSER))


@pytest.fixture
def half_translated_news(now):
    """Three releases, oldest first: in English only; in English with empty Russian
    fields; in all three languages. The most read is the oldest."""
    older = make_release(
        languages=["en"],
        text={"en": {"title": "Older English-only release"}},
        release_time=now - timedelta(days=3),
        view_count=50,
    )
    middle = make_release(
        languages=["en"],
        text={"en": {"title": "English release with empty Russian fields"}},
        title_ru="",
        body_ru="",
        summary_ru="",
        release_time=now - timedelta(days=2),
        view_count=10,
    )
    newest = make_release(release_time=now - timedelta(days=1), view_count=1)
    return older, middle, newest


@pytest.fixture
def site(office):
    """The office, a partner and a release about it, all written in three languages."""
    partner = make_partner()
    release = make_release()
    release.partners.add(partner)
    return {"release": release, "partner": partner}
