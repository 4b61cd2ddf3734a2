"""Staff's admin home and news list in Chromium: the dashboard's panels in English
and Chinese, and a news list whose titles have room and whose view count stays in
sight and sorts, on a laptop (1024 px) and a desktop (1280 px)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.admin import NewsReleaseAdmin
from news.models import NewsRelease
from tests.news.conftest import make_news_release

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
LONG_TITLE = (
    "Binzhou University and Irkutsk National Research Technical University sign a "
    "memorandum on joint programmes in polymer materials"
)


@pytest.fixture
def releases(django_user_model):
    django_user_model.objects.create_superuser("chief", "", PASSWORD)
    now = timezone.now()
    make_news_release(title=LONG_TITLE, view_count=7, release_time=now - timedelta(days=1))
    make_news_release(title="Summer school", view_count=120, release_time=now - timedelta(days=2))
    make_news_release(title="A draft", status=NewsRelease.Status.DRAFT)
    make_news_release(title="Next week's visit", release_time=now + timedelta(days=6))


def log_in(page, prefix=""):
    page.goto(f"{prefix}/admin/login/")
    page.locator("#id_username").fill("chief")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#office-dashboard")).to_be_visible()


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_news_list_gives_titles_room_and_keeps_the_view_count_in_sight(page, releases, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page)
    page.goto("/admin/news/newsrelease/")
    title = page.locator("#result_list th.field-title", has_text="Binzhou University")
    assert title.bounding_box()["width"] > 200
    views = page.locator("#result_list td.field-views").first
    box = views.bounding_box()
    assert box["x"] + box["width"] <= width  # not pushed out of the window
    expect(views).to_be_visible()
    # the list fits its frame: nothing hidden behind a sideways scroll
    assert page.evaluate("() => { const r = document.querySelector('.results');"
                         " return r.scrollWidth <= r.clientWidth }")  # fmt: skip
    expect(page.locator(".publication-scheduled")).to_contain_text("Scheduled for")

    page.locator("#result_list th.column-views a").first.click()
    counts = page.locator("#result_list td.field-views .views-total").all_inner_texts()
    assert counts in (sorted(counts, key=int), sorted(counts, key=int, reverse=True))
    # sorted by the views column first
    views_column = str(NewsReleaseAdmin.list_display.index("views") + 1)
    assert page.url.split("o=")[1].lstrip("-").split(".")[0] == views_column


@pytest.mark.parametrize(
    ("prefix", "drafts", "most_read"),
    [("", "Drafts", "Most read"), ("/zh-hans", "草稿", "阅读最多")],
)
def test_the_dashboard_shows_its_panels_in_the_staff_members_language(
    page, releases, prefix, drafts, most_read
):
    log_in(page, prefix)
    expect(page.locator("#panel-drafts h2")).to_have_text(drafts)
    expect(page.locator("#panel-drafts")).to_contain_text("A draft")
    expect(page.locator("#panel-scheduled")).to_contain_text("Next week's visit")
    expect(page.locator("#panel-most-read h2")).to_contain_text(most_read)
    most_read_items = page.locator("#panel-most-read li a").all_inner_texts()
    assert most_read_items[:2] == ["Summer school", LONG_TITLE]
    page.locator("#panel-drafts a", has_text="A draft").click()
    expect(page.locator("#id_title_en")).to_have_value("A draft")
