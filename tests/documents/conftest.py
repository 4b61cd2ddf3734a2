from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from documents.models import Document

from .samples import valid_pdf

ADD = "/admin/documents/document/add/"


def stored_files():
    folder = Path(settings.STORAGES["documents"]["OPTIONS"]["location"])
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def make_document(name="application-form.pdf", visibility="public", content=None, **fields):
    content = content or valid_pdf()
    document = Document(
        title=fields.pop("title", "Application form"),
        original_name=name,
        kind=fields.pop("kind", "pdf"),
        size=len(content),
        visibility=visibility,
        **fields,
    )
    document.file.save(name, ContentFile(content), save=True)
    return document


@pytest.fixture
def public_document(db):
    return make_document()


@pytest.fixture
def staff_document(db):
    return make_document("staff-report.pdf", visibility="staff", title="Staff report")


def upload_form(upload, **overrides):
    data = {
        "title_en": "Application form",
        "title_zh_hans": "",
        "title_ru": "",
        "visibility": "public",
        "file": upload,
    }
    data.update(overrides)
    return data
