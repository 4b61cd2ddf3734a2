"""The site's main navigation: the top-level public pages marked for it, each with its
public children marked for it. One query reads them for every language at once, and
the menus are kept for the content version, so that no language costs a query of
its own."""

from django.conf import settings
from django.utils.translation import get_language, override

from core.pagecache import cached_for_this_version

from .models import Page

# A scheduled page going public changes no row: the menu is read again after this.
NAVIGATION_SECONDS = 60


def navigation_entries():
    """[{title, url, path, children: [{title, url, path}]}], in tree order."""
    menus = cached_for_this_version("pages:navigation", read_menus, timeout=NAVIGATION_SECONDS)
    return menus.get(get_language(), menus[settings.LANGUAGE_CODE])


def read_menus():
    """{language: its menu entries}, from one query."""
    pages = list(Page.objects.published().filter(depth__lte=2, show_in_navigation=True))
    menus = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            menus[code] = menu_of(pages)
    return menus


def menu_of(pages):
    entries, by_path = [], {}
    for page in pages:
        entry = {"title": page.title, "url": page.get_absolute_url(), "path": page.url_path}
        if page.depth == 1:
            entry["children"] = []
            entries.append(entry)
            by_path[page.path] = entry
        elif parent := by_path.get(page.path[: -page.steplen]):
            # Under a top-level page that is itself in the menu.
            parent["children"].append(entry)
    return entries
