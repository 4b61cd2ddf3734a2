from django.contrib.syndication.views import Feed
from django.core.validators import slug_re
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.models import Office

from .models import NewsRelease, Topic


class LatestNewsFeed(Feed):
    """The latest releases; with ?topic=<slug>, the latest on that topic."""

    description = _("News releases of the international exchange & cooperation office.")

    def get_object(self, request):
        slug = request.GET.get("topic", "").strip()[:50]
        if not slug:
            return None
        # What could not be a slug is not looked up (PostgreSQL refuses a NUL).
        topic = Topic.objects.filter(slug=slug).first() if slug_re.fullmatch(slug) else None
        if topic is None:
            raise Http404
        return topic

    def link(self, topic):
        return topic.get_absolute_url() if topic else reverse("news:list")

    def title(self, topic):
        office = Office.current().name
        if topic:
            return _("%(office)s: news on %(topic)s") % {"office": office, "topic": topic.name}
        return _("%(office)s: news") % {"office": office}

    def items(self, topic):
        releases = NewsRelease.objects.published().for_list()
        if topic:
            releases = releases.filter(topics=topic)
        return releases[:20]

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
