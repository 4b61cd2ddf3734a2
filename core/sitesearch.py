"""The site search's registry: each app registers the kinds of things it publishes
(news, pages, programmes, partner institutions), and /search/ asks each kind for its
best matches.

Core imports no app: an app registers its kind from its AppConfig.ready(), either a
Kind of its own that searches its own index (news does) or an IndexedKind that feeds
the shared index (core/search_index.py). docs/search.md tells how to add one.
"""

from dataclasses import dataclass, field
from datetime import datetime

from .search import search_terms

# Each kind shows at most this many results on /search/; its "see all" link leads
# to its own list for more.
RESULTS_PER_KIND = 8

_kinds = {}


@dataclass
class Result:
    """One thing found: its title and address, the text its snippet is cut from (in
    the reader's language, falling back to the default one), its date if any, and
    the title's language when it is not the reader's (core.languages.fallback_language)."""

    title: str
    url: str
    text: str = ""
    date: datetime | None = None
    title_language: str | None = None
    kind: "Kind" = None


@dataclass
class Found:
    """A kind's results: the best few, and how many were found in all (at most the
    number the kind ranks: `capped` says when there were more)."""

    results: list = field(default_factory=list)
    total: int = 0
    capped: bool = False


class Kind:
    """A kind of thing the site search finds.

    `name` is its key (a word, unique), `label` what a group of its results is
    called (translated, plural), `order` where its group stands on the page (lower
    first). Subclasses implement find().
    """

    name = ""
    label = ""
    order = 100

    def find(self, terms, limit):
        """A Found with up to `limit` public results for the query's `terms`
        (core.search.search_terms), most relevant first, read in a fixed number of
        queries however many there are."""
        raise NotImplementedError

    def more_url(self, query):
        """Where all the results of `query` are listed, or None."""
        return None

    def search(self, terms, limit):
        found = self.find(terms, limit)
        for result in found.results:
            result.kind = self
        return found


def register(kind):
    """Add a kind to the site search (from an AppConfig.ready())."""
    if kind.name in _kinds and type(_kinds[kind.name]) is not type(kind):
        raise ValueError(f"A search kind named {kind.name!r} is already registered.")
    _kinds[kind.name] = kind
    return kind


def kinds():
    """The registered kinds, in their order on the page."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.name))


def get_kind(name):
    return _kinds[name]


@dataclass
class Group:
    kind: Kind
    found: Found
    more_url: str | None


def search_site(query, limit=RESULTS_PER_KIND):
    """The groups of results for `query`, one for each kind that found something, in
    the kinds' order. A query with no words finds nothing."""
    terms = search_terms(query)
    if not terms:
        return terms, []
    groups = []
    for kind in kinds():
        found = kind.search(terms, limit)
        if found.results:
            groups.append(Group(kind, found, kind.more_url(query)))
    return terms, groups
