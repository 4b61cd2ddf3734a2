"""Partner institutions in the site search, through the shared index
(core.search_index): every name (other and former names too), its identifiers
(ROR ID, Erasmus and SCHAC codes), the city, the country's name in
each language and the description, in every language."""

from html import unescape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.languages import content_languages, fallback_language, place_name, translations_of
from core.search_index import IndexedKind
from core.sitesearch import Result


class InstitutionSearch(IndexedKind):
    name = "partners"
    label = _("Partner institutions")
    order = 40

    def published(self):
        # Every institution in the directory is public: there is no draft state.
        return self.model.objects.all()

    def documents(self, institution):
        countries = []
        for code in content_languages():
            with override(code):
                countries.append(str(institution.country.name))
        titles = [
            *translations_of(institution, "name"),
            *institution.other_names_list,
            *institution.former_names_for_search(),
            *institution.identifiers(),
        ]
        texts = [
            *translations_of(institution, "city"),
            *countries,
            *(unescape(strip_tags(text)) for text in translations_of(institution, "description")),
        ]
        return titles, texts

    def result(self, institution):
        place = place_name(institution.city, str(institution.country.name))
        return Result(
            title=institution.name,
            url=institution.get_absolute_url(),
            title_language=fallback_language(institution, "name"),
            text=" · ".join(
                filter(
                    None,
                    [
                        place,
                        *institution.other_names_list,
                        unescape(strip_tags(institution.description)),
                    ],
                )
            ),
        )

    def more_url(self, query):
        return f"{reverse('partners:list')}?{urlencode({'q': query})}"
