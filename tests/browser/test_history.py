"""A release's history in Chromium: a staff member edits the Russian title and body,
reads the one entry that edit made (named fields, the words changed) in the English
and the Russian admin, restores the earlier version after seeing what comes back,
and visitors read the old text with the view count as it was."""

import pytest
from playwright.sync_api import expect

from news.models import NewsRelease
from tests.i18n.conftest import RELEASE_TEXT, make_release, url_in
from tests.user_agents import BROWSER

from .csp_watch import CspWatch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
NEW_TITLE = "Университет расторг меморандум"


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()


def test_an_edit_is_one_readable_entry_and_restoring_it_keeps_the_count(
    page, browser, live_server, news_editor
):
    csp = CspWatch(page)
    release = make_release()
    NewsRelease.objects.filter(pk=release.pk).update(view_count=7)
    log_in(page, "editor")

    page.goto(f"/admin/news/newsrelease/{release.pk}/change/")
    # The form shows one language at a time: the Russian fields are in their tab.
    page.get_by_role("tab", name="Русский").first.click()
    page.fill("#id_title_ru", NEW_TITLE)
    body = page.locator(".field-body_ru .ck-editor__editable")
    body.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Университеты расторгли меморандум о сотрудничестве.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    for prefix, labels, kind in [
        ("", ["Title (Русский)", "Body (Русский)"], "Changed"),
        ("/ru", ["Заголовок (Русский)", "Текст (Русский)"], None),
    ]:
        page.goto(f"{prefix}/admin/news/newsrelease/{release.pk}/history/")
        entries = page.locator("#change-history tbody tr")
        expect(entries).to_have_count(2)  # the creation and the one edit
        latest = entries.first
        if kind:  # the Russian word comes with the next catalogue update
            expect(latest.locator(".history-kind")).to_have_text(kind)
        expect(latest.locator(".history-fields li")).to_have_text(labels)
        expect(page.locator("#content")).not_to_contain_text("<p>")
        expect(page.locator("#content")).not_to_contain_text("[ru]")

    latest.locator("a").click()
    edit_diff = page.locator(".history-changes").first
    expect(edit_diff.locator("del")).to_contain_text(["подписали"])
    expect(edit_diff.locator("ins")).to_contain_text(["расторгли"])

    page.goto(f"/ru/admin/news/newsrelease/{release.pk}/history/")
    entries.last.locator("a").click()
    # Before restoring: the preview says what comes back against today's version.
    preview = page.locator(".history-changes").last
    expect(preview.locator("del").first).to_contain_text("расторг")
    expect(preview.locator("ins").first).to_contain_text("подписал")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    visitor = browser.new_context(base_url=live_server.url, user_agent=BROWSER).new_page()
    visitor.goto(url_in(NewsRelease.objects.get(pk=release.pk), "ru"))
    expect(visitor.locator("h1")).to_have_text(RELEASE_TEXT["ru"]["title"])
    expect(visitor.locator("main")).to_contain_text("подписали меморандум")
    visitor.context.close()
    release.refresh_from_db()
    assert release.view_count == 8  # the 7 before, and this visit
    assert csp.violations == []
