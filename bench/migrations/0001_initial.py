from django.db import migrations, models


def add_counter_row(apps, schema_editor):
    apps.get_model("bench", "Counter").objects.create(pk=1, n=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Counter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="Seeding",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("releases", models.PositiveIntegerField()),
                ("version", models.PositiveSmallIntegerField()),
                ("finished_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.RunPython(add_counter_row, migrations.RunPython.noop),
    ]
