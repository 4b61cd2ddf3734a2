"""Full-text search: every release's words in search_title and search_text, made by
core.search.search_document(), indexed by SQLite FTS5 or by a PostgreSQL
tsvector with a GIN index (docs/search.md). Replaces the trigram index of 0005.

The index is kept by triggers, so that every write of the two columns (save(),
bulk_create(), update(), a deletion, a raw statement) reaches it. On SQLite, a later
migration that makes Django rebuild news_newsrelease (an AlterField, say) drops the
triggers with the old table: create them again there with SQLITE_TRIGGERS.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils.html import strip_tags
from modeltranslation.utils import build_localized_fieldname

from core.search import search_document

BATCH_SIZE = 500

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE news_search USING fts5("
    "search_title, search_text, content='news_newsrelease', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)
# search_document() has already folded case and accents and split Chinese into
# pairs: the tokenizer only splits at the spaces it wrote.
SQLITE_TRIGGERS = [
    "CREATE TRIGGER news_search_insert AFTER INSERT ON news_newsrelease BEGIN "
    "INSERT INTO news_search (rowid, search_title, search_text) "
    "VALUES (new.id, new.search_title, new.search_text); END",
    "CREATE TRIGGER news_search_delete AFTER DELETE ON news_newsrelease BEGIN "
    "INSERT INTO news_search (news_search, rowid, search_title, search_text) "
    "VALUES ('delete', old.id, old.search_title, old.search_text); END",
    # Only when the searched columns are written: a counted visit (an UPDATE of
    # view_count) must not rewrite the release's index entries.
    "CREATE TRIGGER news_search_update AFTER UPDATE OF search_title, search_text "
    "ON news_newsrelease BEGIN "
    "INSERT INTO news_search (news_search, rowid, search_title, search_text) "
    "VALUES ('delete', old.id, old.search_title, old.search_text); "
    "INSERT INTO news_search (rowid, search_title, search_text) "
    "VALUES (new.id, new.search_title, new.search_text); END",
]
SQLITE_CREATE = [
    SQLITE_TABLE,
    *SQLITE_TRIGGERS,
    "INSERT INTO news_search (news_search) VALUES ('rebuild')",
    # rank (what ORDER BY rank sorts by) is bm25 with a title word worth ten of the
    # rest's.
    "INSERT INTO news_search (news_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS news_search_insert",
    "DROP TRIGGER IF EXISTS news_search_delete",
    "DROP TRIGGER IF EXISTS news_search_update",
    "DROP TABLE IF EXISTS news_search",
]

# 'simple': no stemming or stop words, which would know one language only; titles
# weigh A, the rest D, for ts_rank.
PG_VECTOR = (
    "setweight(to_tsvector('simple', {0}.search_title), 'A') "
    "|| to_tsvector('simple', {0}.search_text)"
)
PG_CREATE = [
    "ALTER TABLE news_newsrelease ADD COLUMN search_vector tsvector",
    "CREATE FUNCTION news_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN NEW.search_vector := {PG_VECTOR.format('NEW')}; RETURN NEW; END $$",
    # Only when the searched columns are written: a counted visit stays a HOT update
    # that touches no index.
    "CREATE TRIGGER news_search_vector BEFORE INSERT OR UPDATE OF search_title, search_text "
    "ON news_newsrelease FOR EACH ROW EXECUTE FUNCTION news_search_vector()",
    f"UPDATE news_newsrelease SET search_vector = {PG_VECTOR.format('news_newsrelease')}",
    "CREATE INDEX news_search_vector ON news_newsrelease USING gin (search_vector)",
    "DROP INDEX IF EXISTS news_search_trgm",
]
PG_DROP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS news_search_trgm ON news_newsrelease "
    "USING gin (search_text gin_trgm_ops)",
    "DROP TRIGGER IF EXISTS news_search_vector ON news_newsrelease",
    "DROP FUNCTION IF EXISTS news_search_vector()",
    "ALTER TABLE news_newsrelease DROP COLUMN IF EXISTS search_vector",
]


def run_sql(by_vendor):
    def run(apps, schema_editor):
        for statement in by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def translations(release, field):
    names = (build_localized_fieldname(field, code) for code in settings.MODELTRANSLATION_LANGUAGES)
    return [value for name in names if (value := getattr(release, name))]


def make_documents(apps, schema_editor):
    """What NewsRelease.make_search_document() makes, for the releases already saved."""
    NewsRelease = apps.get_model("news", "NewsRelease")
    releases = NewsRelease.objects.order_by("pk")
    for first in range(0, releases.count(), BATCH_SIZE):
        batch = list(releases[first : first + BATCH_SIZE])
        for release in batch:
            release.search_title = search_document(*translations(release, "title"))
            release.search_text = search_document(
                *translations(release, "summary"),
                *(strip_tags(body) for body in translations(release, "body")),
                release.author,
            )
        NewsRelease.objects.bulk_update(batch, ["search_title", "search_text"])


def make_plain_texts(apps, schema_editor):
    """The casefolded text that the searches before this migration read."""
    NewsRelease = apps.get_model("news", "NewsRelease")
    releases = NewsRelease.objects.order_by("pk")
    for first in range(0, releases.count(), BATCH_SIZE):
        batch = list(releases[first : first + BATCH_SIZE])
        for release in batch:
            parts = [
                *translations(release, "title"),
                *translations(release, "summary"),
                *(strip_tags(body) for body in translations(release, "body")),
                release.author,
            ]
            release.search_text = " ".join(" ".join(p.split()) for p in parts).casefold()
        NewsRelease.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("news", "0007_views_without_index")]

    operations = [
        migrations.AddField(
            model_name="newsrelease",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AlterField(
            model_name="newsrelease",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(make_documents, make_plain_texts, elidable=True),
        migrations.RunPython(
            run_sql({"sqlite": SQLITE_CREATE, "postgresql": PG_CREATE}),
            run_sql({"sqlite": SQLITE_DROP, "postgresql": PG_DROP}),
        ),
    ]
