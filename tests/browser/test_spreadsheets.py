"""Importing and exporting partners in the admin, in the browser, under the site's CSP."""

import pytest
from playwright.sync_api import expect

from partners.models import Institution
from tests.conftest import STAFF_PASSWORD, make_staff_user

from .csp_watch import CspWatch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PERMISSIONS = [f"{action}_institution" for action in ("view", "add", "change")]

CSV = (
    "slug,name_en,name_zh_hans,name_ru,city_en,country,ror_id\n"
    "university-of-warsaw,University of Warsaw,华沙大学,Варшавский университет,Warsaw,PL,\n"
    "atlantis,Atlantis University,亚特兰蒂斯大学,Атлантида,Atlantis,Atlantis,05qghxh3x\n"
).encode("utf-8-sig")


@pytest.fixture
def imports_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "import_export": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "imports", "base_url": None},
        },
    }


@pytest.mark.parametrize("prefix", ["", "/zh-hans", "/ru"])
def test_staff_preview_an_import_with_a_bad_row_and_import_the_others_without_a_csp_violation(
    page, django_user_model, imports_folder, prefix
):
    make_staff_user(django_user_model, "manager", *PERMISSIONS)
    watch = CspWatch(page)
    page.goto(f"{prefix}/admin/login/?next={prefix}/admin/partners/institution/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()

    page.locator("a.import_link").click()
    page.locator("#id_import_file").set_input_files(
        files=[{"name": "partners.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    # The library's script picks the format from the file's name.
    expect(page.locator("#id_format")).to_have_value("0")
    page.locator("input[type=submit]").click()

    rows = page.locator(".spreadsheet-preview tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("td.errors")).to_contain_text("Atlantis")
    assert not Institution.objects.exists()

    page.locator("#id_skip_invalid_rows").check()
    page.locator("input[name=confirm]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(Institution.objects.values_list("slug_en", flat=True)) == ["university-of-warsaw"]

    page.locator("a.export_link").click()
    expect(page.locator("#id_format")).to_be_visible()
    assert watch.violations == []
