from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner institutions")

    def ready(self):
        from core import pagecache, sitesearch
        from core.library import usage

        from .sitesearch import InstitutionSearch

        pagecache.watch(*(self.get_model(name) for name in PUBLIC_MODELS))
        # Attaching or detaching a document changes the partner's page too.
        pagecache.watch(self.get_model("Agreement").documents.through)
        # So does choosing a condition's subject areas.
        pagecache.watch(self.get_model("CooperationCondition").subject_areas.through)
        usage.register(self.get_model("Institution"), html=["description"], files=["logo"])
        sitesearch.register(InstitutionSearch(self.get_model("Institution")))


# The models whose rows appear on public pages.
PUBLIC_MODELS = [
    "Institution",
    "FormerName",
    "Ranking",
    "RankingSystem",
    "Agreement",
    "CooperationCondition",
    "SubjectArea",
]
