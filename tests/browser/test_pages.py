"""The page tree in Chromium: a staff member adds a page in the admin (English), moves
it under another parent in the Russian admin, and a reader follows the menu to it while
its old address redirects."""

import pytest
from playwright.sync_api import expect

from pages.models import Page
from tests.browser.csp_watch import CspWatch
from tests.conftest import make_staff_user
from tests.pages.conftest import make_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
PAGE_PERMISSIONS = [f"{action}_page" for action in ("view", "add", "change", "delete")]


@pytest.fixture
def site_tree(db):
    study = make_page(title="Study with us", slug_en="study-with-us", show_in_navigation=True)
    make_page(study, title="Incoming exchange", slug_en="incoming-exchange")
    make_page(title="Go abroad", slug_en="go-abroad", show_in_navigation=True)


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


def test_staff_add_and_move_a_page_and_a_reader_finds_it_by_the_menu(
    page, browser, live_server, django_user_model, site_tree
):
    csp = CspWatch(page)
    make_staff_user(django_user_model, "editor", *PAGE_PERMISSIONS)
    log_in(page, "editor")

    # English admin: a new page under "Incoming exchange".
    page.goto("/admin/pages/page/add/")
    page.locator("#id_title_en").fill("Health insurance")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type("Every exchange student needs health insurance in China.")
    page.locator("#id_parent").select_option(label="— Incoming exchange")
    page.locator("#id_status").select_option("published")
    page.locator("#id_show_in_navigation").check()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Health insurance")
    expect(page.locator("#result_list")).to_contain_text("Health insurance")
    created = Page.objects.get(title_en="Health insurance")
    old_address = "/study-with-us/incoming-exchange/health-insurance/"
    assert created.get_absolute_url() == old_address

    # Russian admin: the page is moved under "Go abroad" and given its Russian title.
    page.goto(f"/ru/admin/pages/page/{created.pk}/change/")
    page.get_by_role("tab", name="Русский").first.click()
    page.locator("#id_title_ru").fill("Медицинская страховка")
    # The Russian admin names the pages by their Russian titles.
    page.locator("#id_parent").select_option(label="Go abroad по-русски")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    moved = Page.objects.get(pk=created.pk)
    assert moved.url_path_en == "go-abroad/health-insurance"
    assert csp.violations == []

    # A reader opens the submenu of "Go abroad" and follows it to the page.
    reader = browser.new_context(base_url=live_server.url).new_page()
    reader.goto("/")
    section = reader.locator(".nav-section").filter(
        has=reader.get_by_role("link", name="Go abroad")
    )
    link = section.get_by_role("link", name="Health insurance")
    expect(link).to_be_hidden()
    section.locator("summary").click()
    link.click()
    expect(reader).to_have_url(f"{live_server.url}/go-abroad/health-insurance/")
    expect(reader.locator("h1")).to_have_text("Health insurance")
    expect(reader.locator(".breadcrumbs")).to_contain_text("Go abroad")
    expect(section.get_by_role("link", name="Go abroad")).to_have_attribute("aria-current", "true")

    # The old address leads there too, and the Russian page has its own.
    reader.goto(old_address)
    expect(reader).to_have_url(f"{live_server.url}/go-abroad/health-insurance/")
    reader.goto(f"/ru/{moved.url_path_ru}/")
    expect(reader.locator("h1")).to_have_text("Медицинская страховка")
    reader.context.close()
