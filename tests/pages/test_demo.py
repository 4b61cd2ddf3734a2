"""The demo page tree: at least twelve pages in three languages, loaded twice the same."""

import pytest
from django.core.files.base import ContentFile

from core.languages import content_languages, localized_name
from documents.models import Document
from pages import demo
from pages.models import Page

pytestmark = pytest.mark.django_db


def snapshot():
    return list(Page.objects.values_list("pk", "path", "url_path_en", "url_path_ru", "title_ru"))


def test_the_demo_tree_is_complete_translated_clean_and_idempotent(client):
    demo.load()
    first = snapshot()
    demo.load()
    assert snapshot() == first
    pages = list(Page.objects.all())
    assert len(pages) >= 12
    for page in pages:
        for code in content_languages():
            assert page.is_translated(code), (page.title_en, code)
        assert "<script" not in page.body_en
    paths = {page.url_path_en for page in pages}
    assert {
        "study-with-us/incoming-exchange/how-to-apply",
        "study-with-us/incoming-exchange/accommodation",
        "study-with-us/incoming-exchange/arrival-and-visa",
        "study-with-us/degree-programmes-in-english",
        "go-abroad/exchange-semesters",
        "go-abroad/summer-schools",
        "scholarships",
        "contact",
        "privacy",
        "accessibility",
        "about-the-office",
    } <= paths
    apply = Page.objects.get(url_path_en="study-with-us/incoming-exchange/how-to-apply")
    assert client.get(apply.get_absolute_url()).status_code == 200
    assert (
        client.get("/ru/" + getattr(apply, localized_name("url_path", "ru")) + "/").status_code
        == 200
    )
    assert apply.documents.count() == 0  # the documents demo is not loaded: skipped


def test_the_demo_attaches_the_public_documents_it_finds(client):
    guide = Document(
        title="Exchange student guide",
        original_name="exchange-student-guide.pdf",
        kind="pdf",
        visibility=Document.Visibility.PUBLIC,
    )
    guide.file.save("guide.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    guide.save()
    demo.load()
    arrival = Page.objects.get(url_path_en="study-with-us/incoming-exchange/arrival-and-visa")
    assert list(arrival.documents.all()) == [guide]
    html = client.get(arrival.get_absolute_url()).content.decode()
    assert "Exchange student guide" in html
