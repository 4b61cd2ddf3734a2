"""The topics' admin: a short list staff keep in order, each with the number of
public releases that carry it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin_locking import OptimisticLockingAdminMixin
from core.admin_tabs import LanguageTabsMixin
from core.history_admin import ReadableHistoryAdmin

from .models import Topic


@admin.register(Topic)
class TopicAdmin(
    OptimisticLockingAdminMixin, LanguageTabsMixin, TranslationAdmin, ReadableHistoryAdmin
):
    # Topics have no edit timestamp: their stored values are the version.
    version_field = None
    list_display = ["name", "slug", "order", "public_releases"]
    search_fields = ["name", "slug"]
    search_help_text = _("Searches names (in the admin's language) and slugs.")
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": ["name", "slug", "order"]})]

    class Media:
        css = {"all": ["css/admin-lists.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_public_counts()

    @admin.display(description=_("public releases"), ordering="public_count")
    def public_releases(self, topic):
        return topic.public_count

    def save_model(self, request, obj, form, change):
        # Shown in the topic's history as the reason for the change.
        obj._change_reason = _("Changed") if change else _("Created")
        super().save_model(request, obj, form, change)
