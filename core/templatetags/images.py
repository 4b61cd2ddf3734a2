from django import template
from django.utils.html import format_html

from core.images import get_rendition

register = template.Library()


@register.simple_tag
def rendition(fieldfile, width, image_format="WEBP"):
    """A resized WebP copy of an image: `{% rendition release.cover 480 as cover %}`
    (`{% rendition release.cover 1200 "JPEG" as card %}` for another format).

    Gives an object with .url, .width and .height, or None when the image is
    missing or unreadable (so wrap the <img> in `{% if cover %}`).
    """
    return get_rendition(fieldfile, width, image_format)


@register.simple_tag
def responsive_image(fieldfile, alt="", sizes="100vw", eager=False, css_class=""):
    """An <img> offering every rendition the field makes, for the browser to choose:
    `{% responsive_image release.cover alt=release.cover_alt sizes="20rem" %}`.

    The widths are the field's `rendition_widths`; `sizes` says how wide the image is
    shown, so the browser fetches the smallest copy that is sharp enough. Width and
    height are always set (the page does not jump when the image arrives). Images load
    lazily unless `eager`: the one image at the top of a page, which the browser
    should fetch first. Renders nothing when the image is missing or unreadable.
    """
    candidates = renditions_of(fieldfile)
    if not candidates:
        return ""
    fallback = candidates[0]
    srcset = ", ".join(f"{each.url} {each.width}w" for each in candidates)
    if eager:
        loading = format_html('fetchpriority="{}"', "high")
    else:
        loading = format_html('loading="{}"', "lazy")
    return format_html(
        '<img{} src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" {}'
        ' decoding="async">',
        format_html(' class="{}"', css_class) if css_class else "",
        fallback.url,
        srcset,
        sizes,
        fallback.width,
        fallback.height,
        alt or "",
        loading,
    )


def renditions_of(fieldfile):
    """The field's renditions of `fieldfile`, narrowest first, one per actual width
    (an image narrower than a width gives the same copy for every larger one)."""
    if not fieldfile:
        return []
    widths = getattr(fieldfile.field, "rendition_widths", ())
    by_width = {}
    for width in sorted(widths):
        rendition = get_rendition(fieldfile, width)
        if rendition is not None:
            by_width.setdefault(rendition.width, rendition)
    return list(by_width.values())
