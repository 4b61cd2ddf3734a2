from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes and deadlines")

    def ready(self):
        from core import pagecache

        opportunity = self.get_model("Opportunity")
        pagecache.watch(
            opportunity,
            opportunity.partners.through,
            opportunity.documents.through,
            self.get_model("ApplicationWindow"),
        )
