from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from core import pagecache

        # Pages list attached documents (title, kind, size): an edit, a replaced file
        # or a document made staff-only shows there at once.
        pagecache.watch(self.get_model("Document"))
