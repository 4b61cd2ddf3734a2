"""The life of a news release, in Chromium: written in CKEditor, scheduled, hidden,
published, found and read by a visitor whose visits are counted."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from news.models import NewsRelease
from tests.user_agents import BROWSER

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(base_url=live_server.url, user_agent=BROWSER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "campus.png"
    Image.new("RGB", (640, 360), (30, 90, 160)).save(path)
    return path


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_contain_text("International Office administration")


def set_release_time(page, when):
    local = timezone.localtime(when)
    page.locator("#id_release_time_0").fill(local.strftime("%Y-%m-%d"))
    page.locator("#id_release_time_1").fill(local.strftime("%H:%M:%S"))


def test_a_release_written_in_ckeditor_is_scheduled_then_published_and_counted(
    page, visitor, news_editor, photo
):
    log_in(page, "editor")
    page.goto("/admin/news/newsrelease/add/")
    page.locator("#id_title_en").fill("Summer school in Irkutsk")
    page.locator("#id_summary_en").fill("Four weeks of Russian language and engineering.")

    body = page.locator(".ck-editor__editable").first
    body.click()
    page.keyboard.type("## Programme")  # Autoformat turns "## " into a heading
    page.keyboard.press("Enter")
    page.keyboard.type("Read the ")
    page.keyboard.press("Control+k")
    balloon = page.locator(".ck-balloon-panel")
    balloon.get_by_label("Displayed text").fill("website")
    url_input = balloon.get_by_label("Link URL")
    url_input.fill("https://www.istu.edu")
    url_input.press("Enter")
    expect(body.locator("a")).to_have_text("website")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    with page.expect_response(lambda r: "/editor/upload-image/" in r.url) as upload:
        page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(photo)
        # The upload asks for the picture's description first (core/library).
        page.locator("dialog.rte-describe textarea").fill("The campus")
        page.locator("dialog.rte-describe button[type=submit]").click()
    assert upload.value.status == 200
    expect(body.locator("img")).to_have_count(1)
    expect(body.locator("h2")).to_have_text("Programme")

    page.locator("#id_author").fill("闫倩倩")
    page.locator("#id_status").select_option("published")
    set_release_time(page, timezone.now() + timedelta(days=2))
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    release = NewsRelease.objects.get(title="Summer school in Irkutsk")
    assert "<h2>Programme</h2>" in release.body
    assert 'href="https://www.istu.edu"' in release.body
    assert re.search(
        r'<img alt="[^"]*" src="/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.webp" width="\d+" height="\d+"',
        release.body,
    )

    # Scheduled: hidden from the public.
    visitor.goto("/news/")
    expect(visitor.locator("main")).not_to_contain_text("Summer school in Irkutsk")
    response = visitor.goto(release.get_absolute_url())
    assert response.status == 404

    # The editor publishes it now.
    set_release_time(page, timezone.now() - timedelta(minutes=1))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    visitor.goto("/news/")
    visitor.get_by_role("link", name="Summer school in Irkutsk").click()
    expect(visitor.locator("h1")).to_have_text("Summer school in Irkutsk")
    expect(visitor.locator(".prose h2")).to_have_text("Programme")
    expect(visitor.locator(".prose img")).to_be_visible()
    expect(visitor.locator(".views")).to_have_text("1 view")
    # A reload is the same visit; another reader's is a new one.
    visitor.reload()
    expect(visitor.locator(".views")).to_have_text("1 view")
    visitor.context.clear_cookies()
    visitor.reload()
    expect(visitor.locator(".views")).to_have_text("2 views")
