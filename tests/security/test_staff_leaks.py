"""What a careless or low-privilege staff member can reach through the new admin
screens: no title of a staff-only document reaches a page editor who may not see the
documents."""

import pytest
from django.urls import reverse

from tests.conftest import STAFF_PASSWORD, make_staff_user
from tests.documents.conftest import make_document
from tests.pages.conftest import make_page

pytestmark = pytest.mark.django_db

PAGE_EDITOR = ["add_page", "change_page", "view_page"]


@pytest.fixture
def page_editor_client(client, django_user_model):
    make_staff_user(django_user_model, "pages", *PAGE_EDITOR)
    client.login(username="pages", password=STAFF_PASSWORD)
    return client


def test_a_page_editor_without_the_documents_permission_sees_no_document_titles(
    page_editor_client,
):
    make_document("budget.pdf", visibility="staff", title="Confidential budget 2027")
    page = make_page(title="Study with us", slug_en="study-with-us")
    for url in (
        reverse("admin:pages_page_add"),
        reverse("admin:pages_page_change", args=[page.pk]),
    ):
        response = page_editor_client.get(url)
        assert response.status_code == 200
        assert "Confidential budget 2027" not in response.content.decode()
    # The documents come only through the documents' own search, which asks for
    # their permission.
    search = page_editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "budget", "app_label": "pages", "model_name": "page", "field_name": "documents"},
    )
    assert search.status_code == 403
