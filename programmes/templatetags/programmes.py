"""Programme pieces that other pages show: the home page's next deadlines, and the
state and times of a window as readers read them."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pagecache import cached_for_this_version

from .. import dates
from ..models import ApplicationWindow

register = template.Library()

# A window that closes drops from the cached list at once (see upcoming_deadlines);
# one that opens is picked up within this many seconds.
DEADLINES_CACHE_SECONDS = 60


@register.inclusion_tag("programmes/_upcoming_deadlines.html")
def upcoming_deadlines(count=5):
    """The `count` soonest deadlines of open windows; the block is left out when none.

    Kept per content version (every edit of a programme sets a new one), so that the
    home page costs no query for them most of the time.
    """
    windows = cached_for_this_version(
        f"programmes:next-deadlines:{count}",
        lambda: list(ApplicationWindow.objects.next_deadlines(count)),
        DEADLINES_CACHE_SECONDS,
    )
    now = timezone.now()
    return {"windows": [window for window in windows if window.closes_at > now]}


@register.filter
def office_date(moment):
    return dates.office_date(moment)


@register.filter
def office_datetime(moment):
    return dates.office_datetime(moment)


@register.simple_tag
def window_state_text(opportunity):
    """ "Open until 15 March 2027", "Opens 1 February 2027" or "Applications closed"."""
    state, window = opportunity.window_state()
    if state == "open":
        return _("Open until %(date)s") % {"date": dates.office_date(window.closes_at)}
    if state == "upcoming":
        return _("Opens %(date)s") % {"date": dates.office_date(window.opens_at)}
    return _("Applications closed")


@register.simple_tag
def window_state(opportunity):
    return opportunity.window_state()[0]
