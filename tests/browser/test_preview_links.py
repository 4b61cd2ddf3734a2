"""Preview links, in Chromium: a news editor shares a draft from its change page, a
reader without an account opens the link, the editor revokes it, and it is gone."""

import pytest
from playwright.sync_api import expect

from news.models import NewsRelease, PreviewLink
from tests.conftest import STAFF_PASSWORD
from tests.news.conftest import make_news_release

from .csp_watch import CspWatch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def reader(browser, live_server):
    """A fresh browser without any login."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


GONE_HEADINGS = {
    "en": "This preview link no longer works",
    "ru": "Эта ссылка для предпросмотра больше не работает",
}


@pytest.mark.parametrize("prefix, language", [("", "en"), ("/ru", "ru")])
def test_a_draft_is_shared_read_without_an_account_then_revoked(
    page, reader, news_editor, prefix, language
):
    draft = make_news_release(title="New exchange with Irkutsk", status=NewsRelease.Status.DRAFT)
    csp = CspWatch(page)
    url = f"{prefix}/admin/news/newsrelease/{draft.pk}/change/"
    page.goto(f"/admin/login/?next={url}")
    page.fill("#id_username", news_editor.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)

    section = page.locator("#preview-links")
    section.locator("#id_preview_label").fill("Dean's office")
    section.locator("#id_preview_days").fill("3")
    section.locator(".preview-links-create button").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    row = section.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Dean's office")
    expect(row).to_contain_text("editor")
    link_url = section.locator(".preview-link-url").input_value()
    assert "/news/preview/" in link_url
    assert PreviewLink.objects.get().created_by == news_editor

    response = reader.goto(link_url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert "no-store" in response.headers["cache-control"]
    expect(reader.locator("h1")).to_have_text("New exchange with Irkutsk")
    expect(reader.locator(".preview-banner")).to_be_visible()
    expect(reader.locator("meta[name=robots]")).to_have_attribute("content", "noindex")
    draft.refresh_from_db()
    assert draft.view_count == 0

    row.locator("button.revoke").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(section.locator(".preview-link-url")).to_have_count(0)
    expect(section.locator("tbody tr.inactive")).to_contain_text("editor")

    response = reader.goto(link_url)
    assert response.status == 410
    expect(reader.locator("h1")).to_have_text(GONE_HEADINGS[language])
    expect(reader.locator("body")).not_to_contain_text("New exchange with Irkutsk")
    assert csp.violations == []
