"""Demo documents, listed in documents.toml: real PDFs made by documents/pdf.py, each
found again by its file name (original_name), so that loading twice keeps one row
and one stored file per document. Other apps' demos attach them by that name, with
document_named().
"""

from pathlib import Path

from django.core.files.base import ContentFile

from core.demo import columns, read

from ..models import Document
from ..pdf import write_pdf

FILE = Path(__file__).parent / "documents.toml"
AUTHOR = "Binzhou University, International Exchange & Cooperation Office"


def document_named(name):
    """The demo document with this file name; ValueError when the demo has none."""
    document = Document.objects.filter(original_name=name).order_by("pk").first()
    if document is None:
        raise ValueError(f"no demo document is named {name!r} (see {FILE.name})")
    return document


def unchanged(document, content):
    if not document.file.name or not document.file.storage.exists(document.file.name):
        return False
    with document.file.open("rb") as stored:
        return stored.read() == content


def load_document(name, data, source=FILE.name):
    """The document with file name `name`, made or updated from its entry `data` (a
    title per language, its text, optionally a subject and a visibility): other apps'
    demos keep their own documents in their own files this way."""
    data = dict(data)
    text, subject = data.pop("text"), data.pop("subject", "")
    fields = columns(data, source)
    content = write_pdf(fields["title_en"], text, author=AUTHOR, subject=subject)
    document = Document.objects.filter(original_name=name).order_by("pk").first()
    document = document or Document(original_name=name)
    for field, value in fields.items():
        setattr(document, field, value)
    document.kind = Document.Kind.PDF
    if unchanged(document, content):
        document.save()
        return document
    document.size = len(content)
    # Saved through the field, so the file gets a random name like an upload.
    document.file.save(name, ContentFile(content), save=True)
    return document


def load():
    entries = read(FILE)
    for name, data in entries.items():
        load_document(name, data)
    return f"{len(entries)} documents"
