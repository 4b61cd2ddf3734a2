from django import forms
from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from intloffice.widgets import RichTextWidget

from .models import Agreement, Institution, Ranking, RankingSystem

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


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = [
            "name",
            "other_names",
            "slug",
            "city",
            "country",
            "founded_year",
            "website",
            "logo",
            "description",
            "strengths",
        ]
        widgets = {
            "other_names": SMALL_TEXTAREA,
            "strengths": SMALL_TEXTAREA,
            "description": RichTextWidget(),
        }


class RankingInline(admin.TabularInline):
    model = Ranking
    extra = 1
    fields = ["system", "year", "rank_from", "rank_to"]


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    fields = [
        ("kind", "status"),
        ("signed_on", "valid_until"),
        "programmes",
        "signatories",
        "status_override",
    ]
    readonly_fields = ["status"]
    widgets = {"programmes": SMALL_TEXTAREA, "signatories": SMALL_TEXTAREA}

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, widgets=self.widgets, **kwargs)

    @admin.display(description=_("status"))
    def status(self, agreement):
        return agreement.get_status_display() if agreement.pk else "—"


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "city",
        "country",
        "founded_year",
        "latest_world_ranking",
        "agreements_in_force",
    ]
    list_filter = [("country", CountryFilter), "agreements__kind", ExpiringAgreementFilter]
    # Searching goes through Institution.search_text (see get_search_results); the
    # field named here only turns the search box on.
    search_fields = ["name"]
    search_help_text = _("Searches all names (in any script) and the city.")
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RankingInline, AgreementInline]
    fieldsets = [
        (None, {"fields": ["name", "other_names", "slug", "city", "country", "founded_year"]}),
        (_("Presentation"), {"fields": ["website", "logo", "description", "strengths"]}),
    ]
    form = InstitutionForm

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
