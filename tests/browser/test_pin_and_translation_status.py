"""In Chromium: a news editor pins a release in the Russian admin and a visitor sees it
first; an edit of the English body puts the Russian translation out of date in the
English admin's list, where the "needs translation into" filter finds it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import NewsRelease

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


def log_in(page, username, prefix=""):
    page.goto(f"{prefix}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


def make_release(title, days_ago, **fields):
    return NewsRelease.objects.create(
        title=title,
        body=f"<p>{title}.</p>",
        release_time=timezone.now() - timedelta(days=days_ago),
        status=NewsRelease.Status.PUBLISHED,
        **fields,
    )


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_editor_pins_a_release_in_the_russian_admin_and_it_comes_first(
    page, visitor, news_editor
):
    make_release("Newest news", 1)
    old = make_release("Old but important", 30)
    visitor.goto("/news/")
    expect(visitor.locator("main .card h2").first).to_have_text("Newest news")

    log_in(page, "editor", "/ru")
    page.goto(f"/ru/admin/news/newsrelease/{old.pk}/change/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    until = timezone.localtime() + timedelta(days=7)
    page.locator("#id_pinned_until_0").fill(until.strftime("%Y-%m-%d"))
    page.locator("#id_pinned_until_1").fill(until.strftime("%H:%M:%S"))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    # The list says it is pinned, and the filter finds it.
    page.goto("/ru/admin/news/newsrelease/?shown=pinned")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list td.field-publication")).to_contain_text(
        until.strftime("%d.%m.%Y")
    )

    visitor.goto("/news/")
    expect(visitor.locator("main .card h2").first).to_have_text("Old but important")
    visitor.goto("/")
    expect(visitor.locator("#lead-heading")).to_have_text("Old but important")


def test_an_edit_of_the_english_body_puts_russian_out_of_date(page, news_editor):
    release = make_release("Summer school", 1, title_ru="Летняя школа", body_ru="<p>Текст.</p>")
    make_release("Other news", 2, title_ru="Другое", body_ru="<p>Другое.</p>")
    log_in(page, "editor")
    page.goto("/admin/news/newsrelease/")
    row = page.locator("#result_list tbody tr", has_text="Summer school")
    expect(row.locator(".translation-state-up-to-date")).to_have_text("Русский: up to date")

    page.goto(f"/admin/news/newsrelease/{release.pk}/change/")
    body = page.locator(".ck-editor__editable").first
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" Applications open in March.")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    row = page.locator("#result_list tbody tr", has_text="Summer school")
    expect(row.locator(".translation-state-out-of-date")).to_have_text("Русский: out of date")
    other = page.locator("#result_list tbody tr", has_text="Other news")
    expect(other.locator(".translation-state-up-to-date")).to_have_text("Русский: up to date")

    page.locator("#changelist-filter").get_by_role("link", name="Русский").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list tbody tr")).to_contain_text("Summer school")

    page.goto(f"/admin/news/newsrelease/{release.pk}/change/")
    expect(page.locator(".field-translation_status_explained")).to_contain_text(
        "Русский: out of date"
    )
