from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "News editors"
# Managing news, uploading images from the editor (which needs change_newsrelease),
# and seeing partner names to link a release to them (the admin autocomplete needs
# view_institution). Nothing else.
PERMISSIONS = [
    ("news", "add_newsrelease"),
    ("news", "change_newsrelease"),
    ("news", "delete_newsrelease"),
    ("news", "view_newsrelease"),
    ("partners", "view_institution"),
]


def add_news_editors(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they
    # exist now so the group can hold them on a fresh database.
    for app_label in ("news", "partners"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PERMISSIONS
    )


def remove_news_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_news_editors, remove_news_editors)]
