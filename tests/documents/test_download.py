"""The download view: who may read what, and how the file is sent."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission

from documents.models import CONTENT_TYPES, stored_name

from .conftest import make_document
from .samples import docx, valid_pdf

pytestmark = pytest.mark.django_db


def fetch(client, url, method="get"):
    """The response, its body read (as `body`) and its file closed.

    Reading a streamed response to its end closes it (the test client does so with the
    database left open); closing it again here would send "request finished" and close
    the test's own PostgreSQL connection in the middle of its transaction."""
    response = getattr(client, method)(url)
    response.body = b"".join(response.streaming_content) if response.streaming else b""
    return response


def test_a_public_document_is_sent_as_an_attachment_with_safe_headers(client, public_document):
    response = fetch(client, public_document.get_absolute_url())
    assert response.status_code == 200
    assert response.body == valid_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="application-form.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Length"] == str(len(valid_pdf()))


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("留学申请表.pdf", "attachment; filename*=utf-8''" + quote("留学申请表.pdf")),
        ("Анкета студента.pdf", "attachment; filename*=utf-8''" + quote("Анкета студента.pdf")),
        ('Form "A" \\ final.pdf', r'attachment; filename="Form \"A\" \\ final.pdf"'),
    ],
)
def test_unicode_and_quoted_names_are_given_safely(client, name, disposition):
    document = make_document(name)
    response = fetch(client, document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == disposition


def test_a_name_with_a_newline_is_served_without_it(client):
    document = make_document(stored_name("form\r\nSet-Cookie: x=1.pdf", "pdf"))
    assert document.original_name == "form Set-Cookie: x=1.pdf"
    response = fetch(client, document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="form Set-Cookie: x=1.pdf"'
    assert "x" not in response.cookies


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("../../etc/passwd.pdf", "_.._etc_passwd.pdf"),
        ("report.exe", "report.pdf"),
        ("guide v1.2", "guide v1.2.pdf"),
        ("\t .pdf", "document.pdf"),
    ],
)
def test_the_name_readers_get_has_the_kinds_extension_and_no_path(uploaded, stored):
    assert stored_name(uploaded, "pdf") == stored


def test_each_kind_has_its_content_type(client):
    document = make_document("letter.docx", kind="docx", content=docx())
    response = fetch(client, document.get_absolute_url())
    assert response["Content-Type"] == CONTENT_TYPES["docx"]


def test_a_wrong_name_redirects_permanently_to_the_right_one(client, public_document):
    response = fetch(client, f"/documents/{public_document.pk}/old-name.pdf")
    assert response.status_code == 301
    assert response["Location"] == public_document.get_absolute_url()
    response = fetch(client, f"/ru/documents/{public_document.pk}/old-name.pdf")
    assert response.status_code == 301


def test_head_answers_with_the_headers_and_no_body(client, public_document):
    response = fetch(client, public_document.get_absolute_url(), "head")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.body == b""


def test_other_methods_are_refused(client, public_document):
    assert fetch(client, public_document.get_absolute_url(), "post").status_code == 405


def test_a_staff_only_document_is_not_found_for_anonymous_visitors(client, staff_document):
    for url in (staff_document.get_absolute_url(), f"/documents/{staff_document.pk}/x.pdf"):
        response = fetch(client, url)
        # Exactly what an id that does not exist gets: no redirect to the login page.
        assert response.status_code == 404
        assert "Location" not in response


def test_a_staff_only_document_is_not_found_for_staff_without_the_permission(
    staff_client, staff_document
):
    assert fetch(staff_client, staff_document.get_absolute_url()).status_code == 404


def test_a_staff_only_document_is_sent_to_staff_with_the_permission_privately(
    client, staff_user, staff_document
):
    staff_user.user_permissions.add(Permission.objects.get(codename="view_document"))
    client.force_login(staff_user)
    response = fetch(client, staff_document.get_absolute_url())
    assert response.status_code == 200
    assert response.body == valid_pdf()
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    # A wrong name redirects for them only.
    assert fetch(client, f"/documents/{staff_document.pk}/x.pdf").status_code == 301


def test_an_inactive_account_with_the_permission_gets_nothing(client, staff_user, staff_document):
    staff_user.user_permissions.add(Permission.objects.get(codename="view_document"))
    client.force_login(staff_user)
    staff_user.is_active = False
    staff_user.save()
    assert fetch(client, staff_document.get_absolute_url()).status_code in (302, 404)
    assert fetch(client, staff_document.get_absolute_url()).status_code != 200


def test_a_file_missing_on_disk_is_not_found(client, public_document):
    public_document.file.storage.delete(public_document.file.name)
    assert fetch(client, public_document.get_absolute_url()).status_code == 404


def test_an_unknown_id_is_not_found(client):
    assert fetch(client, "/documents/999999/x.pdf").status_code == 404
    assert fetch(client, "/documents/99999999999999999999999/x.pdf").status_code == 404
