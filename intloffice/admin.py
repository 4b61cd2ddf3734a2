"""Users and groups in the admin with their permissions named in the staff member's
language.

Django stores each permission's name in English when migrations create it ("Can add
news release"), and the permission pickers show that stored name. Here a default
permission (add, change, delete, view) is named from its action and the model's
translated name instead; any other is its stored name, passed through the catalogues.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import StaffPreferences

ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission):
    """ "App | Can add model": Django's "App | Model | Can add model", in the active
    language, without the model's name twice (the pickers are narrow)."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model since removed: only the stored names remain
        return str(permission)
    app = capfirst(model._meta.app_config.verbose_name)
    action, _underscore, model_name = permission.codename.partition("_")
    if action in ACTIONS and model_name == model._meta.model_name:
        return f"{app} | {ACTIONS[action] % {'model': model._meta.verbose_name}}"
    return f"{app} | {capfirst(model._meta.verbose_name)} | {gettext(permission.name)}"


class TranslatedPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name in {"permissions", "user_permissions"} and field is not None:
            field.label_from_instance = permission_label
        return field


class StaffPreferencesInline(admin.StackedInline):
    model = StaffPreferences
    can_delete = False
    fields = ["email_language"]


class OfficeUserAdmin(TranslatedPermissionsMixin, UserAdmin):
    inlines = [StaffPreferencesInline]

    def get_inlines(self, request, obj):
        # The add form asks only for a name and a password, as Django's does.
        return self.inlines if obj else []


class OfficeGroupAdmin(TranslatedPermissionsMixin, GroupAdmin):
    pass


for model, model_admin in [(User, OfficeUserAdmin), (Group, OfficeGroupAdmin)]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
