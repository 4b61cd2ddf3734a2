"""News in the site search: found through the news index, the way /news/?q= finds
them (news.search.SearchResults), so that both rank alike."""

from html import unescape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.languages import fallback_language
from core.sitesearch import Found, Kind, Result

from . import search


class NewsSearch(Kind):
    name = "news"
    label = _("News")
    order = 10

    def __init__(self, model):
        self.model = model

    def find(self, terms, limit):
        releases = self.model.objects.published().defer("search_title", "search_text")
        ranked = search.SearchResults(releases, terms)
        shown = ranked[:limit]
        return Found(
            results=[self.result(release) for release in shown],
            total=len(ranked),
            capped=len(ranked) >= search.RANKED_MATCHES,
        )

    def result(self, release):
        return Result(
            title=release.title,
            url=release.get_absolute_url(),
            title_language=fallback_language(release, "title"),
            text=self.text(release),
            date=release.release_time,
        )

    @staticmethod
    def text(release):
        # A body often begins with the summary: it is shown once.
        body = " ".join(unescape(strip_tags(release.body)).split())
        summary = " ".join((release.summary or "").split())
        return body if summary in body else f"{summary} {body}"

    def more_url(self, query):
        return f"{reverse('news:list')}?{urlencode({'q': query})}"
