from django import forms
from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.admin_locking import OptimisticLockingAdminMixin
from core.admin_tabs import LanguageTabsMixin
from core.translation_admin import NeedsTranslationFilter, TranslationStatusMixin
from core.widgets import RichTextAdminMixin

from .models import Agreement, Institution, Ranking, RankingSystem
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
        "programmes",
        "signatories",
        "status_override",
        "documents",
    ]
    readonly_fields = ["status"]
    autocomplete_fields = ["documents"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if untranslated_name(db_field) in {"programmes", "signatories"}:
            kwargs["widget"] = SMALL_TEXTAREA
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("status"))
    def status(self, agreement):
        return agreement.get_status_display() if agreement.pk else "—"


@admin.register(Institution)
class InstitutionAdmin(
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
    inlines = [RankingInline, AgreementInline]
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
        (_("Presentation"), {"fields": ["website", "logo", "description", "strengths"]}),
    ]

    class Media:
        # Column widths of the list: the name takes what the short columns leave.
        css = {"all": ["css/admin-lists.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if untranslated_name(db_field) in {"other_names", "strengths"}:
            kwargs["widget"] = SMALL_TEXTAREA
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin_list()

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


# --- Agreements as spreadsheets ---------------------------------------------------
# A minimal list of agreements with the spreadsheet import and export; the full
# agreement admin (conditions, contacts, documents) extends this class.


@admin.register(Agreement)
class AgreementAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [AgreementResource]
    list_display = ["institution", "kind", "signed_on", "valid_until", "status_override"]
    list_filter = ["kind", "status_override"]
    list_select_related = ["institution"]
    search_fields = ["institution__name"]
    autocomplete_fields = ["institution"]
