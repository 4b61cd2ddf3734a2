from django import template

from news.models import NewsRelease

register = template.Library()


@register.inclusion_tag("news/_institution_news.html")
def news_naming(institution):
    """The section of a partner's page that lists the published releases naming it."""
    releases = NewsRelease.objects.published().filter(partners=institution)
    return {"news_releases": releases.order_by("-release_time")}
