"""The site search's registry: kinds registered by apps, asked in their order."""

import pytest

from core import sitesearch
from core.search import search_terms
from core.sitesearch import Found, Kind, Result


class Fixed(Kind):
    def __init__(self, name, order, titles):
        self.name, self.order, self.label, self.titles = name, order, name.title(), titles
        self.asked = []

    def find(self, terms, limit):
        self.asked.append((terms, limit))
        return Found([Result(title=t, url=f"/{t}/") for t in self.titles[:limit]], len(self.titles))


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(sitesearch, "_kinds", {})
    return sitesearch


def test_kinds_are_asked_in_their_order_and_only_those_that_found_something_show(registry):
    programmes = registry.register(Fixed("programmes", 30, ["Summer school"]))
    registry.register(Fixed("news", 10, ["Signing", "Visit"]))
    registry.register(Fixed("pages", 20, []))
    terms, groups = registry.search_site("summer", limit=1)
    assert terms == search_terms("summer")
    assert [group.kind.name for group in groups] == ["news", "programmes"]
    assert [r.title for r in groups[0].found.results] == ["Signing"]
    assert groups[0].found.total == 2
    assert groups[1].found.results[0].kind is programmes
    assert programmes.asked == [(search_terms("summer"), 1)]


def test_a_query_without_words_asks_no_kind(registry):
    news = registry.register(Fixed("news", 10, ["Signing"]))
    assert registry.search_site('  ?! "* ') == ([], [])
    assert news.asked == []


def test_two_different_kinds_cannot_take_one_name(registry):
    registry.register(Fixed("news", 10, []))

    class Other(Fixed):
        pass

    with pytest.raises(ValueError):
        registry.register(Other("news", 20, []))


def test_news_and_partners_are_registered_by_their_apps():
    names = [kind.name for kind in sitesearch.kinds()]
    assert names[:1] == ["news"] and "partners" in names
    assert [str(kind.label) for kind in sitesearch.kinds() if kind.name == "partners"] == [
        "Partner institutions"
    ]
