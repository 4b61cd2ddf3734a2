"""A small PDF writer: pages of text in the standard Helvetica fonts.

Enough for the demo's forms and guides (English text; every PDF reader has the 14
standard fonts, so nothing is embedded). A title, then paragraphs wrapped to the
page's width and flowed over as many A4 pages as they need.
"""

import textwrap
import zlib

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4, in points
MARGIN = 64
BODY_SIZE, TITLE_SIZE, LEADING = 11, 18, 15
# Helvetica at 11 pt averages about 5.5 pt a character.
LINE_CHARACTERS = int((PAGE_WIDTH - 2 * MARGIN) / 5.6)
LINES_PER_PAGE = int((PAGE_HEIGHT - 2 * MARGIN - 2 * LEADING) / LEADING)


def escape(text):
    encoded = text.encode("cp1252", "replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def lines_of(paragraphs):
    lines = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, LINE_CHARACTERS) or [""]
        lines.append("")
    return lines


def page_stream(title, lines, number, count):
    parts = ["BT", f"/F2 {TITLE_SIZE} Tf", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td"]
    parts.append(f"({escape(title)}) Tj")
    parts += [f"/F1 {BODY_SIZE} Tf", f"0 -{2 * LEADING} Td", f"{LEADING} TL"]
    parts += [f"({escape(line)}) Tj T*" for line in lines]
    parts += ["ET", "BT", f"/F1 9 Tf {MARGIN} {MARGIN // 2} Td", f"({number} / {count}) Tj", "ET"]
    return "\n".join(parts).encode("latin-1")


def write_pdf(title, paragraphs, author="", subject=""):
    """The bytes of a PDF with `title` on each page and the paragraphs flowed over them."""
    lines = lines_of(paragraphs)
    chunks = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    objects = {}
    # 1 catalog, 2 page tree, 3 regular font, 4 bold font, 5 info, then page + content pairs.
    page_ids = [6 + 2 * index for index in range(len(chunks))]
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{page} 0 R" for page in page_ids)
    objects[2] = f"<< /Type /Pages /Kids [{kids}] /Count {len(chunks)} >>".encode()
    objects[3] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects[4] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    objects[5] = (
        f"<< /Title ({escape(title)}) /Author ({escape(author)}) /Subject ({escape(subject)}) "
        "/Producer (International Office CMS) >>"
    ).encode("latin-1")
    for number, (page, chunk) in enumerate(zip(page_ids, chunks, strict=True), start=1):
        content = zlib.compress(page_stream(title, chunk, number, len(chunks)))
        objects[page] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {page + 1} 0 R >>"
        ).encode()
        objects[page + 1] = (
            f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode()
            + content
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[number]:010d} 00000 n \n".encode() for number in range(1, size))
    out += (
        f"trailer\n<< /Size {size} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
