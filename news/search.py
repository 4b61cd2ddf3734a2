"""How each database finds and ranks releases: SQLite through its FTS5 table
news_search, PostgreSQL through the search_vector column and its GIN index. Both are
made and kept by migration 0008; docs/search.md tells why they look the way they do.
"""

from collections.abc import Sequence

from django.db import connections
from django.db.models import BooleanField, Expression, FloatField

from core.search import fts5_query, tsquery

# Only the most recently added matches, up to this many, are ranked by relevance. A
# common word is in half of the releases: ranking all of them means reading every
# match's index entry and sorting them (0.4 s for 50,000 on SQLite, 0.7 s on
# PostgreSQL) for every page, when a reader looks at the first few. The list says
# "more than" this many.
RANKED_MATCHES = 1000


class TableSQL(Expression):
    """SQL about the releases' table, written with {table} for the name it has in the
    query (Django renames it when the query becomes a subquery)."""

    def __init__(self, sql, params, output_field):
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, params

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.get_initial_alias())
        return self.sql.format(table=table), self.params


def sqlite_matches(releases, terms):
    query = fts5_query(terms)
    return releases.filter(
        TableSQL(
            "{table}.id IN (SELECT rowid FROM news_search WHERE news_search MATCH %s)",
            [query],
            BooleanField(),
        )
    )


def sqlite_ranked(releases, terms):
    # A join that the ORM cannot write (an FTS5 table is no model), hence extra().
    # Walking the index from its highest rowid down lets SQLite stop after
    # RANKED_MATCHES public matches, and FTS5's rank (bm25 with the weights set by
    # the migration; lower is better) is computed for those only, in one pass.
    return releases.extra(
        tables=["news_search"],
        where=["news_search.rowid = news_newsrelease.id", "news_search MATCH %s"],
        params=[fts5_query(terms)],
        select={"relevance": "-news_search.rank"},
        order_by=["-news_search.rowid"],
    )


def postgresql_matches(releases, terms):
    query = tsquery(terms)
    return releases.filter(
        TableSQL("{table}.search_vector @@ to_tsquery('simple', %s)", [query], BooleanField())
    )


def postgresql_ranked(releases, terms):
    relevance = TableSQL(
        "ts_rank({table}.search_vector, to_tsquery('simple', %s))", [tsquery(terms)], FloatField()
    )
    return postgresql_matches(releases, terms).annotate(relevance=relevance).order_by("-pk")


ENGINES = {
    "sqlite": (sqlite_matches, sqlite_ranked),
    "postgresql": (postgresql_matches, postgresql_ranked),
}


def matches(releases, terms):
    """The `releases` that have all of `terms`, in the queryset's own order."""
    return ENGINES[connections[releases.db].vendor][0](releases, terms)


class SearchResults(Sequence):
    """The most recently added RANKED_MATCHES of the `releases` that have all of
    `terms`, most relevant first and, among equals, newest first: a sequence a
    paginator can cut into pages, each page read with one query."""

    def __init__(self, releases, terms):
        self.releases = releases
        self.terms = terms
        self.model = releases.model  # what a generic list view names its template by

    def ids(self):
        if not self.terms:
            return []
        if not hasattr(self, "_ids"):
            ranked = ENGINES[connections[self.releases.db].vendor][1](self.releases, self.terms)
            rows = ranked.values_list("pk", "relevance", "release_time")[:RANKED_MATCHES]
            rows = sorted(rows, key=lambda row: (row[1], row[2], row[0]), reverse=True)
            self._ids = [pk for pk, _, _ in rows]
        return self._ids

    def __len__(self):
        return len(self.ids())

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids()[index]
        # Read by id alone: the ids were found among self.releases, and SQLite, given
        # their conditions again beside ten ids, walks the public-order index through
        # every public release instead of reading ten rows (40 ms at 100,000).
        page = self.releases.order_by()
        page.query.clear_where()
        found = page.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]  # unless deleted meanwhile
