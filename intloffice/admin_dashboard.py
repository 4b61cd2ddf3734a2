"""What the admin home shows above the list of apps: the panels of the dashboard.

The project package composes them because they cross apps (news, partners, and the
admin's log of every change). Each panel is there only for a user who may see what it
lists: someone without news permissions sees no news panel, and the log shows only
changes to kinds of content the user may view.
"""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.utils import timezone

from news.models import NewsRelease
from partners.models import Agreement

PANEL_ROWS = 10
RECENT_CHANGES = 10
# The log is read in one query: enough recent entries that, after those about
# content the user may not view are left out, ten usually remain.
RECENT_CHANGES_READ = 50
MOST_READ_DAYS = 7
MOST_READ_ROWS = 5


def can_view(user, app_label, model_name):
    return user.has_perm(f"{app_label}.view_{model_name}") or user.has_perm(
        f"{app_label}.change_{model_name}"
    )


def dashboard(request):
    """The panels for request.user, each a list of rows (possibly empty), or None
    when the user may not see that panel at all."""
    user = request.user
    now = timezone.now()
    panels = {"recent_changes": recent_changes(user)}
    if can_view(user, "news", "newsrelease"):
        releases = NewsRelease.objects.only("pk", "title", "status", "release_time", "view_count")
        panels["drafts"] = list(
            releases.filter(status=NewsRelease.Status.DRAFT).order_by("-updated_at")[:PANEL_ROWS]
        )
        panels["scheduled"] = list(
            releases.filter(status=NewsRelease.Status.PUBLISHED, release_time__gt=now).order_by(
                "release_time"
            )[:PANEL_ROWS]
        )
        panels["most_read"] = list(
            releases.published()
            .filter(release_time__gte=now - timedelta(days=MOST_READ_DAYS))
            .order_by("-view_count", "-release_time")[:MOST_READ_ROWS]
        )
    if can_view(user, "partners", "institution"):
        panels["expiring"] = list(
            Agreement.objects.expiring_within_six_months()
            .select_related("institution")
            .order_by("valid_until", "institution__name")[:PANEL_ROWS]
        )
    return panels


def recent_changes(user):
    """The last changes made in the admin by anyone, to content this user may view."""
    entries = LogEntry.objects.select_related("user", "content_type").order_by("-action_time")
    shown = []
    for entry in entries[:RECENT_CHANGES_READ]:
        content_type = entry.content_type
        if content_type is None or not can_view(user, content_type.app_label, content_type.model):
            continue
        shown.append(entry)
        if len(shown) == RECENT_CHANGES:
            break
    return shown
