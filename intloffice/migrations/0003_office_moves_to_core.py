"""The office's contact details now belong to the core app (its 0001 migration).

Only Django's record of the models changes: the table stays, and core uses it.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("intloffice", "0002_office_translations"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Office")],
            database_operations=[],
        ),
    ]
