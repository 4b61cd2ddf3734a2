"""The demo's documents: real PDFs that pass the upload checks, loaded once."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from documents.demo import document_named
from documents.models import Document
from documents.validation import document_kind
from news.models import NewsRelease

from .conftest import stored_files
from .samples import upload

pytestmark = pytest.mark.django_db

NAMES = [
    "application-form-incoming-exchange.pdf",
    "exchange-student-guide.pdf",
    "learning-agreement-template.pdf",
    "staff-mobility-report-2025.pdf",
    # The partners' demo: the reference agreement's signed copy.
    "signed-memorandum-irkutsk-2021.pdf",
]


def test_the_demo_makes_valid_pdfs_in_three_languages_and_loads_twice_the_same(office):
    call_command("load_demo", stdout=io.StringIO())
    files = stored_files()
    call_command("load_demo", stdout=io.StringIO())
    assert stored_files() == files and len(files) == len(NAMES)
    assert sorted(Document.objects.values_list("original_name", flat=True)) == sorted(NAMES)
    for name in NAMES:
        document = document_named(name)
        assert document.title_en and document.title_zh_hans and document.title_ru
        with document.file.open("rb") as stored:
            content = stored.read()
        assert document.size == len(content)
        assert document_kind(upload(name, content)) == "pdf"
        reader = PdfReader(io.BytesIO(content), strict=True)
        assert reader.metadata.title == document.title_en
        assert document.title_en.split()[0] in reader.pages[0].extract_text()
    assert document_named("staff-mobility-report-2025.pdf").visibility == "staff"
    assert document_named("signed-memorandum-irkutsk-2021.pdf").visibility == "staff"
    assert Document.objects.public().count() == 3
    welcome = NewsRelease.objects.get(title_en="Welcome week for new international students")
    assert sorted(welcome.documents.values_list("original_name", flat=True)) == [
        "exchange-student-guide.pdf",
        "learning-agreement-template.pdf",
    ]


def test_an_unknown_demo_document_name_is_a_clear_error(db):
    with pytest.raises(ValueError, match="no demo document is named"):
        document_named("missing.pdf")
