from django import template

from ..navigation import navigation_entries

register = template.Library()


@register.simple_tag(takes_context=True)
def page_navigation(context):
    """The menu entries, the one holding the page being read marked `current`."""
    request = context.get("request")
    if request is None:
        # The server error page renders without a request, and must not need the
        # database (which may be what failed).
        return []
    section = context.get("section_path") or ""
    entries = []
    for entry in navigation_entries():
        current = bool(section) and entry["path"] == section
        children = [
            {**child, "current": bool(request) and request.path == child["url"]}
            for child in entry["children"]
        ]
        entries.append(
            {
                **entry,
                "children": children,
                "current": current,
                "is_page": bool(request) and request.path == entry["url"],
            }
        )
    return entries
