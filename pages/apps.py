from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = pgettext_lazy("the office's web pages", "Pages")

    def ready(self):
        from core import editor, pagecache, sitesearch
        from core.library import usage

        from .sitesearch import PageSearch

        page = self.get_model("Page")
        redirect = self.get_model("PageRedirect")
        pagecache.watch(page, page.documents.through, redirect)
        editor.allow_uploads_to("pages.add_page", "pages.change_page")
        usage.register(page, html=["body"], files=["cover"])
        sitesearch.register(PageSearch(page))
