from django import template

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
