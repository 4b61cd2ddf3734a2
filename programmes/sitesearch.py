"""Programmes in the site search, through the shared index (core.search_index):
titles, summaries, who may apply and how, in every language. A closed programme is
found too: its page stays at its address, marked closed."""

from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.languages import fallback_language, translations_of
from core.search_index import IndexedKind
from core.sitesearch import Result


def plain(html):
    return unescape(strip_tags(html))


class OpportunitySearch(IndexedKind):
    name = "programmes"
    label = _("Programmes")
    order = 30

    def published(self):
        return self.model.objects.published()

    def documents(self, opportunity):
        return translations_of(opportunity, "title"), [
            *translations_of(opportunity, "summary"),
            *(plain(html) for html in translations_of(opportunity, "eligibility")),
            *(plain(html) for html in translations_of(opportunity, "how_to_apply")),
        ]

    def result(self, opportunity):
        return Result(
            title=opportunity.title,
            url=opportunity.get_absolute_url(),
            title_language=fallback_language(opportunity, "title"),
            text=" ".join(filter(None, [opportunity.summary, plain(opportunity.eligibility)])),
        )
