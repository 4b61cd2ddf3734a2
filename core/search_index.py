"""The shared index of the site search: kinds that register an IndexedKind have an
entry (core.models.SearchEntry) for each of their objects, written on every save and
removed on every delete, and are found through SQLite FTS5 or PostgreSQL's GIN index
(migration 0003) with the words of core.search, as news is through its own index.

An entry is kept for every object, public or not; find() only returns what the
kind's published() holds, so a draft, a scheduled or a hidden object is never found
whatever its entry says.
"""

from django.db import connection, connections, transaction
from django.db.models import BooleanField, Expression, FloatField
from django.db.models.signals import post_delete, post_save

from .search import fts5_query, search_document, tsquery
from .sitesearch import Found, Kind, kinds

# As for news (news.search.RANKED_MATCHES): only the most recently added matches, up
# to this many, are ranked by relevance, so that a word found in most objects costs
# no more than this many index entries.
RANKED_MATCHES = 1000
BATCH_SIZE = 500


class TableSQL(Expression):
    """SQL about the entries' table, written with {table} for its name in the query."""

    def __init__(self, sql, params, output_field):
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, params

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.get_initial_alias())
        return self.sql.format(table=table), self.params


def sqlite_ranked(entries, terms):
    # An FTS5 table is no model, hence extra(); lower rank is better in FTS5.
    return entries.extra(
        tables=["core_search"],
        where=["core_search.rowid = core_searchentry.id", "core_search MATCH %s"],
        params=[fts5_query(terms)],
        select={"relevance": "-core_search.rank"},
        order_by=["-core_search.rowid"],
    )


def postgresql_ranked(entries, terms):
    query = tsquery(terms)
    matches = entries.filter(
        TableSQL("{table}.search_vector @@ to_tsquery('simple', %s)", [query], BooleanField())
    )
    relevance = TableSQL(
        "ts_rank({table}.search_vector, to_tsquery('simple', %s))", [query], FloatField()
    )
    return matches.annotate(relevance=relevance).order_by("-pk")


RANKED = {"sqlite": sqlite_ranked, "postgresql": postgresql_ranked}


class IndexedKind(Kind):
    """A kind found through the shared index. Give `name`, `label`, `order` and
    implement published(), documents() and result(); register an instance made with
    the model from the app's AppConfig.ready():

        sitesearch.register(InstitutionSearch(self.get_model("Institution")))
    """

    def __init__(self, model):
        self.model = model
        uid = f"sitesearch-{self.name}"
        post_save.connect(self.saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(self.deleted, sender=model, weak=False, dispatch_uid=f"{uid}-del")

    def published(self):
        """What the public may see: the only objects find() returns."""
        raise NotImplementedError

    def documents(self, obj):
        """(titles, texts): the plain texts an object is found by, in every language;
        a word in the titles counts for more."""
        raise NotImplementedError

    def result(self, obj):
        """The core.sitesearch.Result showing `obj`, in the active language."""
        raise NotImplementedError

    def for_results(self):
        """The queryset the shown objects are read from (add select_related here)."""
        return self.model._default_manager.all()

    def entry(self, obj):
        from .models import SearchEntry

        titles, texts = self.documents(obj)
        return SearchEntry(
            kind=self.name,
            object_id=obj.pk,
            title=search_document(*titles),
            text=search_document(*texts),
        )

    def saved(self, sender, instance, **kwargs):
        from .models import SearchEntry

        entry = self.entry(instance)
        SearchEntry.objects.update_or_create(
            kind=self.name,
            object_id=instance.pk,
            defaults={"title": entry.title, "text": entry.text},
        )

    def deleted(self, sender, instance, **kwargs):
        from .models import SearchEntry

        SearchEntry.objects.filter(kind=self.name, object_id=instance.pk).delete()

    def rebuild(self):
        """Make every object's entry again (for rows written without save())."""
        from .models import SearchEntry

        with transaction.atomic():
            SearchEntry.objects.filter(kind=self.name).delete()
            objects = self.model._default_manager.order_by("pk")
            batch = []
            for obj in objects.iterator(chunk_size=BATCH_SIZE):
                batch.append(self.entry(obj))
                if len(batch) == BATCH_SIZE:
                    SearchEntry.objects.bulk_create(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)

    def find(self, terms, limit):
        from .models import SearchEntry

        entries = SearchEntry.objects.filter(
            kind=self.name, object_id__in=self.published().values("pk")
        )
        ranked = RANKED[connections[entries.db].vendor](entries, terms)
        rows = list(ranked.values_list("object_id", "relevance")[:RANKED_MATCHES])
        # Most relevant first; among equals, the most recently added.
        rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
        ids = [object_id for object_id, _ in rows[:limit]]
        shown = self.for_results().in_bulk(ids) if ids else {}
        return Found(
            results=[self.result(shown[pk]) for pk in ids if pk in shown],
            total=len(rows),
            capped=len(rows) >= RANKED_MATCHES,
        )


def indexed_kinds():
    return [kind for kind in kinds() if isinstance(kind, IndexedKind)]


def fill_empty_kinds(**kwargs):
    """After migrating: make the entries of a kind that has objects but none yet (the
    first deployment with its app registered)."""
    from .models import SearchEntry

    if SearchEntry._meta.db_table not in connection.introspection.table_names():
        return
    for kind in indexed_kinds():
        has_entries = SearchEntry.objects.filter(kind=kind.name).exists()
        if not has_entries and kind.model._default_manager.exists():
            kind.rebuild()
