"""The site's main navigation: the top-level public pages marked for it, each with its
public children marked for it, read in one query and kept per language and content
version."""

from django.utils.translation import get_language

from core.pagecache import cached_for_this_version

from .models import Page

# A scheduled page going public changes no row: the menu is read again after this.
NAVIGATION_SECONDS = 60


def navigation_entries():
    """[{title, url, path, children: [{title, url, path}]}], in tree order."""
    language = get_language()
    return cached_for_this_version(
        f"pages:navigation:{language}", read_navigation, timeout=NAVIGATION_SECONDS
    )


def read_navigation():
    pages = Page.objects.published().filter(depth__lte=2, show_in_navigation=True)
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
