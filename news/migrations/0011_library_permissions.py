from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "News editors"
# News editors upload the photos of their releases: they look after them in the
# media library too (describe, delete what no page uses). Items are added by
# uploading in the editor, never from the library itself.
PERMISSIONS = ["view_libraryimage", "change_libraryimage", "delete_libraryimage"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is None:  # removed by the office: nothing to grant to
        return
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="core", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0010_preview_links"),
        ("core", "0002_media_library"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
