"""Rich text where no markup may go, such as a page's meta description."""

import html

from django import template
from django.utils.html import strip_tags

register = template.Library()


@register.filter
def plain_text(value):
    """The words a reader sees: tags dropped, entities decoded, white space collapsed.

    The result is not marked safe, so the template escapes it again for where it goes.
    """
    return " ".join(html.unescape(strip_tags(value or "")).split())
