from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.models import Office

from .models import NewsRelease


class LatestNewsFeed(Feed):
    link = reverse_lazy("news:list")
    description = _("News releases of the international exchange & cooperation office.")

    def title(self):
        return _("%(office)s: news") % {"office": Office.current().name}

    def items(self):
        return NewsRelease.objects.published().for_list()[:20]

    def item_title(self, item):
        # Plain text: the RSS profile keeps HTML to the description, and a reader that
        # shows titles as text would show an escaped title's entities ("&#x27;").
        return item.title

    def item_description(self, item):
        # Readers read an RSS description as HTML: the plain-text summary is escaped so
        # that "<b>" or "&" in it arrive as the characters staff typed.
        return escape(item.summary)

    def item_author_name(self, item):
        return item.author or None

    def item_pubdate(self, item):
        return item.release_time

    def item_updateddate(self, item):
        return item.updated_at
