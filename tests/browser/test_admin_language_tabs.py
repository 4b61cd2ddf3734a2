"""The translated fields of the admin's forms, one language at a time, in tabs."""

import pytest
from playwright.sync_api import expect

from core.models import Office
from news.models import NewsRelease
from partners.models import Institution
from partners.models.agreement import AgreementKind
from tests.conftest import STAFF_PASSWORD, make_staff_user
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADMINS = pytest.mark.parametrize("prefix", ["", "/ru"])


@pytest.fixture
def editor(django_user_model):
    return make_staff_user(
        django_user_model,
        "tabs-editor",
        "add_newsrelease",
        "change_newsrelease",
        "view_newsrelease",
        "add_institution",
        "change_institution",
        "view_institution",
        "add_agreement",
        "change_agreement",
        "view_agreement",
        "delete_agreement",
        "add_ranking",
        "change_ranking",
        "view_ranking",
        "delete_ranking",
        "change_office",
        "view_office",
    )


def log_in(page, user, url):
    page.goto(url.split("/admin/")[0] + f"/admin/login/?next={url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("[role=tablist]").first).to_be_visible()


def tab(page, name):
    return page.get_by_role("tab", name=name).first


@ADMINS
def test_one_language_at_a_time_with_the_state_of_each(page, editor, prefix):
    release = make_news_release(title_zh_hans="宾州大学签署备忘录")
    log_in(page, editor, f"{prefix}/admin/news/newsrelease/{release.pk}/change/")

    tabs = page.locator("#newsrelease_form [role=tablist]").first.get_by_role("tab")
    expect(tabs).to_have_count(3)
    expect(tabs.nth(0)).to_contain_text("English")
    expect(tabs.nth(1)).to_contain_text("简体中文")
    expect(tabs.nth(2)).to_contain_text("Русский")
    states = [tabs.nth(index).locator(".language-tabs-state") for index in range(3)]
    expect(states[0]).to_have_attribute("data-state", "complete")
    expect(states[1]).to_have_attribute("data-state", "partial")  # a title, no body
    expect(states[1]).to_contain_text("1")
    expect(states[2]).to_have_attribute("data-state", "empty")
    if not prefix:
        expect(states[0]).to_have_text("Complete")
        expect(states[2]).to_have_text("Not translated yet")

    # Only the default language's fields are shown, labelled with words, not codes.
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_ru")).to_be_hidden()
    expect(page.locator("label[for=id_title_ru]")).not_to_contain_text("[")
    assert "[ru]" not in page.locator("#newsrelease_form").inner_text()

    tab(page, "Русский").click()
    expect(page.locator("#id_title_ru")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()
    page.fill("#id_title_ru", "Биньчжоуский университет подписал меморандум")
    expect(states[2]).to_have_attribute("data-state", "partial")

    # The arrow keys move between tabs, as in any tab list.
    tabs.nth(2).press("ArrowRight")
    expect(page.locator("#id_title_en")).to_be_visible()


@ADMINS
def test_the_editor_works_in_a_tab_shown_later_and_every_language_is_saved(page, editor, prefix):
    log_in(page, editor, f"{prefix}/admin/news/newsrelease/add/")
    page.fill("#id_title_en", "Exchange week")
    page.locator("#id_body_en + .ck-editor .ck-editor__editable").click()
    page.keyboard.type("Students arrive.")

    tab(page, "简体中文").click()
    page.fill("#id_title_zh_hans", "交流周")
    editable = page.locator("#id_body_zh_hans + .ck-editor .ck-editor__editable")
    expect(editable).to_be_visible()
    editable.click()
    page.keyboard.type("学生到达。")
    page.keyboard.press("Control+B")
    page.keyboard.type("欢迎")
    zh_tab = page.locator("[role=tab][lang=zh-hans]").first
    expect(zh_tab.locator(".language-tabs-state")).to_have_attribute("data-state", "complete")
    # The toolbar is whole, not folded away as if it had no room.
    expect(
        page.locator("#id_body_zh_hans + .ck-editor .ck-toolbar .ck-button").first
    ).to_be_visible()

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    release = NewsRelease.objects.get()
    assert (release.title_en, release.title_zh_hans) == ("Exchange week", "交流周")
    assert not release.title_ru
    assert "学生到达。" in release.body_zh_hans
    assert "<strong>欢迎</strong>" in release.body_zh_hans
    assert "Students arrive." in release.body_en


@ADMINS
def test_a_validation_error_opens_its_languages_tab(page, editor, prefix):
    log_in(page, editor, f"{prefix}/admin/news/newsrelease/add/")
    tab(page, "Русский").click()
    page.fill("#id_slug_ru", "неделя обмена!")  # no spaces nor marks in an address
    tab(page, "English").click()
    page.fill("#id_title_en", "Exchange week")

    page.locator("input[name=_save]").click()

    # The English body is missing and the Russian slug is wrong: the first tab with
    # an error is opened, and each such tab is marked.
    english = page.locator("[role=tab][lang=en]").first
    russian = page.locator("[role=tab][lang=ru]").first
    expect(english).to_have_attribute("aria-selected", "true")
    expect(english.locator(".language-tabs-errors")).to_be_visible()
    expect(russian.locator(".language-tabs-errors")).to_be_visible()
    expect(page.locator("[role=tab][lang=zh-hans] .language-tabs-errors")).to_have_count(0)
    if not prefix:
        expect(english.locator(".language-tabs-errors")).to_have_text("Has errors")
    expect(page.locator(".field-body_en .errorlist")).to_be_visible()

    # Once English is right, the Russian tab is the one opened.
    page.locator("#id_body_en + .ck-editor .ck-editor__editable").click()
    page.keyboard.type("Students arrive.")
    page.locator("input[name=_save]").click()
    expect(russian).to_have_attribute("aria-selected", "true")
    expect(page.locator(".field-slug_ru .errorlist")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()
    assert not NewsRelease.objects.exists()


@ADMINS
def test_the_institution_its_agreements_and_the_office_have_tabs(page, editor, prefix):
    institution = make_institution()
    institution.agreements.create(kind=AgreementKind.values[0], programmes_en="Geology")
    Office.objects.get_or_create(defaults={"name": "International Office"})
    log_in(page, editor, f"{prefix}/admin/partners/institution/{institution.pk}/change/")

    name, programmes = (
        ("Название:", "Образовательные программы:") if prefix else ("Name:", "Programmes covered:")
    )
    expect(page.locator("label[for=id_name_en]")).to_have_text(name)
    expect(page.locator("label[for=id_agreements-0-programmes_en]")).to_have_text(programmes)
    # Choosing a language in one group of tabs chooses it in all of them.
    tab(page, "简体中文").click()
    expect(page.locator("#id_name_zh_hans")).to_be_visible()
    expect(page.locator("#id_agreements-0-programmes_zh_hans")).to_be_visible()
    expect(page.locator("#id_agreements-0-programmes_en")).to_be_hidden()
    # The description's editor starts in its tab.
    expect(
        page.locator("#id_description_zh_hans + .ck-editor .ck-editor__editable")
    ).to_be_visible()
    page.fill("#id_name_zh_hans", "伊尔库茨克国立技术大学")
    page.fill("#id_city_zh_hans", "伊尔库茨克")
    page.fill("#id_slug_zh_hans", "yierkuci")
    page.locator("input[name=_save]").click()
    # Saved, and the city's coordinates looked up for the directory's map.
    expect(page.locator(".messagelist .success")).to_have_count(2)
    assert Institution.objects.get().name_zh_hans == "伊尔库茨克国立技术大学"

    office = Office.objects.get()
    page.goto(f"{prefix}/admin/core/office/{office.pk}/change/")
    expect(page.get_by_role("tab")).to_have_count(3)
    expect(page.locator("label[for=id_name_ru]")).to_have_text(name)


@ADMINS
def test_without_javascript_every_field_is_shown_under_its_languages_name(
    browser, live_server, editor, prefix
):
    release = make_news_release()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{prefix}/admin/login/?next={prefix}/admin/news/newsrelease/{release.pk}/change/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()

    for code, name in [("en", "English"), ("zh_hans", "简体中文"), ("ru", "Русский")]:
        expect(page.locator(f"#id_title_{code}")).to_be_visible()
        fieldset = page.locator("fieldset.language-tab", has=page.locator(f"#id_title_{code}"))
        expect(fieldset.locator(".fieldset-heading")).to_have_text(name)
    expect(page.locator("[role=tablist]")).to_have_count(0)
    page.fill("#id_title_ru", "Меморандум")
    page.locator("input[name=_save]").click()
    assert NewsRelease.objects.get().title_ru == "Меморандум"
    context.close()
