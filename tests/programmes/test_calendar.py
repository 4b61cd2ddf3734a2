"""The deadlines feed, read back as calendar programs read it."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from icalendar import Calendar

from programmes.models import ApplicationWindow

from .conftest import make_opportunity

SHANGHAI = ZoneInfo("Asia/Shanghai")
FEED = "/programmes/deadlines.ics"


def events(client, path=FEED):
    response = client.get(path)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_each_window_is_a_deadline_and_an_opening_in_the_office_time_zone(client, db):
    opportunity = make_opportunity(
        [
            (
                datetime(2099, 2, 1, 9, tzinfo=SHANGHAI),
                datetime(2099, 3, 15, 23, 59, tzinfo=SHANGHAI),
            )
        ],
        title="Exchange in Irkutsk",
    )
    window = opportunity.windows.get()
    calendar, found = events(client)
    deadline = found[f"window-{window.pk}-closes@testserver"]
    assert str(deadline["SUMMARY"]) == "Deadline: Exchange in Irkutsk: Intake"
    start = deadline.decoded("DTSTART")
    assert start == datetime(2099, 3, 15, 23, 59, tzinfo=SHANGHAI)
    assert deadline["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert str(deadline["URL"]) == f"http://testserver{opportunity.get_absolute_url()}"
    assert opportunity.get_absolute_url() in str(deadline["DESCRIPTION"])
    assert f"window-{window.pk}-opens@testserver" in found
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert "X-WR-CALNAME" in calendar and "REFRESH-INTERVAL" in calendar


def test_an_edited_deadline_keeps_its_uid_and_raises_its_sequence(client, db):
    opportunity = make_opportunity(
        [(datetime(2099, 2, 1, 9, tzinfo=SHANGHAI), datetime(2099, 3, 15, 23, 59, tzinfo=SHANGHAI))]
    )
    _calendar, before = events(client)
    window = ApplicationWindow.objects.get(opportunity=opportunity)
    window.closes_at = datetime(2099, 3, 31, 23, 59, tzinfo=SHANGHAI)
    window.save()
    _calendar, after = events(client)
    assert set(before) == set(after)
    uid = f"window-{window.pk}-closes@testserver"
    assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]
    assert after[uid].decoded("DTSTART").day == 31
    assert after[uid].decoded("LAST-MODIFIED") >= before[uid].decoded("LAST-MODIFIED")


def test_the_chinese_feed_names_the_programme_in_chinese(client, db, at):
    make_opportunity([(at(-1), at(9))], title="Summer school", title_zh_hans="暑期学校")
    with translation.override("zh-hans"):
        _calendar, found = events(client, "/zh-hans/programmes/deadlines.ics")
    summaries = [str(event["SUMMARY"]) for event in found.values()]
    assert any("暑期学校" in summary for summary in summaries)
    assert all("Summer school" not in summary for summary in summaries)


def test_only_published_opportunities_are_in_the_feed(client, states):
    _calendar, found = events(client)
    summaries = " ".join(str(event["SUMMARY"]) for event in found.values())
    assert "Open now" in summaries
    assert "Secret" not in summaries
