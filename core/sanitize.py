"""Cleaning of text that staff type or paste, applied by the model fields that store it.

The rich-text editor is not a security boundary (anyone can post any HTML to the
admin), so rich text is cleaned on the server against an allowlist: no script, no
event handlers, no `style`, no SVG or MathML, only http(s), mailto and tel links.
"""

import re

import nh3

RICH_TEXT_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr", "code", "pre",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption", "img",
}  # fmt: skip
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
RICH_TEXT_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}
RICH_TEXT_CLASSES = {"figure": {"image", "table"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# C0 and C1 control characters other than tab and newline: XML (feeds, sitemaps)
# cannot carry them, and they are never meant in a title or a name.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f]")


class CleanHTML(str):
    """Text that clean_html() returned, so that cleaning it again is skipped.

    Any change to the text (joining, slicing, replacing) gives a plain str again,
    which is cleaned anew when it is written.
    """


def clean_html(html):
    """Return `html` reduced to the allowlist; links get rel="noopener noreferrer"."""
    if isinstance(html, CleanHTML):
        return html
    if not html:
        return CleanHTML()
    cleaned = nh3.clean(
        strip_control_characters(html),
        tags=RICH_TEXT_TAGS,
        clean_content_tags={"script", "style", "template", "svg", "math", "iframe", "object"},
        attributes=RICH_TEXT_ATTRIBUTES,
        tag_attribute_values=RICH_TEXT_ATTRIBUTE_VALUES,
        allowed_classes=RICH_TEXT_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return CleanHTML(cleaned.strip())


def strip_control_characters(text):
    """Remove control characters (keeping tab and newline) from a plain-text value."""
    return CONTROL_CHARACTERS.sub("", text or "")
