import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from news.models import NewsRelease
from tests.conftest import make_staff_user
from tests.core.sample_images import image_bytes

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VENDORED_VERSION = (
    (Path(__file__).resolve().parents[2] / "static/vendor/ckeditor5/VERSION").read_text().strip()
)
ADD_RELEASE = "/admin/news/newsrelease/add/"
PASSWORD = "correct horse battery staple"
EDITABLE = ".ck-editor__editable"


@pytest.fixture
def release_author(django_user_model):
    """A staff member allowed to add, change and view news releases, by permission."""
    return make_staff_user(
        django_user_model,
        "news-editor",
        "add_newsrelease",
        "change_newsrelease",
        "view_newsrelease",
    )


def log_in(page, user, next_url=ADD_RELEASE):
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator(EDITABLE).first).to_be_visible()


def test_the_admin_serves_the_vendored_ckeditor_version(page, release_author):
    log_in(page, release_author)

    assert page.evaluate("window.CKEDITOR_VERSION") == VENDORED_VERSION


def test_a_heading_a_link_and_an_uploaded_image_are_saved_with_the_release(page, release_author):
    log_in(page, release_author)
    page.fill("#id_title_en", "Exchange programmes 2026")
    editable = page.locator(EDITABLE).first

    editable.click()
    page.keyboard.type("## Exchange programmes")  # Autoformat: "## " starts a heading 2
    page.keyboard.press("Enter")
    page.keyboard.type("Apply at ")
    page.keyboard.press("Control+K")
    page.get_by_role("textbox", name="Displayed text").fill("the call for applications")
    page.get_by_role("textbox", name="Link URL").fill("https://example.edu/apply")
    page.keyboard.press("Enter")
    page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(
        files=[{"name": "campus.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}]
    )
    # The upload waits for the picture's description (tests/browser/test_media_library.py).
    page.locator("dialog.rte-describe textarea").fill("The campus in spring")
    page.locator("dialog.rte-describe button[type=submit]").click()

    expect(editable.locator("h2")).to_have_text("Exchange programmes")
    expect(editable.locator("a")).to_have_text("the call for applications")
    expect(editable.locator("a")).to_have_attribute("href", "https://example.edu/apply")
    uploaded = re.compile(r"^/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.webp$")
    expect(editable.locator("img")).to_have_attribute("src", uploaded)

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    body = NewsRelease.objects.get(title="Exchange programmes 2026").body
    assert "<h2>Exchange programmes</h2>" in body
    assert '<a href="https://example.edu/apply"' in body
    assert re.search(r'<img alt="[^"]*" src="/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.webp"', body)
    assert 'alt="The campus in spring"' in body


def test_an_empty_required_body_shows_the_servers_message_instead_of_blocking_submit(
    page, release_author
):
    log_in(page, release_author)
    page.fill("#id_title_en", "A release without a body")
    # The admin's form says `novalidate`; forms elsewhere let the browser validate,
    # and a hidden required textarea would then block submit without a word.
    page.evaluate("document.querySelector('#newsrelease_form').noValidate = false")

    page.locator("input[name=_save]").click()

    expect(page.locator(".field-body_en .errorlist")).to_have_text("This field is required.")
    expect(page.locator(EDITABLE).first).to_be_visible()
    assert not NewsRelease.objects.exists()


@pytest.mark.parametrize(
    ("browser_locale", "editor_language", "bold"),
    [("zh-CN", "zh-cn", "加粗"), ("ru-RU", "ru", "Жирный"), ("en-US", "en", "Bold")],
)
def test_the_editor_speaks_the_admins_language(
    browser, live_server, release_author, browser_locale, editor_language, bold
):
    context = browser.new_context(base_url=live_server.url, locale=browser_locale)
    page = context.new_page()
    page.set_default_timeout(15_000)

    log_in(page, release_author)

    expect(page.locator("textarea[data-rich-text]").first).to_have_attribute(
        "data-language", editor_language
    )
    expect(page.locator(f".ck-toolbar [data-cke-tooltip-text^='{bold}']")).to_have_count(
        3
    )  # one editor a language
    # Whatever the admin's language, each editing area is marked with its text's.
    for field, language in [("body_en", "en"), ("body_zh_hans", "zh-cn"), ("body_ru", "ru")]:
        editable = page.locator(f"#id_{field} + .ck-editor .ck-editor__editable")
        expect(editable).to_have_attribute("lang", language)
    context.close()


def test_an_editor_starts_in_an_inline_row_added_later_but_not_in_the_row_template(
    page, release_author
):
    log_in(page, release_author)

    # What Django admin's inlines.js does on "Add another": copy the hidden
    # template row (class "empty-form", names with __prefix__), then fire
    # `formset:added` on the copy.
    page.evaluate(
        """() => {
            const template = document.createElement("div");
            template.className = "empty-form";
            template.innerHTML = '<textarea name="items-__prefix__-body" data-rich-text></textarea>';
            const row = document.createElement("div");
            row.innerHTML = '<textarea name="items-0-body" data-rich-text></textarea>';
            document.querySelector("form").append(template, row);
            row.dispatchEvent(new CustomEvent("formset:added", {bubbles: true}));
        }"""
    )

    expect(page.locator("textarea[name=items-0-body] + .ck-editor")).to_have_count(1)
    expect(page.locator(".empty-form .ck-editor")).to_have_count(0)
