"""Every kind of file the checks refuse, uploaded through the admin: a clear message,
and neither a row nor a file left behind."""

import pytest

from documents.models import Document

from . import samples
from .conftest import ADD, stored_files, upload_form

pytestmark = pytest.mark.django_db

NOT_ACCEPTED = "Accepted are PDF, Word (DOCX), Excel (XLSX) and OpenDocument"
ACTIVE_PDF = "This PDF contains scripts, launch actions, embedded files or interactive media"
MACROS = "This file contains macros, ActiveX controls or embedded programs"

REFUSED = {
    "renamed-program.pdf": (b"MZ\x90\x00" + b"\0" * 200, "This is a program, not a document."),
    "page.pdf": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", NOT_ACCEPTED),
    "drawing.pdf": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        NOT_ACCEPTED,
    ),
    "photo.pdf": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "This is an image, not a document."),
    "old-form.doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500,
        "This is an old Word or Excel file (DOC, XLS).",
    ),
    "open-action.pdf": (samples.pdf_with_open_action_javascript(), ACTIVE_PDF),
    "hex-escaped.pdf": (samples.pdf_with_hex_escaped_javascript(), ACTIVE_PDF),
    "object-stream.pdf": (samples.pdf_with_javascript_in_object_stream(), ACTIVE_PDF),
    "launch.pdf": (samples.pdf_with_launch_action(), ACTIVE_PDF),
    "attachment.pdf": (samples.pdf_with_attachment(), ACTIVE_PDF),
    "broken.pdf": (b"%PDF-1.7\nnothing else", "This file starts like a PDF but cannot be read"),
    "macros.docx": (samples.docx(main=samples.WORD_MACRO_MAIN), MACROS),
    "vba.xlsx": (samples.xlsx(extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), MACROS),
    "activex.docx": (
        samples.docx(
            extra={"word/activeX/activeX1.xml": b"<ax/>"},
            defaults=[("bin", "application/vnd.ms-office.activeX")],
        ),
        MACROS,
    ),
    "ole.docx": (samples.docx(extra={"word/embeddings/oleObject1.bin": b"\0"}), MACROS),
    "bomb.docx": (samples.zip_bomb(), "This file unpacks to far more than a document holds"),
    "basic.odt": (samples.opendocument(extra={"Basic/Standard/Module1.xml": b"<m/>"}), MACROS),
    "scripts.ods": (
        samples.opendocument("spreadsheet", extra={"Scripts/python/run.py": b"import os"}),
        MACROS,
    ),
    "presentation.odp": (samples.opendocument("presentation"), "is not a Word (DOCX)"),
    "archive.zip": (samples.package({"readme.txt": b"hello"}), "is not a Word (DOCX)"),
    "empty.pdf": (b"", "The submitted file is empty."),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_refused_file_gets_a_clear_message_and_nothing_is_stored(admin_client, name):
    content, message = REFUSED[name]
    response = admin_client.post(ADD, upload_form(samples.upload(name, content)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_a_file_over_the_size_limit_is_refused_saying_both_sizes(admin_client, settings):
    settings.DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
    content = samples.valid_pdf() + b"\0" * int(31.2 * 1024 * 1024)
    response = admin_client.post(ADD, upload_form(samples.upload("big.pdf", content)))
    assert "The file is 31.2 MB; the limit is 20 MB." in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


VALID = {
    "form.pdf": (samples.valid_pdf(), "pdf"),
    "letter.docx": (samples.docx(), "docx"),
    "budget.xlsx": (samples.xlsx(), "xlsx"),
    "letter.odt": (samples.opendocument("text"), "odt"),
    "budget.ods": (samples.opendocument("spreadsheet"), "ods"),
    # Named wrongly: the content decides, and the name follows it.
    "budget.pdf": (samples.xlsx(), "xlsx"),
    "申请表 «final».PDF": (samples.valid_pdf(), "pdf"),
}


@pytest.mark.parametrize("name", VALID)
def test_a_valid_file_is_stored_under_a_random_name_with_its_kind(admin_client, admin_user, name):
    content, kind = VALID[name]
    response = admin_client.post(ADD, upload_form(samples.upload(name, content)))
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.kind == kind
    assert document.size == len(content)
    assert document.uploaded_by == admin_user
    assert document.original_name.endswith(f".{kind}")
    assert document.original_name.rpartition(".")[0] == name.rpartition(".")[0]
    [stored] = stored_files()
    assert stored.endswith(f".{kind}") and name.rpartition(".")[0] not in stored
    with document.file.open("rb") as stored_file:
        assert stored_file.read() == content
