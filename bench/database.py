"""The benchmark's own database, one per scale, never the site's.

SQLite: var/bench/sqlite-<N>.sqlite3. PostgreSQL (DATABASE_URL says postgres): a
database `intloffice_bench_<N>` created beside the one DATABASE_URL names, which is
left alone. A completed seeding leaves a row in bench.Seeding; a later run at the
same scale re-uses the database unless asked to seed again.
"""

from pathlib import Path
from urllib.parse import urlparse, urlunparse

from django.core.management import call_command
from django.db import DatabaseError, connections

# Raise when the generated data changes shape, so that old databases are re-seeded.
SEED_VERSION = 3


def bench_database_url(releases, site_database_url, folder):
    if site_database_url.startswith(("postgres://", "postgresql://")):
        parts = urlparse(site_database_url)
        return urlunparse(parts._replace(path=f"/intloffice_bench_{releases}"))
    return f"sqlite:///{folder / f'sqlite-{releases}.sqlite3'}"


def is_postgres(database_url):
    return database_url.startswith(("postgres://", "postgresql://"))


def create_postgres_database(database_url, drop_first=False):
    """Create the benchmark database in the cluster (dropping it first if asked)."""
    import psycopg2

    parts = urlparse(database_url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urlunparse(parts._replace(path="/postgres")))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            if drop_first:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        admin.close()


def is_seeded(releases):
    from .models import Seeding

    try:
        return Seeding.objects.filter(releases=releases, version=SEED_VERSION).exists()
    except DatabaseError:
        return False


def reset(database_url):
    """An empty database at `database_url`, with every migration applied."""
    connections.close_all()
    if is_postgres(database_url):
        create_postgres_database(database_url, drop_first=True)
    else:
        path = urlparse(database_url).path
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    call_command("migrate", "--noinput", verbosity=0)


def mark_seeded(releases):
    from .models import Seeding

    Seeding.objects.create(releases=releases, version=SEED_VERSION)


def analyze(database_url):
    """PostgreSQL's autovacuum would analyze the new tables soon: do it now, so
    that the first measured minutes do not run on plans made for empty tables."""
    if is_postgres(database_url):
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
