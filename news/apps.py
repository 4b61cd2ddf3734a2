from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from core import editor, pagecache, sitesearch
        from core.library import usage

        from .sitesearch import NewsSearch

        release = self.get_model("NewsRelease")
        topic = self.get_model("Topic")
        pagecache.watch(
            release,
            release.partners.through,
            release.documents.through,
            topic,
            release.topics.through,
        )
        editor.allow_uploads_to("news.add_newsrelease", "news.change_newsrelease")
        # Where a library image may show: bodies, in every language, and the cover.
        usage.register(release, html=["body"], files=["cover"])
        sitesearch.register(NewsSearch(release))
