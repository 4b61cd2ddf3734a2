from django.db import migrations

# On PostgreSQL, a trigram index lets `search_text LIKE '%word%'` (the news search)
# use an index instead of reading every row. SQLite has no such index; its search
# stays a scan. pg_trgm is a trusted extension: the database owner may create it.
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS news_search_trgm ON news_newsrelease "
    "USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS news_search_trgm"]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("news", "0004_public_order_index_with_id")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
