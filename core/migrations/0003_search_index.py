"""The site search's shared index: a SearchEntry per object of each kind that
registers with core.search_index, and its full-text index, SQLite FTS5 (core_search)
or a PostgreSQL tsvector with a GIN index, kept by triggers like the news index
(news/migrations/0008_full_text_search.py; docs/search.md).

The entries of objects that exist when a kind is first registered are made after
migrating (core.search_index.fill_empty_kinds), or by `manage.py
rebuild_search_index`.
"""

from django.db import migrations, models

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE core_search USING fts5("
    "title, text, content='core_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER core_search_insert AFTER INSERT ON core_searchentry BEGIN "
    "INSERT INTO core_search (rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER core_search_delete AFTER DELETE ON core_searchentry BEGIN "
    "INSERT INTO core_search (core_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER core_search_update AFTER UPDATE ON core_searchentry BEGIN "
    "INSERT INTO core_search (core_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO core_search (rowid, title, text) VALUES (new.id, new.title, new.text); END",
    # A title word weighs ten of the rest's, as in the news index.
    "INSERT INTO core_search (core_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_search_insert",
    "DROP TRIGGER IF EXISTS core_search_delete",
    "DROP TRIGGER IF EXISTS core_search_update",
    "DROP TABLE IF EXISTS core_search",
]

PG_VECTOR = "setweight(to_tsvector('simple', NEW.title), 'A') || to_tsvector('simple', NEW.text)"
PG_CREATE = [
    "ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector",
    "CREATE FUNCTION core_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN NEW.search_vector := {PG_VECTOR}; RETURN NEW; END $$",
    "CREATE TRIGGER core_search_vector BEFORE INSERT OR UPDATE OF title, text "
    "ON core_searchentry FOR EACH ROW EXECUTE FUNCTION core_search_vector()",
    "CREATE INDEX core_search_vector ON core_searchentry USING gin (search_vector)",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS core_search_vector ON core_searchentry",
    "DROP FUNCTION IF EXISTS core_search_vector()",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS search_vector",
]


def run_sql(by_vendor):
    def run(apps, schema_editor):
        for statement in by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0002_media_library")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.TextField(default="")),
                ("text", models.TextField(default="")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="search_entry_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(
            run_sql({"sqlite": SQLITE_CREATE, "postgresql": PG_CREATE}),
            run_sql({"sqlite": SQLITE_DROP, "postgresql": PG_DROP}),
        ),
    ]
