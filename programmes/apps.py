from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes and deadlines")

    def ready(self):
        from core import editor, pagecache, sitesearch
        from core.library import usage

        from .sitesearch import OpportunitySearch

        opportunity = self.get_model("Opportunity")
        pagecache.watch(
            opportunity,
            opportunity.partners.through,
            opportunity.documents.through,
            self.get_model("ApplicationWindow"),
        )
        editor.allow_uploads_to("programmes.add_opportunity", "programmes.change_opportunity")
        # Where a library image may show: the rich-text fields, in every language.
        usage.register(opportunity, html=["eligibility", "how_to_apply"])
        sitesearch.register(OpportunitySearch(opportunity))
