"""From 1024 px the header keeps its two rows in every language: the office's name,
the search box and the languages, then the whole navigation on one line."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PREFIXES = {"en": "", "zh-hans": "/zh-hans", "ru": "/ru"}

MEASURE = """() => {
    const box = (element) => element.getBoundingClientRect();
    const tops = (selector) => [...document.querySelectorAll(selector)].map((e) => Math.round(box(e).top));
    const search = box(document.querySelector(".site-header .site-search"));
    const languages = box(document.querySelector(".site-header .language-switcher"));
    const nav = box(document.querySelector(".site-header .site-nav"));
    return {
        languageTops: tops(".language-switcher fieldset > :not(legend)"),
        navTops: tops(".site-nav > ul > li"),
        searchBottom: search.bottom, languagesBottom: languages.bottom,
        searchTop: search.top, languagesTop: languages.top, navTop: nav.top,
        pageWidth: document.documentElement.scrollWidth,
    };
}"""


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("width", [1024, 1440])
def test_the_header_keeps_its_rows_in_every_language(page, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    for language, prefix in PREFIXES.items():
        page.goto(f"{prefix}/news/")
        measured = page.evaluate(MEASURE)
        assert len(set(measured["languageTops"])) == 1, f"{language}: languages wrap"
        assert len(set(measured["navTops"])) == 1, f"{language}: the navigation wraps"
        # The search box and the languages share the first row; the navigation is below.
        assert measured["searchTop"] < measured["languagesBottom"], language
        assert measured["languagesTop"] < measured["searchBottom"], language
        assert measured["navTop"] >= max(measured["searchBottom"], measured["languagesBottom"])
        assert measured["pageWidth"] <= width, f"{language}: the page is wider than the screen"
