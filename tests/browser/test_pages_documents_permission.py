"""The page form's documents in Chromium, in the English and the Russian admin: an
editor who may see the documents finds one by its title and attaches it; an editor
who may not sees no document's title, staff-only ones included."""

import pytest
from playwright.sync_api import expect

from pages.models import Page
from tests.browser.csp_watch import CspWatch
from tests.conftest import make_staff_user
from tests.documents.conftest import make_document
from tests.pages.conftest import make_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
PAGE_PERMISSIONS = [f"{action}_page" for action in ("view", "add", "change")]


def log_in(page, prefix, username):
    page.goto(f"{prefix}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_documents_are_found_by_their_search_only_by_those_who_may_see_them(
    page, browser, live_server, django_user_model, prefix
):
    csp = CspWatch(page)
    make_document("form.pdf", title="Application form")
    make_document("budget.pdf", visibility="staff", title="Confidential budget")
    study = make_page(title="Study with us", slug_en="study-with-us")

    make_staff_user(django_user_model, "editor", *PAGE_PERMISSIONS, "view_document")
    log_in(page, prefix, "editor")
    page.goto(f"{prefix}/admin/pages/page/{study.pk}/change/")
    page.locator(".field-documents .select2-selection").click()
    page.locator(".select2-search__field").fill("Applic")
    page.locator(".select2-results__option", has_text="Application form").click()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert [d.title for d in Page.objects.get(pk=study.pk).documents.all()] == ["Application form"]
    assert csp.violations == []

    other = browser.new_context(base_url=live_server.url).new_page()
    make_staff_user(django_user_model, "writer", *PAGE_PERMISSIONS)
    log_in(other, prefix, "writer")
    other.goto(f"{prefix}/admin/pages/page/add/")
    expect(other.locator("#id_title_en")).to_be_visible()
    assert "Confidential budget" not in other.content()
    other.locator(".field-documents .select2-selection").click()
    other.locator(".select2-search__field").fill("budget")
    expect(other.locator(".select2-results__option", has_text="Confidential budget")).to_have_count(
        0
    )
    other.screenshot(path=f"/tmp/shots14/attack/page-documents{prefix.replace('/', '-')}.png")
