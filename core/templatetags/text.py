"""Rich text where no markup may go, such as a page's meta description."""

import html
import re

from django import template
from django.utils.html import strip_tags

register = template.Library()

# The end of a block: its text and the next block's would run together without a space.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|td|th|figcaption)>", re.IGNORECASE)


@register.filter
def plain_text(value):
    """The words a reader sees: tags dropped, entities decoded, white space collapsed.

    The result is not marked safe, so the template escapes it again for where it goes.
    """
    text = strip_tags(BLOCK_END.sub(r"\g<0> ", value or ""))
    return " ".join(html.unescape(text).split())
