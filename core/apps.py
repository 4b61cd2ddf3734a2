from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The building blocks every app uses, and the office's contact details."""

    name = "core"
    verbose_name = _("International office")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import pagecache
        from .converters import IdConverter, SegmentConverter
        from .search_index import fill_empty_kinds

        pagecache.watch(self.get_model("Office"))
        register_converter(IdConverter, "id")
        register_converter(SegmentConverter, "segment")
        # Once, after every app's migrations: the kinds register in their own ready().
        post_migrate.connect(fill_empty_kinds, sender=self, dispatch_uid="sitesearch-fill")
