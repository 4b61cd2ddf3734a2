"""The documents' admin: list, search, filters, replacing a file, history, where
used, deletion warnings and who may do what."""

import pytest
from django.contrib.auth.models import Group
from django.template.defaultfilters import filesizeformat

from documents.models import Document
from news.models import NewsRelease
from tests.conftest import make_group_member
from tests.news.conftest import make_news_release

from . import samples
from .conftest import ADD, make_document, stored_files, upload_form

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/documents/document/"


def change_form(document, **overrides):
    data = {
        "title_en": document.title_en,
        "title_zh_hans": document.title_zh_hans or "",
        "title_ru": document.title_ru or "",
        "visibility": document.visibility,
    }
    data.update(overrides)
    return data


def test_the_list_shows_title_kind_size_visibility_uploader_and_use(admin_client, admin_user):
    document = make_document(uploaded_by=admin_user)
    make_news_release().documents.add(document)
    page = admin_client.get(CHANGELIST).content.decode()
    size = filesizeformat(document.size)
    for text in ["Application form", "PDF", size, "Public", "admin"]:
        assert text in page
    assert "1 news release" in page


def test_the_list_is_searched_and_filtered_by_kind_and_visibility(admin_client):
    make_document(title="Application form")
    make_document(
        "guide.docx", kind="docx", content=samples.docx(), title="Guide", visibility="staff"
    )
    assert "Guide" not in admin_client.get(CHANGELIST, {"q": "application"}).content.decode()
    assert "Guide" in admin_client.get(CHANGELIST, {"q": "guide.docx"}).content.decode()
    by_kind = admin_client.get(CHANGELIST, {"kind": "docx"}).content.decode()
    assert "Guide" in by_kind and "Application form" not in by_kind
    by_visibility = admin_client.get(CHANGELIST, {"visibility__exact": "public"}).content.decode()
    assert "Application form" in by_visibility and "Guide" not in by_visibility


def test_replacing_the_file_keeps_the_address_id_and_removes_the_old_file(
    admin_client, django_capture_on_commit_callbacks
):
    admin_client.post(ADD, upload_form(samples.upload("form.pdf", samples.valid_pdf())))
    document = Document.objects.get()
    [old_file] = stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/documents/document/{document.pk}/change/",
            {
                **change_form(document),
                "file": samples.upload("form v2.docx", samples.docx()),
                "locking_version": document.updated_at.isoformat(),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.kind == "docx" and document.original_name == "form v2.docx"
    assert old_file not in stored_files() and len(stored_files()) == 1
    # The old address still leads to it.
    old = admin_client.get(f"/documents/{document.pk}/form.pdf")
    assert old.status_code == 301 and old["Location"] == document.get_absolute_url()
    # Each save is in the history, with who did it.
    assert document.history.count() == 2


def test_a_refused_replacement_keeps_the_document_as_it_was(admin_client, public_document):
    before = stored_files()
    response = admin_client.post(
        f"/admin/documents/document/{public_document.pk}/change/",
        {
            **change_form(public_document),
            "file": samples.upload("x.pdf", b"MZ" + bytes(100)),
            "locking_version": public_document.updated_at.isoformat(),
        },
    )
    assert "This is a program, not a document." in response.content.decode()
    assert stored_files() == before
    public_document.refresh_from_db()
    assert public_document.original_name == "application-form.pdf"


def test_the_change_form_says_where_the_document_is_used(admin_client, public_document):
    release = make_news_release(title="Welcome week")
    release.documents.add(public_document)
    page = admin_client.get(f"/admin/documents/document/{public_document.pk}/change/")
    text = page.content.decode()
    assert "Welcome week" in text
    assert f"/admin/news/newsrelease/{release.pk}/change/" in text


def test_deleting_an_attached_document_warns_what_uses_it(
    admin_client, public_document, django_capture_on_commit_callbacks
):
    make_news_release(title="Welcome week").documents.add(public_document)
    url = f"/admin/documents/document/{public_document.pk}/delete/"
    page = admin_client.get(url).content.decode()
    assert "This document is attached to 1 item" in page and "Welcome week" in page
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"post": "yes"})
    assert not Document.objects.exists()
    assert stored_files() == []
    assert NewsRelease.objects.get().documents.count() == 0


def test_the_document_editors_group_manages_documents_only(django_user_model, client):
    editor = make_group_member(django_user_model, "docs", "Document editors")
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(ADD).status_code == 200
    assert client.get("/admin/news/newsrelease/").status_code == 403
    codenames = sorted(
        p.codename for p in Group.objects.get(name="Document editors").permissions.all()
    )
    assert codenames == ["add_document", "change_document", "delete_document", "view_document"]


def test_a_news_editor_may_pick_documents_but_not_upload(news_editor_client, public_document):
    assert news_editor_client.get(ADD).status_code == 403
    response = news_editor_client.get(
        "/admin/autocomplete/",
        {
            "term": "appl",
            "app_label": "news",
            "model_name": "newsrelease",
            "field_name": "documents",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["text"] == "Application form"


def test_the_add_form_has_language_tabs_and_names_the_accepted_kinds(admin_client):
    page = admin_client.get(ADD).content.decode()
    assert "language-tab" in page
    assert "At most 20 MB" in page
    assert 'accept=".pdf,.docx,.xlsx,.odt,.ods"' in page


def test_staff_picking_a_document_see_which_are_staff_only(admin_client, staff_document):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "staff",
            "app_label": "news",
            "model_name": "newsrelease",
            "field_name": "documents",
        },
    )
    assert response.json()["results"][0]["text"] == "Staff report (staff only)"


def test_documents_are_found_by_a_title_in_any_language_from_any_admin_language(
    admin_client, public_document
):
    public_document.title_ru = "Анкета"
    public_document.save()
    for prefix, term in [("/ru", "Applic"), ("", "Анкета"), ("/zh-hans", "application-form")]:
        response = admin_client.get(
            f"{prefix}/admin/autocomplete/",
            {
                "term": term,
                "app_label": "news",
                "model_name": "newsrelease",
                "field_name": "documents",
            },
        )
        assert [r["id"] for r in response.json()["results"]] == [str(public_document.pk)]
