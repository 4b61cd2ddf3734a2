from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The building blocks every app uses, and the office's contact details."""

    name = "core"
    verbose_name = _("International office")

    def ready(self):
        from . import pagecache
        from .converters import IdConverter, SegmentConverter

        pagecache.watch(self.get_model("Office"))
        register_converter(IdConverter, "id")
        register_converter(SegmentConverter, "segment")
