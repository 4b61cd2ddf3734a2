"""Page addresses: made from the slugs of a page's ancestors, per language.

A page's `url_path` in a language is its parent's followed by its own slug in that
language, or the default language's slug where it has none. When a page moves or a
slug changes, the addresses of the page and of everything under it change at once,
and each address left behind is kept in PageRedirect so that links keep working.
"""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.text import slugify

from core.languages import content_languages, localized_name


def slug_for(title):
    return slugify(title, allow_unicode=True)[:100].strip("-") or "page"


def url_path_columns():
    return {code: localized_name("url_path", code) for code in content_languages()}


def stored_columns():
    """What save() and move() read of the stored row before they change it."""
    return ["path", "depth", "numchild", *url_path_columns().values()]


def url_path_for(page, parent, language):
    slug = page.effective_slug(language)
    if parent is None:
        return slug
    return f"{getattr(parent, localized_name('url_path', language))}/{slug}"


def set_url_paths(page, parent):
    for code, column in url_path_columns().items():
        setattr(page, column, url_path_for(page, parent, code))


def after_address_change(page, stored):
    """Carry a change of `page`'s address to its descendants, and remember the old
    addresses (the page's and theirs, in each language) as redirects."""
    from .models import Page, PageRedirect

    changed = {
        code: (stored[column], getattr(page, column))
        for code, column in url_path_columns().items()
        if stored[column] and stored[column] != getattr(page, column)
    }
    if not changed:
        return
    descendants = list(
        Page.objects.filter(path__startswith=page.path, depth__gt=page.depth).only(
            "pk", *url_path_columns().values()
        )
    )
    moved = [(page, code, old) for code, (old, _new) in changed.items()]
    for descendant in descendants:
        for code, (old, new) in changed.items():
            column = url_path_columns()[code]
            current = getattr(descendant, column)
            if current == old or current.startswith(old + "/"):
                moved.append((descendant, code, current))
                setattr(descendant, column, new + current[len(old) :])
    if descendants:
        Page.objects.bulk_update(descendants, list(url_path_columns().values()))
    for item, code, old_path in moved:
        PageRedirect.objects.update_or_create(
            language=code, old_path=old_path, defaults={"page": item}
        )
    # An address a page has again (moved back, say) is the page's, not a redirect's.
    for item in [page, *descendants]:
        for code, column in url_path_columns().items():
            PageRedirect.objects.filter(language=code, old_path=getattr(item, column)).delete()


def first_segments(patterns, into):
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            # i18n_patterns(): the language prefix, then the site's own addresses.
            first_segments(pattern.url_patterns, into)
            continue
        if not isinstance(pattern, URLPattern | URLResolver):
            continue
        route = str(pattern.pattern).lstrip("^/")
        segment = route.split("/", 1)[0].rstrip("$")
        if segment and "<" not in segment and "(" not in segment:
            into.add(segment)
    return into


def reserved_segments():
    """First parts of an address that a top-level page may not take: the site's other
    addresses (news, partners, admin, ...), the language prefixes and the places
    where static files and uploads are served."""
    reserved = first_segments(get_resolver().url_patterns, set())
    reserved |= {code.lower() for code, _name in settings.LANGUAGES}
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url and url.startswith("/"):
            reserved.add(url.strip("/").split("/", 1)[0])
    # Sections other parts of the site serve (or will): kept free in any case.
    reserved |= {"programmes", "search", "static", "media", "sitemap.xml", "robots.txt"}
    return {segment.lower() for segment in reserved}
