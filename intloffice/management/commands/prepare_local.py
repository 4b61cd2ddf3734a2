from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = (
        "What `make run` does before serving: apply migrations, load the demo content and "
        "make sure an administrator exists, in a few lines of output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")
        parser.add_argument("--reset-command", default="make password")

    def handle(self, *args, url, reset_command, **options):
        pending = pending_migrations()
        call_command("migrate", interactive=False, verbosity=0)
        if pending:
            self.stdout.write(f"Database ready: {pending} migrations applied.")
        else:
            self.stdout.write("Database ready: up to date.")
        call_command("load_demo", stdout=self.stdout)
        call_command("ensure_admin", url=url, reset_command=reset_command, stdout=self.stdout)


def pending_migrations():
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
