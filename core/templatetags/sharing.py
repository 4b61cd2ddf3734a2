"""What a page gives to whoever shares it: link-preview tags (OpenGraph, Twitter cards)
and a QR code of its address. Nothing here calls another site: the preview crawlers
come to us, and the QR code is drawn on the server."""

import segno
from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.safestring import mark_safe

from core.images import get_rendition
from core.languages import content_languages

register = template.Library()

# OpenGraph names a locale as language_TERRITORY; Django's to_locale() gives zh_Hans,
# which the crawlers do not know.
OPEN_GRAPH_LOCALES = {"en": "en_US", "zh-hans": "zh_CN", "ru": "ru_RU"}

# Shown when an item has no picture of its own, so that every preview has one
# (made by scripts/make_share_image.py).
DEFAULT_SHARE_IMAGE = ("img/share-default.png", 1200, 630)
SHARE_IMAGE_WIDTH = 1200


def open_graph_locale(code):
    return OPEN_GRAPH_LOCALES.get(code) or translation.to_locale(code)


def share_image(fieldfile, image_format):
    """The item's picture as a JPEG or PNG for preview cards, or None."""
    if not fieldfile:
        return None
    return get_rendition(fieldfile, SHARE_IMAGE_WIDTH, image_format)


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, item, title, description="", image=None, image_alt="", **options):
    """OpenGraph and Twitter card tags for a page showing `item`.

    `image` is an image field of the item (a JPEG of it is shown, or a PNG with
    image_format="PNG" for a logo with a transparent background); without one the
    site's default picture is. `og_type="article"` adds the item's published and
    modified times (its `release_time` and `updated_at`).
    """
    request = context["request"]
    current = translation.get_language()
    picture = share_image(image, options.get("image_format", "JPEG"))
    if picture:
        image_url, width, height = picture.url, picture.width, picture.height
    else:
        path, width, height = DEFAULT_SHARE_IMAGE
        image_url, image_alt = static(path), ""
    site_name = getattr(context.get("office"), "name", "")
    offered = {code for code, _name in settings.LANGUAGES}
    return {
        "og_type": options.get("og_type", "website"),
        "item": item,
        "title": title,
        "description": description or context.get("site_description", ""),
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "site_name": site_name,
        "locale": open_graph_locale(current),
        "alternates": [
            open_graph_locale(code)
            for code in content_languages()
            if code != current and code in offered and item.is_translated(code)
        ],
        "image_url": request.build_absolute_uri(image_url),
        "image_type": "image/png" if image_url.endswith(".png") else "image/jpeg",
        "image_width": width,
        "image_height": height,
        "image_alt": image_alt or site_name or title,
        # A logo is small and square: the small card suits it (twitter_card="summary");
        # a photo or the default picture, the large one.
        "twitter_card": (picture and options.get("twitter_card")) or "summary_large_image",
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, item):
    """The full address of `item` (scheme and host of this request)."""
    return context["request"].build_absolute_uri(item.get_absolute_url())


@register.simple_tag(takes_context=True)
def absolute_address(context, path):
    """The full address of a path of this site (scheme and host of this request)."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag
def qr_code_svg(url, title=""):
    """An inline SVG QR code of `url`, drawn on the server: no script, no request.

    Black on white whatever the page's colours, with its quiet zone, so that phone
    cameras (WeChat's scanner among them) read it; sized by CSS through its viewBox.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1,
        dark="#000",
        light="#fff",
        border=4,
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
        title=title or None,
    )
    # segno's own markup: the URL is drawn as modules, never written as text, and
    # segno escapes the title.
    return mark_safe(svg)  # noqa: S308
