from django import forms
from django.contrib import admin
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin_locking import OptimisticLockingAdminMixin
from core.admin_storage import StorageErrorsAdminMixin
from core.admin_tabs import LanguageTabsMixin
from core.translation_admin import NeedsTranslationFilter, TranslationStatusMixin
from core.widgets import RichTextAdminMixin

from .citylookup import fill_coordinates
from .models import (
    Agreement,
    AgreementContact,
    AgreementReminder,
    AgreementStatus,
    CooperationCondition,
    FormerName,
    Institution,
    Ranking,
    RankingSystem,
    ReminderOutcome,
    ReminderThreshold,
    SubjectArea,
)
from .resources import AgreementResource, InstitutionResource, RankingResource
from .spreadsheets import SpreadsheetAdminMixin

SMALL_TEXTAREA = forms.Textarea(attrs={"rows": 3, "cols": 50})


class ExpiringAgreementFilter(admin.SimpleListFilter):
    title = _("agreements")
    parameter_name = "agreements"

    def lookups(self, request, model_admin):
        return [("expiring", _("Expiring within 6 months"))]

    def queryset(self, request, queryset):
        if self.value() == "expiring":
            return queryset.with_agreement_expiring()
        return queryset


def untranslated_name(db_field):
    """ "description" for description_ru: the field a translation column stands for."""
    return getattr(db_field, "translated_field", db_field).name


class FormerNameInline(TranslationTabularInline):
    model = FormerName
    extra = 0
    fields = ["name", "used_from", "used_until"]


class RankingInline(admin.TabularInline):
    model = Ranking
    extra = 1
    fields = ["system", "year", "rank_from", "rank_to"]


class AgreementInline(LanguageTabsMixin, TranslationStackedInline):
    model = Agreement
    extra = 0
    fields = [
        ("kind", "status"),
        ("signed_on", "valid_until"),
        "last_reminder",
        "programmes",
        "signatories",
        "status_override",
        "documents",
        "cooperation_link",
    ]
    readonly_fields = ["status", "last_reminder", "cooperation_link"]
    autocomplete_fields = ["documents"]

    def get_queryset(self, request):
        sent = AgreementReminder.objects.filter(
            agreement=OuterRef("pk"), outcome=ReminderOutcome.SENT
        ).order_by("-sent_at")
        return (
            super()
            .get_queryset(request)
            .annotate(
                last_reminder_at=Subquery(sent.values("sent_at")[:1]),
                last_reminder_threshold=Subquery(sent.values("threshold")[:1]),
            )
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if untranslated_name(db_field) in {"programmes", "signatories"}:
            kwargs["widget"] = SMALL_TEXTAREA
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("status"))
    def status(self, agreement):
        return agreement.get_status_display() if agreement.pk else "—"

    @admin.display(description=_("Erasmus terms"))
    def cooperation_link(self, agreement):
        if not agreement.pk:
            return _("Save the agreement first.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:partners_agreement_change", args=[agreement.pk]),
            _("Conditions, contacts and signed copy"),
        )

    @admin.display(description=_("last reminder"))
    def last_reminder(self, agreement):
        sent_at = getattr(agreement, "last_reminder_at", None)
        if sent_at is None:
            return _("none sent yet")
        threshold = ReminderThreshold(agreement.last_reminder_threshold)
        return f"{date_format(localtime(sent_at), 'DATETIME_FORMAT')} ({threshold.label})"


@admin.register(Institution)
class InstitutionAdmin(
    StorageErrorsAdminMixin,
    SpreadsheetAdminMixin,
    OptimisticLockingAdminMixin,
    TranslationStatusMixin,
    LanguageTabsMixin,
    RichTextAdminMixin,
    TranslationAdmin,
):
    resource_classes = [InstitutionResource]
    # Institutions have no edit timestamp: their stored values are the version.
    version_field = None
    # A description takes no pictures (the logo is the institution's picture).
    editor_upload_url_name = None
    # A plain list, so that a column is added with list_display.insert() or +=.
    list_display = [
        "name",
        "city",
        "country",
        "founded_year",
        "latest_world_ranking",
        "agreements_in_force",
        # Last, so that the columns before it keep their numbers in sorted addresses.
        "translation_status",
    ]
    list_filter = [
        ("country", CountryFilter),
        "agreements__kind",
        ExpiringAgreementFilter,
        NeedsTranslationFilter,
    ]
    # Searching goes through Institution.search_text (see get_search_results); the
    # field named here only turns the search box on.
    search_fields = ["name"]
    search_help_text = _("Searches all names (in any script) and the city.")
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FormerNameInline, RankingInline, AgreementInline]
    autocomplete_fields = ["successor"]
    readonly_fields = ["translation_status_explained"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "translation_status_explained",
                    "name",
                    "other_names",
                    "slug",
                    "city",
                    "country",
                    "founded_year",
                ]
            },
        ),
        (
            _("Identifiers"),
            {
                "fields": ["ror_id", "erasmus_code", "schac_code", "successor"],
                "description": _(
                    "How registries and the Erasmus Without Paper network know the "
                    "institution. Each is checked; the directory search finds them."
                ),
            },
        ),
        (_("Presentation"), {"fields": ["website", "logo", "description", "strengths"]}),
        (
            _("Location"),
            {
                "fields": [("latitude", "longitude")],
                "description": _(
                    "Where the directory's map shows the institution. Left empty, they are "
                    "looked up from the city and country when you save."
                ),
            },
        ),
    ]

    class Media:
        # Column widths of the list: the name takes what the short columns leave;
        # and of the former names' table.
        css = {"all": ["css/admin-lists.css", "css/admin-institutions.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if untranslated_name(db_field) in {"other_names", "strengths"}:
            kwargs["widget"] = SMALL_TEXTAREA
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin_list()

    def save_model(self, request, obj, form, change):
        if obj.latitude is None and obj.longitude is None:
            level, message = fill_coordinates(obj)
            self.message_user(request, message, level)
        super().save_model(request, obj, form, change)

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    @admin.display(
        description=_("latest world ranking"),
        ordering=F("latest_world_rank").asc(nulls_last=True),
    )
    def latest_world_ranking(self, institution):
        ranking = institution.latest_world_ranking()
        if ranking is None:
            return "—"
        return f"{ranking.system.label} {ranking.year}: {ranking.rank_display}"

    @admin.display(description=_("agreements in force"), ordering="agreements_in_force")
    def agreements_in_force(self, institution):
        return institution.agreements_in_force


@admin.register(RankingSystem)
class RankingSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "scope"]
    list_filter = ["scope"]
    search_fields = ["name", "short_name"]


@admin.register(Ranking)
class RankingAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    """Rankings are edited on their institution's page; this list is for importing
    and exporting them as a spreadsheet."""

    resource_classes = [RankingResource]
    list_display = ["institution", "system_label", "year", "rank"]
    list_filter = ["system", "year"]
    list_select_related = ["institution", "system"]
    search_fields = ["institution__name"]
    autocomplete_fields = ["institution"]
    ordering = ["institution__name", "system__name", "-year"]

    @admin.display(description=_("ranking system"), ordering="system__name")
    def system_label(self, ranking):
        # The short name (THE, QS): the list keeps its columns within the page.
        return ranking.system.label

    @admin.display(description=_("rank"), ordering="rank_from")
    def rank(self, ranking):
        return ranking.rank_display


class StatusFilter(admin.SimpleListFilter):
    """The status follows the dates, so it is filtered by the same rule as pages use."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return AgreementStatus.choices

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case AgreementStatus.IN_FORCE:
                return queryset.in_force(today)
            case AgreementStatus.EXPIRED:
                return queryset.expired(today)
            case AgreementStatus.IN_PREPARATION:
                return queryset.in_preparation(today)
        return queryset


class CooperationConditionInline(admin.StackedInline):
    model = CooperationCondition
    extra = 0
    fields = [
        ("mobility_type", "direction"),
        ("first_academic_year", "last_academic_year"),
        ("mobilities_per_year", "duration"),
        "subject_areas",
        "education_levels",
        ("language", "cefr_level"),
    ]
    autocomplete_fields = ["subject_areas"]


class AgreementContactInline(admin.TabularInline):
    model = AgreementContact
    extra = 0
    fields = ["side", "name", "role", "email", "telephone"]


@admin.register(Agreement)
class AgreementAdmin(SpreadsheetAdminMixin, LanguageTabsMixin, TranslationAdmin):
    """An agreement on its own page: its Erasmus terms, contacts and papers, which the
    institution's page only links to; and the list's spreadsheet import and export."""

    resource_classes = [AgreementResource]
    list_display = ["institution", "kind", "signed_on", "valid_until", "status"]
    list_filter = ["kind", StatusFilter, ("institution__country", CountryFilter)]
    list_select_related = ["institution"]
    # Searching goes through the institution's search text (see get_search_results).
    search_fields = ["institution__name"]
    search_help_text = _("Searches the institutions' names (in any script) and cities.")
    autocomplete_fields = ["institution", "documents", "signed_copy"]
    inlines = [CooperationConditionInline, AgreementContactInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "institution",
                    ("kind", "status_override"),
                    ("signed_on", "valid_until"),
                    "programmes",
                    "signatories",
                ]
            },
        ),
        (_("Documents"), {"fields": ["signed_copy", "documents"]}),
        (_("For staff only"), {"fields": ["internal_notes"]}),
    ]

    class Media:
        css = {"all": ["css/admin-lists.css", "css/admin-agreements.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if untranslated_name(db_field) in {"programmes", "signatories", "internal_notes"}:
            kwargs["widget"] = SMALL_TEXTAREA
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        return queryset.filter(institution__in=Institution.objects.search(search_term)), False

    @admin.display(description=_("status"))
    def status(self, agreement):
        return agreement.get_status_display()


@admin.register(SubjectArea)
class SubjectAreaAdmin(LanguageTabsMixin, TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name_en", "name_zh_hans", "name_ru"]
    ordering = ["code"]

    def get_readonly_fields(self, request, obj=None):
        # The code is the row's identity, which conditions point to.
        return ["code"] if obj else []


@admin.register(AgreementReminder)
class AgreementReminderAdmin(admin.ModelAdmin):
    """What went out: written by send_agreement_reminders only, so read-only here."""

    list_display = [
        "institution",
        "agreement_kind",
        "reminder",
        "end_date",
        "sent",
    ]
    list_display_links = ["institution"]
    list_filter = ["threshold", "outcome", "sent_at"]
    list_select_related = ["agreement__institution"]
    search_fields = ["agreement__institution__name", "recipients"]
    date_hierarchy = "sent_at"
    fields = ["agreement", "threshold", "valid_until", "outcome", "sent_at", "recipients"]

    class Media:
        css = {"all": ["css/admin-lists.css"]}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("institution"), ordering="agreement__institution__name")
    def institution(self, reminder):
        return reminder.agreement.institution

    @admin.display(description=_("reminder"), ordering="threshold")
    def reminder(self, reminder):
        """The threshold, and the outcome when it is not "sent": one column less."""
        if reminder.outcome == ReminderOutcome.SENT:
            return reminder.get_threshold_display()
        return f"{reminder.get_threshold_display()} · {reminder.get_outcome_display()}"

    # Not the field itself: Django keeps a date column on one line, and this list is
    # narrow beside the admin's menu.
    @admin.display(description=_("end date"), ordering="valid_until")
    def end_date(self, reminder):
        return date_format(reminder.valid_until)

    @admin.display(description=_("sent at"), ordering="sent_at")
    def sent(self, reminder):
        return date_format(localtime(reminder.sent_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("agreement"), ordering="agreement__kind")
    def agreement_kind(self, reminder):
        return reminder.agreement.get_kind_display()
