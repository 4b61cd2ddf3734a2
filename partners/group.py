"""The "Partner managers" group: staff who keep the directory and its agreements.

A migration that adds a partners model gives the group that model's permissions with
`grant_to_partner_managers`, so that the group keeps holding every partners permission.
"""

from django.contrib.auth.management import create_permissions

GROUP_NAME = "Partner managers"


def grant_to_partner_managers(*model_names):
    """A RunPython step that gives the group the permissions of `model_names`."""

    def grant(apps, schema_editor):
        # On a fresh database permissions are made only after all migrations
        # (post_migrate): make this app's now, so that the group can hold them.
        app_config = apps.get_app_config("partners")
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

        group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
        if group is None:
            return
        permissions = apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="partners", content_type__model__in=model_names
        )
        group.permissions.add(*permissions)

    return grant
