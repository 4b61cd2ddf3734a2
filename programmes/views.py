from django.db.models import Case, Exists, Min, OuterRef, Prefetch, Q, When
from django.http import Http404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_countries.fields import Country

from core.collation import sort_key
from core.languages import active_language, content_languages, localized_name, with_fallback
from core.pagecache import cache_public_page
from core.views import CanonicalSlugMixin
from documents.models import Document
from partners.models import Institution

from .forms import ProgrammeFilterForm
from .models import ApplicationWindow, Opportunity

PARTNER_COLUMNS = ["pk", "slug", "name", "country"]


def with_card_data(opportunities):
    """What a card needs: windows soonest first, partners with their country."""
    return opportunities.prefetch_related(
        Prefetch("windows", queryset=ApplicationWindow.objects.order_by("opens_at", "pk")),
        Prefetch("partners", queryset=Institution.objects.only(*PARTNER_COLUMNS).in_name_order()),
    ).defer("eligibility", "how_to_apply")


class PaginatedList(ListView):
    paginate_by = 20

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or not a number shows the first or last page.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


@method_decorator(
    cache_public_page(params=(*ProgrammeFilterForm.base_fields, "page")), name="dispatch"
)
class OpportunityListView(PaginatedList):
    """/programmes/: open and upcoming opportunities, the next deadline first."""

    template_name = "programmes/opportunity_list.html"

    def get(self, request, *args, **kwargs):
        self.form = ProgrammeFilterForm(request.GET)
        self.form.is_valid()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        opportunities = Opportunity.objects.current()
        if kind := self.form.value("kind"):
            opportunities = opportunities.filter(kind=kind)
        if level := self.form.value("level"):
            opportunities = opportunities.filter(level=level)
        links = Opportunity.partners.through.objects.filter(opportunity=OuterRef("pk"))
        if country := self.form.value("country"):
            opportunities = opportunities.filter(Exists(links.filter(institution__country=country)))
        if partner := self.form.value("partner"):
            opportunities = opportunities.filter(Exists(links.filter(institution=partner)))
        now = timezone.now()
        next_time = Min("windows__closes_at", filter=Q(windows__closes_at__gt=now))
        return with_card_data(opportunities.annotate(next_deadline=next_time)).order_by(
            "next_deadline", with_fallback("title"), "pk"
        )

    def get_context_data(self, **kwargs):
        partners = list(
            Institution.objects.filter(
                Exists(
                    Opportunity.partners.through.objects.filter(
                        institution=OuterRef("pk"),
                        opportunity__in=Opportunity.objects.current(),
                    )
                )
            )
            .only(*PARTNER_COLUMNS)
            .in_name_order()
        )
        countries = sorted(
            {Country(p.country.code) for p in partners},
            key=lambda c: sort_key(c.name, active_language()),
        )
        return super().get_context_data(
            form=self.form,
            filters={name: self.form.value(name) for name in self.form.fields},
            filtered=any(self.form.value(name) for name in self.form.fields),
            partner_choices=partners,
            country_choices=countries,
            **kwargs,
        )


@method_decorator(cache_public_page(params=("page",)), name="dispatch")
class OpportunityArchiveView(PaginatedList):
    """/programmes/archive/: published opportunities with no window open or ahead."""

    template_name = "programmes/opportunity_archive.html"

    def get_queryset(self):
        return with_card_data(
            Opportunity.objects.closed().annotate(last_deadline=Min("windows__closes_at"))
        ).order_by("-publish_at", "-pk")


@method_decorator(cache_public_page(params=()), name="dispatch")
class OpportunityDetailView(CanonicalSlugMixin, DetailView):
    """/programmes/<slug>/: everything about one opportunity; a closed one stays here."""

    context_object_name = "opportunity"
    template_name = "programmes/opportunity_detail.html"

    def can_preview(self):
        return self.request.user.has_perm("programmes.change_opportunity")

    def get_queryset(self):
        opportunities = (
            Opportunity.objects.all() if self.can_preview() else Opportunity.objects.published()
        )
        return opportunities.prefetch_related(
            Prefetch("windows", queryset=ApplicationWindow.objects.order_by("opens_at", "pk")),
            Prefetch(
                "partners", queryset=Institution.objects.only(*PARTNER_COLUMNS).in_name_order()
            ),
            Prefetch(
                "documents",
                queryset=Document.objects.filter(visibility=Document.Visibility.PUBLIC),
            ),
        )

    def get_object(self, queryset=None):
        """The opportunity with this slug in any language, this language's own first."""
        slug = self.kwargs["slug"]
        in_any_language = Q()
        for code in content_languages():
            in_any_language |= Q(**{localized_name("slug", code): slug})
        own_first = Case(When(Q(**{localized_name("slug"): slug}), then=0), default=1)
        opportunity = (
            (queryset or self.get_queryset())
            .filter(in_any_language)
            .order_by(own_first, "pk")
            .first()
        )
        if opportunity is None:
            raise Http404(_("No programme has this address."))
        return opportunity

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["preview"]:
            add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        state, window = self.object.window_state()
        return super().get_context_data(
            preview=not self.object.is_published(),
            state=state,
            state_window=window,
            now=timezone.now(),
            **kwargs,
        )
