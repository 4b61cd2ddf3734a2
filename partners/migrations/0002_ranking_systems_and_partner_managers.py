"""Seed the ranking systems staff choose from, and the "Partner managers" group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RANKING_SYSTEMS = [
    ("THE World University Rankings", "THE", "world"),
    ("QS World University Rankings", "QS", "world"),
    ("Academic Ranking of World Universities", "ARWU", "world"),
    ("RAEX-100 Best Universities of Russia", "RAEX", "national"),
]

GROUP_NAME = "Partner managers"


def add_ranking_systems(apps, schema_editor):
    RankingSystem = apps.get_model("partners", "RankingSystem")
    for name, short_name, scope in RANKING_SYSTEMS:
        RankingSystem.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "scope": scope}
        )


def add_partner_managers(apps, schema_editor):
    # On a fresh database the permissions are created only after all migrations
    # (post_migrate); create this app's now so that the group can hold them.
    app_config = apps.get_app_config("partners")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(Permission.objects.filter(content_type__app_label="partners"))


def remove_partner_managers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_ranking_systems, migrations.RunPython.noop),
        migrations.RunPython(add_partner_managers, remove_partner_managers),
    ]
