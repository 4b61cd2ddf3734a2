"""Hostile-input helpers: the payloads (tests/data/) and a check that a public page
has nothing a browser would execute."""

import re
from html.parser import HTMLParser
from pathlib import Path

DATA = Path(__file__).parent / "data"
XSS_PAYLOADS = [
    line for line in (DATA / "xss_payloads.txt").read_text(encoding="utf-8").splitlines() if line
]

FORBIDDEN_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "base", "form",
    "input", "button", "textarea", "select", "meta", "frame", "frameset", "applet", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "background", "cite"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


class ExecutableContentFinder(HTMLParser):
    """Collects every tag or attribute in `html` that could run script."""

    def __init__(self, allowed_tags=()):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = set(allowed_tags)
        self.findings = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS and tag not in self.allowed_tags and not is_ours(tag, attrs):
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            # Browsers ignore whitespace and control characters inside URLs.
            value = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}>")
            elif name == "style":
                self.findings.append(f"<{tag} style>")
            elif name in URL_ATTRIBUTES and unsafe_scheme(value):
                self.findings.append(f"<{tag} {name}={value[:40]}>")


def is_ours(tag, attrs):
    """The site's own script file (one of ours, deferred) or a release's QR code (an
    <svg> the server draws): a payload shaped like either still has to pass the
    attribute checks, and anything it holds is still looked at."""
    attrs = dict(attrs)
    if tag == "script":
        own_file = re.fullmatch(r"/static/js/[\w.-]+\.js", attrs.get("src") or "")
        return set(attrs) == {"src", "defer"} and bool(own_file)
    return tag == "svg" and set(attrs) == {"viewbox", "class"} and attrs["class"] == "qr-code"


def unsafe_scheme(url):
    match = SCHEME.match(url)
    return bool(match) and match.group(1) not in SAFE_SCHEMES


def executable_content(html, allowed_tags=()):
    finder = ExecutableContentFinder(allowed_tags)
    finder.feed(html)
    return finder.findings


# The site's own layout has one search form and a language form; they are ours.
PAGE_TAGS = {"form", "input", "button", "select", "meta"}


def assert_page_runs_no_payload(html):
    findings = executable_content(html, allowed_tags=PAGE_TAGS)
    assert not findings, findings
