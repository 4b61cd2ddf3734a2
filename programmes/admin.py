from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.admin_locking import OptimisticLockingAdminMixin
from core.admin_tabs import LanguageTabsMixin, field_label
from core.history_admin import ReadableHistoryAdmin
from core.translation_admin import NeedsTranslationFilter, TranslationStatusMixin
from core.widgets import RichTextAdminMixin
from documents.models import Document

from .dates import office_date, zone_name
from .models import ApplicationWindow, Opportunity


class WindowStateFilter(admin.SimpleListFilter):
    title = _("applications")
    parameter_name = "applications"

    def lookups(self, request, model_admin):
        return [("open", _("Open now")), ("upcoming", _("Opening later")), ("closed", _("Closed"))]

    def queryset(self, request, queryset):
        # The same rules as the public pages, without their "published" condition:
        # staff look for drafts too.
        now = timezone.now()
        windows = ApplicationWindow.objects.filter(opportunity=OuterRef("pk"))
        open_now = Exists(windows.filter(opens_at__lte=now, closes_at__gt=now))
        if self.value() == "open":
            return queryset.filter(open_now)
        if self.value() == "upcoming":
            return queryset.filter(Exists(windows.filter(opens_at__gt=now))).exclude(open_now)
        if self.value() == "closed":
            return queryset.exclude(Exists(windows.filter(closes_at__gt=now)))
        return queryset


class ApplicationWindowInline(LanguageTabsMixin, TranslationStackedInline):
    # Stacked, so that the label's languages become tabs and both times stay in view.
    model = ApplicationWindow
    extra = 1
    fields = [("opens_at", "closes_at"), "label"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in {"opens_at", "closes_at"}:
            field.help_text = _("In the office's time zone (%(zone)s).") % {"zone": zone_name()}
        return field


@admin.register(Opportunity)
class OpportunityAdmin(
    OptimisticLockingAdminMixin,
    TranslationStatusMixin,
    LanguageTabsMixin,
    RichTextAdminMixin,
    TranslationAdmin,
    ReadableHistoryAdmin,
):
    list_display = ["title", "kind", "level", "applications", "publication", "translation_status"]
    list_filter = ["kind", "level", "status", WindowStateFilter, NeedsTranslationFilter]
    search_fields = ["title_en", "title_zh_hans", "title_ru", "summary_en"]
    search_help_text = _("Searches titles in every language and the English summary.")
    autocomplete_fields = ["partners"]
    inlines = [ApplicationWindowInline]
    readonly_fields = [
        "translation_status_explained",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "translation_status_explained",
                    "title",
                    "slug",
                    "summary",
                    "language_of_instruction",
                    "duration",
                    "eligibility",
                    "how_to_apply",
                ]
            },
        ),
        (_("Programme"), {"fields": ["kind", "level", "places", "partners", "documents"]}),
        (_("Publication"), {"fields": ["status", "publish_at"]}),
        (
            _("Record"),
            {
                "fields": ["created_by", "created_at", "updated_by", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-lists.css"]}

    def get_autocomplete_fields(self, request):
        # The documents' own admin gives the search that autocompletion needs; without
        # it, the documents stay a plain list.
        try:
            documents_admin = self.admin_site.get_model_admin(Document)
        except NotRegistered:
            return self.autocomplete_fields
        if documents_admin.search_fields:
            return [*self.autocomplete_fields, "documents"]
        return self.autocomplete_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("windows")

    @admin.display(description=_("applications"))
    def applications(self, opportunity):
        state, window = opportunity.window_state()
        if state == "open":
            text = _("Open until %(date)s") % {"date": office_date(window.closes_at)}
        elif state == "upcoming":
            text = _("Opens %(date)s") % {"date": office_date(window.opens_at)}
        else:
            text = _("Closed")
        return format_html('<span class="window-state window-state-{}">{}</span>', state, text)

    @admin.display(description=_("publication"), ordering="publish_at")
    def publication(self, opportunity):
        if opportunity.status == Opportunity.Status.DRAFT:
            return _("Draft")
        if opportunity.publish_at > timezone.now():
            return _("Scheduled for %(date)s") % {"date": office_date(opportunity.publish_at)}
        return _("Published")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "publish_at":
            field.help_text = _(
                "Times are in the office's time zone (%(zone)s). A time in the future "
                "schedules the opportunity: it becomes public then, by itself."
            ) % {"zone": settings.TIME_ZONE}
        return field

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        obj._change_reason = self.describe_change(form, change)
        super().save_model(request, obj, form, change)

    @staticmethod
    def describe_change(form, change):
        if not change:
            return str(_("Created"))
        fields = form.fields
        labels = [str(field_label(fields[name])) for name in form.changed_data if name in fields]
        reason = _("Changed: %(fields)s") % {"fields": ", ".join(labels) or "-"}
        return reason[:100]
