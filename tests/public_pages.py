"""Every public page type in every language, found on the demo site by following its
links: shared by the overflow and touch-target browser tests and `make screenshots`."""

import re
from urllib.parse import quote

LANGUAGE_PREFIXES = {"en": "/", "zh-hans": "/zh-hans/", "ru": "/ru/"}
# A word that the demo's releases use in each language, so the search pages have results.
SEARCH_WORDS = {"en": "cooperation", "zh-hans": "合作", "ru": "сотрудничестве"}
RELEASE_LINK = re.compile(r'href="((?:/[a-z-]+)?/news/\d+/[^"/?]+/)"')
PARTNER_LINK = re.compile(r'href="((?:/[a-z-]+)?/partners/[^"/?]+/)"')
PROGRAMME_LINK = re.compile(r'href="((?:/[a-z-]+)?/programmes/(?!archive/)[^"/?.]+/)"')
# The first page of the office's tree that the main menu lists with pages under it.
SECTION_LINK = re.compile(r'<li class="nav-section">\s*<a href="([^"]+)"')


def first_link(get, path, pattern):
    status, html = get(path)
    assert status == 200, f"{path} answered {status}"
    match = pattern.search(html)
    assert match, f"no link matching {pattern.pattern} on {path}"
    return match.group(1)


def ranked_partner(get, partners):
    """A partner whose page has a rankings table: the widest thing on a phone."""
    status, html = get(partners)
    assert status == 200, f"{partners} answered {status}"
    links = list(dict.fromkeys(PARTNER_LINK.findall(html)))
    assert links, f"no partner on {partners}"
    return next((link for link in links if "<table" in get(link)[1]), links[0])


def public_pages(get, language):
    """{page name: path} for one language; `get(path)` returns (status, html)."""
    prefix = LANGUAGE_PREFIXES[language]
    word = quote(SEARCH_WORDS[language])
    news, partners, programmes = f"{prefix}news/", f"{prefix}partners/", f"{prefix}programmes/"
    return {
        "home": prefix,
        "news-list": news,
        "news-search": f"{news}?q={word}",
        "release": first_link(get, news, RELEASE_LINK),
        "partner-list": partners,
        "partner": ranked_partner(get, partners),
        "site-search": f"{prefix}search/?q={word}",
        "office-page": first_link(get, prefix, SECTION_LINK),
        "programme-list": programmes,
        "programme": first_link(get, programmes, PROGRAMME_LINK),
        "programme-archive": f"{programmes}archive/",
        "not-found": f"{prefix}no-such-page/",
    }
