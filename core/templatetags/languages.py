from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html

from core.languages import (
    SHOWN_IN,
    fallback_language,
    joiner,
    language_name,
    path_in_language,
    place_name,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each of the site's languages, for hreflang and the switcher.

    A page showing one object (a release, an institution) asks the object for its
    address in each language, since each language has its own slug; other pages
    keep their path and query in the other language's prefix. On a page that is not
    one of the site's addresses (a 404), the switcher offers each language's home page
    and the page names no alternates (`url` is None).
    """
    request = context.get("request")
    try:
        host = request and request.get_host()
    except DisallowedHost:  # the 400 page for a request to an unknown host
        host = None
    if not host:
        return []
    page_object = context.get("object")
    # A not-found page is no address of the site, even where a pattern matches it
    # (the office's pages take any path).
    not_found = context.get("not_found", False)
    current = translation.get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        if hasattr(page_object, "get_absolute_url"):
            with translation.override(code):
                path = page_object.get_absolute_url()
        elif not_found:
            path = None
        else:
            path = path_in_language(request, code)
        versions.append(
            {
                "code": code,
                "name": language_name(code),
                "path": path or home_in(code),
                # Our own scheme and host before a path of our own making: nothing the
                # request's path holds can name another host.
                "url": path and f"{request.scheme}://{host}{path}",
                "is_current": code == current,
            }
        )
    return versions


def home_in(language):
    with translation.override(language):
        return reverse("home")


@register.simple_tag
def default_language_version(versions):
    """The version in the default language: the page's hreflang x-default."""
    return next((v for v in versions if v["code"] == settings.LANGUAGE_CODE), None)


@register.inclusion_tag("includes/translation_fallback.html")
def translation_fallback_note():
    """The note on a page whose text is not yet written in the visitor's language."""
    return {
        "language": language_name(translation.get_language()),
        "fallback": language_name(settings.LANGUAGE_CODE),
    }


@register.simple_tag
def fallback_lang(record, field):
    """` lang="en"` on an element showing `field` in the default language, else nothing.

    A release may have its Russian title but not yet its body: the visitor then reads
    a Russian title over an English body. Each field is marked on its own, so that
    screen readers speak the English text in English and the Russian in Russian.
    """
    return lang_attribute(fallback_language(record, field))


@register.simple_tag
def lang_attribute(language):
    """` lang="en"` for text in `language`, nothing when it is None."""
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def fallback_marker(record, field):
    """A small label after an item of a list that shows `field` in the default
    language (its title, not yet translated), so that readers know before they click."""
    return language_marker(fallback_language(record, field))


@register.simple_tag
def language_marker(language):
    """The label saying an item is shown in `language`, or nothing when it is None."""
    if not language:
        return ""
    return format_html(' <span class="in-other-language">{}</span>', SHOWN_IN[language])


@register.simple_tag
def place(city, country):
    return place_name(city, str(country or ""))


@register.simple_tag
def colon():
    """ ": " between a label and its value; a full-width colon in Chinese."""
    return joiner("colon")


@register.simple_tag
def parenthesized(value):
    """ " (12)" after what it qualifies; in Chinese in full-width parentheses, which
    need no space before them."""
    return format_html("{}{}{}", joiner("open"), value, joiner("close"))


@register.simple_tag
def comma():
    """ ", " between two parts of a line; a full-width comma in Chinese."""
    return joiner("comma")
