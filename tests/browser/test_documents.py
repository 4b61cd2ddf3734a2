"""A staff member uploads a PDF in the admin (a program renamed .pdf is refused
first), attaches it to a release, and a reader downloads it from the release page
under its original name."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from documents.models import Document
from news.models import NewsRelease
from tests.conftest import STAFF_PASSWORD, make_staff_user
from tests.documents.samples import valid_pdf

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PERMISSIONS = [
    f"{action}_{model}"
    for action in ("view", "add", "change")
    for model in ("document", "newsrelease")
]


def log_in(page, username, next_url):
    prefix = next_url.split("/admin/")[0]
    page.goto(f"{prefix}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()


@pytest.mark.parametrize(
    ("prefix", "file_name"),
    [("", "留学申请表 2026.pdf"), ("/ru", "Анкета студента «обмен».pdf")],
)
def test_staff_uploads_and_attaches_a_pdf_and_a_reader_downloads_it(
    browser, live_server, page, django_user_model, prefix, file_name
):
    make_staff_user(django_user_model, "staff", *PERMISSIONS)
    release = NewsRelease.objects.create(
        title="Welcome week",
        summary="New students arrive.",
        body="<p>Welcome.</p>",
        author="Xu Yan",
        release_time=timezone.now() - timezone.timedelta(hours=1),
        status=NewsRelease.Status.PUBLISHED,
    )
    log_in(page, "staff", f"{prefix}/admin/documents/document/add/")
    expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "en")

    # A program named .pdf: refused, with the reason, and nothing kept.
    page.locator("#id_title_en").fill("Application form")
    page.locator("#id_file").set_input_files(
        files=[{"name": "form.pdf", "mimeType": "application/pdf", "buffer": b"MZ" + bytes(300)}]
    )
    page.locator("input[name=_save]").click()
    refusal = {"": "This is a program, not a document.", "/ru": "Это программа, а не документ."}
    expect(page.locator(".field-file .errorlist")).to_contain_text(refusal[prefix])
    assert not Document.objects.exists()
    page.screenshot(path=f"/tmp/shots14/docs/browser-refused{prefix.replace('/', '-')}.png")

    page.locator("#id_file").set_input_files(
        files=[{"name": file_name, "mimeType": "application/pdf", "buffer": valid_pdf()}]
    )
    page.locator("#id_visibility").select_option("public")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    document = Document.objects.get()
    assert (document.original_name, document.kind) == (file_name, "pdf")

    # Attached to the release through the autocomplete box.
    page.goto(f"{prefix}/admin/news/newsrelease/{release.pk}/change/")
    page.locator(".field-documents .select2-selection").click()
    page.locator(".field-documents .select2-search__field").fill("Applic")
    page.locator(".select2-results__option", has_text="Application form").click()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(release.documents.all()) == [document]

    # A reader, without an account, downloads it from the release page.
    reader = browser.new_context(base_url=live_server.url, accept_downloads=True)
    reader_page = reader.new_page()
    reader_page.goto(f"{prefix}{release.get_absolute_url()}")
    link = reader_page.get_by_role("link", name="Application form")
    expect(link).to_be_visible()
    with reader_page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == file_name
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == valid_pdf()
    reader.close()
