from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class IntlOfficeConfig(AppConfig):
    name = "intloffice"
    verbose_name = _("International office")

    def ready(self):
        from .converters import IdConverter, SegmentConverter
        from .pagecache import connect_content_signals

        connect_content_signals(self.apps)
        register_converter(IdConverter, "id")
        register_converter(SegmentConverter, "segment")
