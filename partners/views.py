from django import forms
from django.db.models import Case, Count, F, Q, When
from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_countries import countries
from django_countries.fields import Country

from core.collation import sort_key
from core.languages import active_language, content_languages, localized_name
from core.pagecache import cache_public_page
from core.views import CanonicalSlugMixin

from .map import PartnerMap, map_fields
from .models import Institution, name_order

SEARCH_QUERY_MAX_LENGTH = 100


class DirectoryForm(forms.Form):
    """The directory's filters. Whatever does not validate is ignored, never an error."""

    SORTS = {
        "name": [],
        "founded": [F("founded_year").asc(nulls_last=True)],
        "ranking": [F("best_world_rank").asc(nulls_last=True)],
    }

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_QUERY_MAX_LENGTH)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("founded", _("Founding year")),
            ("ranking", _("Best world ranking")),
        ],
    )

    def clean_country(self):
        code = self.cleaned_data["country"].upper()
        return code if code in countries else ""

    def value(self, name):
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None


@method_decorator(cache_public_page(params=(*DirectoryForm.base_fields, "page")), name="dispatch")
class InstitutionListView(ListView):
    """/partners/: search by any name or the city, filter by country, sort."""

    model = Institution
    paginate_by = 12

    def get(self, request, *args, **kwargs):
        self.form = DirectoryForm(request.GET)
        self.form.is_valid()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.searched = Institution.objects.search(self.form.value("q") or "")
        self.found = self.searched
        if country := self.form.value("country"):
            self.found = self.found.filter(country=country)
        queryset = self.found.with_best_world_rank().for_list()
        sort = DirectoryForm.SORTS[self.form.value("sort") or "name"]
        # By name as the visitor reads it: in their language, or the default one.
        return queryset.order_by(*sort, name_order(), "pk")

    def paginate_queryset(self, queryset, page_size):
        """Paginator.get_page(): a page number out of range or not a number is no error."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        per_country = self.searched.values("country").annotate(total=Count("pk")).order_by()
        country_counts = sorted(
            ((Country(row["country"]), row["total"]) for row in per_country),
            key=lambda pair: sort_key(pair[0].name, active_language()),
        )
        return super().get_context_data(
            form=self.form,
            query=self.form.value("q") or "",
            country=self.form.value("country") or "",
            sort=self.form.value("sort") or "name",
            country_counts=country_counts,
            partner_map=self.partner_map(),
            **kwargs,
        )

    def partner_map(self):
        """The map shows what the list finds, on every page of it: one query."""
        located = self.found.filter(latitude__isnull=False, longitude__isnull=False)
        return PartnerMap.of(located.only(*map_fields()).order_by())


@method_decorator(cache_public_page(params=()), name="dispatch")
class InstitutionDetailView(CanonicalSlugMixin, DetailView):
    """/partners/<slug>/: facts, rankings, agreements and the news naming the institution."""

    model = Institution

    def get_queryset(self):
        return Institution.objects.for_detail()

    def get_object(self, queryset=None):
        """The institution with this slug in any language (each language has its own).

        One institution's slug in one language may be another's in another language:
        the one whose slug it is in the visitor's language comes first, so that each
        keeps its own page instead of redirecting to the other's.
        """
        slug = self.kwargs["slug"]
        in_any_language = Q()
        for code in content_languages():
            in_any_language |= Q(**{localized_name("slug", code): slug})
        own_slug_first = Case(When(Q(**{localized_name("slug"): slug}), then=0), default=1)
        institution = (
            (queryset or self.get_queryset())
            .filter(in_any_language)
            .order_by(own_slug_first, "pk")
            .first()
        )
        if institution is None:
            raise Http404(_("No partner institution has this address."))
        return institution
