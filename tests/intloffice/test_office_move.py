"""The office's details moved from the project package's app to core: a database
made before the move keeps its row, and the model's content type (which its admin
history and permissions point to) now belongs to core."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [("intloffice", "0002_office_translations"), ("core", None)]
AFTER_THE_MOVE = [("intloffice", "0003_office_moves_to_core"), ("core", "0001_initial")]


def migrate(targets, state_at):
    """Migrate the test database to `targets`; the models as they were at `state_at`."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(state_at).apps


def migrate_to_the_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_office_and_its_content_type():
    old_apps = migrate(BEFORE_THE_MOVE, state_at=BEFORE_THE_MOVE[:1])
    ContentType.objects.filter(model="office").delete()
    old_type = ContentType.objects.create(app_label="intloffice", model="office")
    old_apps.get_model("intloffice", "Office").objects.create(
        pk=1, name="Old office", name_en="Old office", telephone="+86-543-0000000"
    )

    try:
        new_apps = migrate(AFTER_THE_MOVE, state_at=AFTER_THE_MOVE)
        office = new_apps.get_model("core", "Office").objects.get(pk=1)
        moved_type = ContentType.objects.get(pk=old_type.pk)
    finally:
        migrate_to_the_latest()

    assert (office.name_en, office.telephone) == ("Old office", "+86-543-0000000")
    assert (moved_type.app_label, moved_type.model) == ("core", "office")
    assert not ContentType.objects.filter(app_label="intloffice").exists()
