"""A release's history pages run under the Content-Security-Policy with no violation,
and every admin page has the site's icon."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import STAFF_PASSWORD, make_staff_user
from tests.core.sample_images import image_bytes
from tests.news.conftest import make_news_release

from .csp_watch import CspWatch

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SITE_TITLE = {
    "": "International Office administration",
    "/ru": "Управление сайтом отдела международного сотрудничества",
}
ADMINS = pytest.mark.parametrize("prefix", ["", "/ru"])


@pytest.fixture
def editor(django_user_model):
    return make_staff_user(
        django_user_model,
        "history-editor",
        "add_newsrelease",
        "change_newsrelease",
        "view_newsrelease",
        "delete_newsrelease",
    )


def log_in(page, user, prefix):
    page.goto(f"{prefix}/admin/login/?next={prefix}/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#content")).to_be_visible()


@ADMINS
def test_the_history_and_restore_pages_raise_no_csp_violation(page, editor, prefix):
    watch = CspWatch(page)
    release = make_news_release()
    release.title = "Edited title"
    release.save()
    past = release.history.earliest()
    log_in(page, editor, prefix)

    history = f"{prefix}/admin/news/newsrelease/{release.pk}/history/"
    page.goto(history)
    expect(page.locator("#content")).to_be_visible()
    assert watch.violations == [], history

    restore = f"{history}{past.history_id}/"
    page.goto(restore)
    # The restore form is the change form, its editors running.
    expect(page.locator(".ck-editor__editable").first).to_be_visible()
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type("More.")
    # An image being uploaded is shown from a data: URL, which the editor's policy
    # allows and the strict one does not.
    with page.expect_response(lambda r: "/editor/upload-image/" in r.url) as upload:
        page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(
            files=[{"name": "campus.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}]
        )
        # The upload asks for the picture's description first (core/library).
        page.locator("dialog.rte-describe textarea").fill("The campus")
        page.locator("dialog.rte-describe button[type=submit]").click()
    assert upload.value.status == 200
    expect(page.locator(".ck-editor__editable img").first).to_be_visible()
    assert watch.violations == [], restore


@ADMINS
def test_every_admin_page_has_the_sites_icon(page, editor, prefix):
    missing = []
    page.on("response", lambda r: r.status == 404 and missing.append(r.url))
    release = make_news_release()
    page.goto(f"{prefix}/admin/login/")
    icons = page.locator("link[rel=icon]")
    expect(icons).to_have_attribute("href", re.compile(r"^/static/img/favicon(\.\w+)?\.svg$"))
    log_in(page, editor, prefix)
    for path in [
        "/admin/",
        "/admin/news/newsrelease/",
        "/admin/news/newsrelease/add/",
        f"/admin/news/newsrelease/{release.pk}/change/",
        f"/admin/news/newsrelease/{release.pk}/history/",
        f"/admin/news/newsrelease/{release.pk}/delete/",
        "/admin/password_change/",
    ]:
        page.goto(prefix + path)
        expect(icons).to_have_count(1)
        href = icons.get_attribute("href")
        assert page.request.get(href).status == 200, path
        # Site header and title are the admin's own.
        assert page.title().endswith(SITE_TITLE[prefix]), path
    assert missing == []
