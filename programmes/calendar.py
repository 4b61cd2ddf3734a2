"""The deadlines as an iCalendar feed that calendar programs subscribe to.

Each window is one event at its deadline, and one at its opening. An event's UID is
made of the window's id alone, so that an edited deadline replaces the event a
calendar shows (its SEQUENCE grows with each edit) instead of adding another.
Times are given in the office's zone, with that zone's VTIMEZONE, so that every
program shows them at the right hour wherever the reader is.
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from core.models import Office

from .dates import office_datetime
from .models import ApplicationWindow

# How often subscribed calendars should look again.
REFRESH = timedelta(hours=6)
# Windows that closed longer ago than this are left out: old events stay in calendars
# that saw them, and the feed stays small.
KEPT_AFTER_CLOSING = timedelta(days=365)


def feed_windows():
    since = timezone.now() - KEPT_AFTER_CLOSING
    return (
        ApplicationWindow.objects.published()
        .filter(closes_at__gt=since)
        .select_related("opportunity")
        .order_by("closes_at", "pk")
    )


def event(window, kind, request):
    opportunity = window.opportunity
    url = request.build_absolute_uri(opportunity.get_absolute_url())
    label = f"{opportunity.title}: {window.label}" if window.label else opportunity.title
    local = timezone.localtime
    if kind == "closes":
        summary = _("Deadline: %(programme)s") % {"programme": label}
        moment = local(window.closes_at)
    else:
        summary = _("Applications open: %(programme)s") % {"programme": label}
        moment = local(window.opens_at)
    description = _("Applications open %(opens)s and close %(closes)s.") % {
        "opens": office_datetime(window.opens_at),
        "closes": office_datetime(window.closes_at),
    }
    item = Event()
    item.add("uid", f"window-{window.pk}-{kind}@{request.get_host().split(':')[0]}")
    item.add("summary", summary)
    item.add("description", f"{description}\n{url}")
    item.add("url", url)
    item.add("dtstart", moment)
    item.add("dtend", moment)
    item.add("dtstamp", window.updated_at)
    item.add("last-modified", window.updated_at)
    item.add("sequence", window.sequence)
    item.add("transp", "TRANSPARENT")
    return item


def deadlines_calendar(request):
    office = Office.current().name
    calendar = Calendar()
    calendar.add("prodid", "-//International Office CMS//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("%(office)s: application deadlines") % {"office": office})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    for window in feed_windows():
        calendar.add_component(event(window, "closes", request))
        calendar.add_component(event(window, "opens", request))
    calendar.add_missing_timezones()
    return calendar


def deadlines_ics(request):
    response = HttpResponse(
        deadlines_calendar(request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="deadlines-{get_language()}.ics"'
    return response
