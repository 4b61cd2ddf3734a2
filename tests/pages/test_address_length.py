"""A move or a longer slug that would make an address under the page longer than
an address may be is refused with a message, and nothing moves (PostgreSQL would
refuse the longer address with an error, SQLite would keep it silently)."""

import pytest

from pages.models import URL_PATH_LENGTH, Page, PageRedirect
from tests.pages.conftest import make_page
from tests.pages.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db


def branch(letter):
    """Three pages, one under the other, each with a slug of 100 characters."""
    top = make_page(title=f"{letter} top", slug_en=letter * 100, slug_zh_hans="", slug_ru="")
    middle = make_page(top, title=f"{letter} middle", slug_en=f"{letter}m" * 50)
    bottom = make_page(middle, title=f"{letter} bottom", slug_en=f"{letter}b" * 50)
    return [Page.objects.get(pk=page.pk) for page in (top, middle, bottom)]


def snapshot():
    return list(Page.objects.order_by("pk").values_list("pk", "path", "url_path_en", "slug_en"))


def test_a_branch_moved_where_its_deepest_address_would_be_too_long_is_refused(admin_client):
    moved, _middle, _bottom = branch("a")
    target = branch("p")[2]
    before = snapshot()
    response = admin_client.post(change_url(moved), form_data(moved, parent=target.pk))
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors)
    assert f"longer than {URL_PATH_LENGTH} characters" in errors
    assert snapshot() == before
    assert not PageRedirect.objects.exists()


def test_a_longer_slug_that_would_make_an_address_below_too_long_is_refused(admin_client):
    top = make_page(title="Short", slug_en="short", slug_zh_hans="", slug_ru="")
    parent = top
    for letter in "bcde":
        parent = make_page(Page.objects.get(pk=parent.pk), title=letter, slug_en=letter * 100)
    assert len(Page.objects.get(pk=parent.pk).url_path_en) == 5 + 4 * 101
    before = snapshot()
    top = Page.objects.get(pk=top.pk)
    response = admin_client.post(change_url(top), form_data(top, slug_en="a" * 100))
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors)
    assert f"longer than {URL_PATH_LENGTH} characters" in errors
    assert snapshot() == before
    # A slug that keeps every address short enough is taken.
    response = admin_client.post(change_url(top), form_data(top, slug_en="a" * 90))
    assert response.status_code == 302
    assert len(Page.objects.get(pk=parent.pk).url_path_en) == 90 + 4 * 101


def test_a_sibling_slug_differing_only_in_case_is_refused(admin_client):
    make_page(title="Visas", slug_en="visas", slug_zh_hans="", slug_ru="")
    before = snapshot()
    response = admin_client.post(
        "/admin/pages/page/add/", form_data(title_en="Visa help", slug_en="Visas")
    )
    assert response.status_code == 200
    assert "the two would share an address" in str(response.context["adminform"].form.errors)
    assert snapshot() == before
