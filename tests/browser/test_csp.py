"""Every public page type and the news editor run under the strict Content Security
Policy with no violation reported by Chromium."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_staff_user
from tests.core.sample_images import image_bytes
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution

from .csp_watch import CspWatch

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
EDITABLE = ".ck-editor__editable_inline"


@pytest.fixture
def watch(page):
    return CspWatch(page)


def test_public_pages_load_without_any_csp_violation(page, watch):
    institution = make_institution()
    release = make_news_release(title="Exchange week 2026", body="<p>Students <b>arrive</b>.</p>")
    release.partners.add(institution)

    for path in [
        "/",
        "/news/",
        release.get_absolute_url(),
        "/news/?q=exchange",
        "/partners/",
        "/partners/?q=Irkutsk&country=RU",
        institution.get_absolute_url(),
        "/no-such-page/",
        "/zh-hans/",
        f"/zh-hans/news/{release.pk}/{release.slug}/",
        "/ru/partners/",
        f"/ru{institution.get_absolute_url()}",
    ]:
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        assert watch.violations == [], path


def test_the_news_editor_runs_without_any_csp_violation(page, watch, django_user_model):
    editor = make_staff_user(
        django_user_model,
        "news-editor",
        "add_newsrelease",
        "change_newsrelease",
        "view_newsrelease",
    )
    page.goto("/admin/login/?next=/admin/news/newsrelease/add/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    editable = page.locator(EDITABLE).first
    expect(editable).to_be_visible()

    editable.click()
    page.keyboard.type("## Programme")
    page.keyboard.press("Enter")
    page.keyboard.type("Apply ")
    page.keyboard.press("Control+K")
    page.get_by_role("textbox", name="Link URL").fill("https://example.edu/apply")
    page.keyboard.press("Enter")
    page.locator("button[data-cke-tooltip-text^='Insert table']").first.click()
    page.locator(".ck-insert-table-dropdown-grid-box").nth(4).click()
    with page.expect_response(lambda r: "/editor/upload-image/" in r.url) as upload:
        page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(
            files=[{"name": "campus.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}]
        )
        # The upload asks for the picture's description first (core/library).
        page.locator("dialog.rte-describe textarea").fill("The campus")
        page.locator("dialog.rte-describe button[type=submit]").click()
    assert upload.value.status == 200
    expect(editable.locator("img")).to_have_count(1)
    expect(editable.locator("table")).to_have_count(1)
    page.fill("#id_title_en", "Under a strict policy")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(editable).to_be_visible()

    assert watch.violations == []


def test_the_watch_reports_a_violation_so_its_silence_means_something(page, watch):
    page.goto("/")

    blocked = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener(
                "securitypolicyviolation", (event) => resolve(event.violatedDirective), {once: true}
            );
            document.body.insertAdjacentHTML("beforeend", '<p style="color: red">injected</p>');
        })"""
    )
    page.evaluate("1")  # one more round trip delivers the watch's own report

    assert blocked == "style-src-attr"
    assert any("style-src-attr" in violation for violation in watch.violations), watch.violations
