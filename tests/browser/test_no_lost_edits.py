"""No lost edits, in Chromium: two staff members edit the same release; the one who
saves second is stopped, sees who changed what, keeps what they typed, and saves
anyway on purpose."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import NewsRelease
from tests.conftest import STAFF_PASSWORD, make_group_member
from tests.news.conftest import make_news_release

from .csp_watch import CspWatch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def open_as(browser, live_server, django_user_model):
    """A logged-in admin page for a new News editors member, one browser context each."""
    contexts = []

    def open_as(username, url):
        make_group_member(django_user_model, username, "News editors")
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.csp = CspWatch(page)
        page.goto(f"/admin/login/?next={url}")
        page.fill("#id_username", username)
        page.fill("#id_password", STAFF_PASSWORD)
        page.locator("input[type=submit]").click()
        expect(page.locator("#id_title_en")).to_be_visible()
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.mark.parametrize("prefix, language", [("", "en"), ("/ru", "ru")])
def test_the_second_save_is_stopped_and_nothing_typed_is_lost(open_as, prefix, language):
    release = make_news_release(
        title="Summer school", status=NewsRelease.Status.DRAFT,
        release_time=timezone.now().replace(microsecond=0),
    )  # fmt: skip
    url = f"{prefix}/admin/news/newsrelease/{release.pk}/change/"
    alice = open_as("alice", url)
    bob = open_as("bob", url)
    expect(alice.locator("html")).to_have_attribute("lang", language)
    # The version is carried by the form, out of sight.
    expect(alice.locator("input[name=locking_override]")).to_be_hidden()

    bob.fill("#id_title_en", "Summer school in Irkutsk")
    bob.locator("input[name=_continue]").click()
    expect(bob.locator(".messagelist .success")).to_be_visible()

    alice.fill("#id_summary_en", "Four weeks of Russian and engineering.")
    alice.fill("#id_title_en", "Summer school 2027")
    alice.locator("input[name=_continue]").click()

    conflict = alice.locator("ul.errorlist.nonfield")
    expect(conflict).to_contain_text("Summer school in Irkutsk")
    expect(conflict).to_contain_text("bob")
    expect(conflict).to_contain_text("[en]")  # the field bob changed: the English title
    # Alice's text is still in the form, and nothing of it is saved yet.
    expect(alice.locator("#id_title_en")).to_have_value("Summer school 2027")
    expect(alice.locator("#id_summary_en")).to_have_value("Four weeks of Russian and engineering.")
    assert NewsRelease.objects.get().title == "Summer school in Irkutsk"

    override = alice.locator("input[name=locking_override]")
    expect(override).to_be_visible()
    override.check()
    alice.locator("input[name=_continue]").click()
    expect(alice.locator(".messagelist .success")).to_be_visible()
    expect(alice.locator("ul.errorlist.nonfield")).to_have_count(0)
    release.refresh_from_db()
    assert (release.title, release.summary) == (
        "Summer school 2027",
        "Four weeks of Russian and engineering.",
    )
    # Saved once on purpose, the next save goes through as usual.
    alice.fill("#id_author_en" if alice.locator("#id_author_en").count() else "#id_author", "Li")
    alice.locator("input[name=_continue]").click()
    expect(alice.locator(".messagelist .success")).to_be_visible()
    assert alice.csp.violations == [] and bob.csp.violations == []
