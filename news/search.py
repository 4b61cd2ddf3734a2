"""How each database finds and ranks releases: SQLite through its FTS5 table
news_search, PostgreSQL through the search_vector column and its GIN index. Both are
made and kept by migration 0008; docs/search.md tells why they look the way they do.
"""

from django.db.models import Expression, FloatField
from django.db.models.fields import BooleanField

from intloffice.search import fts5_query, tsquery

# Only the newest matches, up to this many, are ranked by relevance. A common word
# is in half of the releases: ranking them all means reading every match's index
# entry and sorting them (0.7 s for 50,000 on PostgreSQL) for every page, when a
# reader looks at the first few. The list counts results up to the same number.
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


def found(releases, matches, relevance, by_relevance):
    """The `releases` that `matches`; by relevance: the newest RANKED_MATCHES of them,
    most relevant first and, among equals, newest first."""
    if not by_relevance:
        return releases.filter(matches)
    newest = releases.filter(matches).order_by("-release_time", "-pk").values("pk")
    return (
        releases.filter(pk__in=newest[:RANKED_MATCHES])
        .alias(relevance=relevance)
        .order_by("-relevance", "-release_time", "-pk")
    )


def sqlite(releases, terms, by_relevance):
    query = fts5_query(terms)
    matches = TableSQL(
        "{table}.id IN (SELECT rowid FROM news_search WHERE news_search MATCH %s)",
        [query],
        BooleanField(),
    )
    # FTS5's rank is bm25() with the weights set in the migration, lower is better.
    relevance = TableSQL(
        "(SELECT -rank FROM news_search WHERE news_search MATCH %s AND rowid = {table}.id)",
        [query],
        FloatField(),
    )
    return found(releases, matches, relevance, by_relevance)


def postgresql(releases, terms, by_relevance):
    query = tsquery(terms)
    matches = TableSQL("{table}.search_vector @@ to_tsquery('simple', %s)", [query], BooleanField())
    relevance = TableSQL(
        "ts_rank({table}.search_vector, to_tsquery('simple', %s))", [query], FloatField()
    )
    return found(releases, matches, relevance, by_relevance)


ENGINES = {"sqlite": sqlite, "postgresql": postgresql}
