"""Files for the documents' tests, built here: valid ones of each kind, and hostile
ones of every kind the checks refuse."""

import io
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.pdf import write_pdf

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def valid_pdf(title="Application form"):
    return write_pdf(title, ["Family name: ____", "Given names: ____"])


def raw_pdf(*objects, trailer=""):
    """A PDF of these objects (numbered from 1; the first is the catalog), with a
    correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


PAGES = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


def pdf_with_open_action_javascript():
    return raw_pdf(
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        PAGES,
        PAGE,
        "<< /Type /Action /S /JavaScript /JS (app.alert\\('hi'\\)) >>",
    )


def pdf_with_hex_escaped_javascript():
    # /J#61vaScript is /JavaScript, /J#53 is /JS: what a reader acts on.
    return raw_pdf(
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        PAGES,
        PAGE,
        "<< /Type /Action /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
    )


def pdf_with_launch_action():
    return raw_pdf(
        "<< /Type /Catalog /Pages 2 0 R >>",
        PAGES,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /AA << /O 4 0 R >> >>",
        "<< /Type /Action /S /Launch /F (cmd.exe) >>",
    )


def pdf_with_javascript_in_object_stream():
    """The script action packed, compressed, into an object stream that a
    cross-reference stream points into: no byte of the file shows its names."""
    action = b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"
    packed = zlib.compress(b"5 0 " + action)
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    bodies = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
        2: PAGES.encode(),
        3: PAGE.encode(),
        4: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream",
    }
    for number, body in bodies.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets[6] = len(out)
    rows = [b"\x00" + bytes(4) + b"\xff\xff"]
    rows += [b"\x01" + offsets[n].to_bytes(4, "big") + bytes(2) for n in (1, 2, 3, 4)]
    rows += [b"\x02" + (4).to_bytes(4, "big") + bytes(2)]
    rows += [b"\x01" + offsets[6].to_bytes(4, "big") + bytes(2)]
    table = b"".join(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


def pdf_with_attachment():
    """An embedded file, as pypdf (like any PDF tool) attaches one."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(valid_pdf())))
    writer.add_attachment("payload.exe", b"MZ" + b"\0" * 100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def package(entries, first=None):
    """A ZIP of {name: bytes}; `first` names the entry written first, stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first), entries.pop(first))
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def content_types(*overrides, defaults=()):
    rows = [
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        *(f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults),
        *(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides),
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(rows)
        + "</Types>"
    ).encode()


def docx(extra=None, main=WORD_MAIN, defaults=()):
    entries = {
        "[Content_Types].xml": content_types(("/word/document.xml", main), defaults=defaults),
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
    entries.update(extra or {})
    return package(entries)


def xlsx(extra=None, overrides=()):
    entries = {
        "[Content_Types].xml": content_types(("/xl/workbook.xml", EXCEL_MAIN), *overrides),
        "_rels/.rels": b"<Relationships/>",
        "xl/workbook.xml": b"<workbook/>",
    }
    entries.update(extra or {})
    return package(entries)


def opendocument(kind="text", extra=None):
    entries = {
        "mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
        "META-INF/manifest.xml": b"<manifest:manifest/>",
        "content.xml": b"<office:document-content/>",
    }
    entries.update(extra or {})
    return package(entries, first="mimetype")


def zip_bomb():
    """A small ZIP declaring far more than a document unpacks to: 300 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", content_types(("/word/document.xml", WORD_MAIN)))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                part.write(chunk)
    return out.getvalue()
