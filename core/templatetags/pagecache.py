"""{% live %}...{% endlive %}: the one part of a cached page that each visit renders
afresh (see core.pagecache)."""

from django import template

from core.pagecache import live_part

register = template.Library()


class LiveNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # A template rendered without a request (the part alone, say) is never kept.
        return live_part(getattr(context, "request", None), self.nodelist.render(context))


@register.tag
def live(parser, token):
    nodelist = parser.parse(("endlive",))
    parser.delete_first_token()
    return LiveNode(nodelist)
