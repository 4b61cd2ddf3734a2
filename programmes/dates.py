"""Dates and times of application windows as readers read them: in the office's time
zone, which the text names, in the reader's language's date style."""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

# The office's own name for its zone; another zone is named by its identifier.
ZONE_NAMES = {"Asia/Shanghai": _("Beijing time")}


def zone_name():
    return ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)


def utc_offset(moment):
    """The office zone's offset at `moment`: UTC+8, UTC+5:30 (a true minus sign west)."""
    minutes = int(timezone.localtime(moment).utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\N{MINUS SIGN}"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{rest:02d}" if rest else f"UTC{sign}{hours}"


def office_date(moment):
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def office_datetime(moment):
    """The date, the time and the zone: "15 March 2027, 23:59 Beijing time (UTC+8)"."""
    local = timezone.localtime(moment)
    return _("%(date)s, %(time)s %(zone)s (%(offset)s)") % {
        "date": date_format(local, "DATE_FORMAT"),
        "time": time_format(local, "H:i"),
        "zone": zone_name(),
        "offset": utc_offset(moment),
    }
