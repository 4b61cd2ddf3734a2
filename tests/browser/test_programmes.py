"""Staff add opportunities with application windows in the admin (in English and in
Chinese); a reader finds them on /programmes/ and the home page, filters the list and
downloads the deadlines for their calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from programmes.models import ApplicationWindow, Opportunity
from tests.conftest import make_staff_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
PERMISSIONS = [
    f"{action}_{model}"
    for action in ("view", "add", "change")
    for model in ("opportunity", "applicationwindow")
]


def log_in(page, prefix, next_url):
    page.goto(f"{prefix}/admin/login/?next={prefix}{next_url}")
    page.locator("#id_username").fill("coordinator")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()


def fill_window(page, label, opens, closes):
    page.locator("#id_windows-0-label_en").fill(label)
    for name, moment in [("opens_at", opens), ("closes_at", closes)]:
        local = timezone.localtime(moment)
        page.locator(f"#id_windows-0-{name}_0").fill(local.strftime("%Y-%m-%d"))
        page.locator(f"#id_windows-0-{name}_1").fill(local.strftime("%H:%M:%S"))


def add_opportunity(page, title, kind, level):
    page.locator("#id_title_en").fill(title)
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_level").select_option(level)
    page.locator("#id_status").select_option("published")


def test_staff_add_programmes_and_a_reader_finds_filters_and_subscribes(
    browser, live_server, django_user_model
):
    make_staff_user(django_user_model, "coordinator", *PERMISSIONS)
    now = timezone.now()
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)

    # In English: an exchange semester open now.
    log_in(page, "", "/admin/programmes/opportunity/add/")
    add_opportunity(page, "Exchange semester in Irkutsk", "exchange", "bachelor")
    fill_window(page, "Spring intake", now - timedelta(days=2), now + timedelta(days=10))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Exchange semester in Irkutsk")

    # In Chinese: a summer school whose deadline is first typed before its opening.
    page.goto("/zh-hans/admin/programmes/opportunity/add/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    add_opportunity(page, "Summer school in Bremerhaven", "summer-school", "any")
    fill_window(page, "Summer", now - timedelta(days=1), now - timedelta(days=3))
    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert not Opportunity.objects.filter(title_en="Summer school in Bremerhaven").exists()
    fill_window(page, "Summer", now - timedelta(days=1), now + timedelta(days=5))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    window = ApplicationWindow.objects.get(opportunity__title_en="Summer school in Bremerhaven")
    assert timezone.localtime(window.closes_at).hour == timezone.localtime(now).hour
    context.close()

    reader = browser.new_context(base_url=live_server.url, locale="en-US")
    page = reader.new_page()
    page.goto("/")
    deadlines = page.locator(".upcoming-deadlines")
    expect(deadlines).to_contain_text("Exchange semester in Irkutsk")
    expect(deadlines).to_contain_text("Summer school in Bremerhaven")
    expect(deadlines).to_contain_text("Beijing time (UTC+8)")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programmes").click()
    cards = page.locator(".opportunity-card")
    expect(cards).to_have_count(2)
    page.locator("#programmes-kind").select_option("summer-school")
    page.get_by_role("button", name="Filter").click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Summer school in Bremerhaven")
    expect(cards.first).to_contain_text("Open until")
    assert "kind=summer-school" in page.url

    link = page.get_by_role("link", name="Calendar address (iCalendar) to copy or download")
    expect(page.get_by_role("link", name="Subscribe to deadlines")).to_have_attribute(
        "href", f"webcal://{live_server.url.split('://')[1]}/programmes/deadlines.ics"
    )
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.body())
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert "Deadline: Summer school in Bremerhaven: Summer" in summaries
    assert "Deadline: Exchange semester in Irkutsk: Spring intake" in summaries
    reader.close()
