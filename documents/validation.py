"""What an uploaded document must be, judged by its content, never by its name.

The office offers files that anyone may download and open, so a file is accepted
only when it is plainly one of five kinds and carries nothing that runs when opened:

- PDF: starts with %PDF- and pypdf reads it; no JavaScript, launch actions, embedded
  files, rich media or XFA forms anywhere in it (documents/checks/pdf.py);
- DOCX, XLSX: an Office Open XML package whose main part is a Word document or an
  Excel workbook, without macros, ActiveX controls or embedded programs;
- ODT, ODS: an OpenDocument package of text or spreadsheet, without macros.

(documents/checks/package.py for both packages.) Everything else, a program, a web
page, an image or an old binary Office file, is refused with a message naming the
kinds accepted. Each check reads a bounded amount: the file itself is at most
DOCUMENT_MAX_BYTES, a package's entries are counted and their sizes added up before
any is decompressed, and a PDF's objects are counted and timed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .checks.package import check_package
from .checks.pdf import check_pdf

MEGABYTE = 1024 * 1024

ACCEPTED = _(
    "Accepted are PDF, Word (DOCX), Excel (XLSX) and OpenDocument text and "
    "spreadsheet (ODT, ODS) files."
)

# The first bytes of kinds staff may well try to upload, for a message that says
# what the file is rather than only what it is not.
SIGNATURES = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _("This is an old Word or Excel file (DOC, XLS).")),
    (b"MZ", _("This is a program, not a document.")),
    (b"\x7fELF", _("This is a program, not a document.")),
    (b"\x89PNG", _("This is an image, not a document.")),
    (b"\xff\xd8\xff", _("This is an image, not a document.")),
    (b"GIF8", _("This is an image, not a document.")),
]


def megabytes(size):
    value = size / MEGABYTE
    return number_format(value, 0 if value == int(value) else 1)


def check_size(size):
    limit = settings.DOCUMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": megabytes(size), "limit": megabytes(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")


def document_kind(uploaded):
    """The kind ("pdf", "docx", ...) of an uploaded file, or ValidationError saying
    why it is refused. Reads the file from its start; leaves it rewound."""
    check_size(uploaded.size)
    uploaded.seek(0)
    try:
        head = uploaded.read(8)
        uploaded.seek(0)
        if head.startswith(b"%PDF-"):
            check_pdf(uploaded)
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            return check_package(uploaded)
    finally:
        uploaded.seek(0)
    for signature, message in SIGNATURES:
        if head.startswith(signature):
            raise ValidationError(f"{message} {ACCEPTED}", code="wrong_kind")
    raise ValidationError(
        _("This file is not one of the kinds accepted. %(accepted)s") % {"accepted": ACCEPTED},
        code="wrong_kind",
    )
