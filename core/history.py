"""Readable differences between two versions of a text, for a record's history.

Rich text is compared as the words a reader sees (its HTML reduced to text), never
as markup. Words are the unit of change; in scripts written without spaces (Chinese,
Japanese) each character is one, so that a changed phrase shows as the characters
changed rather than the whole sentence.
"""

import re
from difflib import SequenceMatcher
from html import unescape
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Elements after which a reader sees a break: their text must not run into the next.
BLOCK_ELEMENTS = {
    "address", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
}  # fmt: skip
# Elements whose content is not shown as text.
HIDDEN_ELEMENTS = {"script", "style", "template"}

# One token: a run of spaces, one character of a script written without spaces, or
# a run of anything else (a word with its punctuation).
CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f"
)
TOKEN = re.compile(rf"\s+|[{CJK}]|[^\s{CJK}]+")


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self.hidden += 1
        elif tag in BLOCK_ELEMENTS:
            self.parts.append("\n")
        elif tag == "img":
            # A picture's description is what a reader of the text knows of it.
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f" {alt} ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    """The text a reader sees of `html`: tags dropped, entities decoded, blocks
    separated by one space, runs of white space made one."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    return " ".join(unescape("".join(extractor.parts)).split())


def tokens(text):
    """`text` cut into the units a change is shown in (see TOKEN)."""
    return TOKEN.findall(text or "")


def _marked(tag, parts):
    text = "".join(parts)
    if not text:
        return ""
    if text.isspace():
        return escape(text)
    return f"<{tag}>{escape(text)}</{tag}>"


def diff_text(old, new):
    """Safe HTML showing `new` against `old`: words added in <ins>, removed in <del>,
    the rest as it is; every piece of text escaped."""
    before, after = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    html = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            html.append(escape("".join(before[i1:i2])))
            continue
        html.append(_marked("del", before[i1:i2]))
        if operation == "replace" and _is_word(before[i2 - 1]) and _is_word(after[j1]):
            # A removed word and the added one shown side by side would read as one.
            html.append(" ")
        html.append(_marked("ins", after[j1:j2]))
    return mark_safe("".join(html))  # noqa: S308 - every piece above is escaped


def _is_word(token):
    return not token.isspace() and not re.fullmatch(rf"[{CJK}]", token)


def diff_html(old, new):
    """diff_text() of the visible text of two pieces of rich text."""
    return diff_text(visible_text(old), visible_text(new))
