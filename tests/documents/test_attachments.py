"""Documents attached to releases and agreements, on their public pages."""

import pytest

from tests.news.conftest import make_news_release, visit
from tests.partners.conftest import make_agreement, make_institution

from .conftest import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_and_staff(db):
    return make_document("guide.pdf", title="Exchange guide"), make_document(
        "internal.pdf", visibility="staff", title="Internal report"
    )


def test_a_release_page_lists_its_public_documents_only(client, public_and_staff):
    public, staff = public_and_staff
    release = make_news_release()
    release.documents.add(public, staff)
    page = visit(client, release).content.decode()
    assert public.get_absolute_url() in page and "Exchange guide" in page
    assert "PDF, " in page
    assert "Internal report" not in page and f"/documents/{staff.pk}/" not in page


def test_a_release_without_documents_has_no_documents_section(client):
    page = visit(client, make_news_release()).content.decode()
    assert "attachments-heading" not in page


def test_a_partner_page_lists_each_agreements_public_documents(client, office, public_and_staff):
    public, staff = public_and_staff
    institution = make_institution()
    first = make_agreement(institution)
    second = make_agreement(institution, kind="research")
    first.documents.add(public, staff)
    second.documents.add(public)
    page = client.get(institution.get_absolute_url()).content.decode()
    assert page.count(public.get_absolute_url()) == 2
    # One heading id per agreement: the page stays valid HTML.
    assert f'id="attachments-heading-{first.pk}"' in page
    assert f'id="attachments-heading-{second.pk}"' in page
    assert "Internal report" not in page


@pytest.mark.parametrize("count", [1, 6])
def test_a_release_page_costs_the_same_queries_whatever_the_documents(
    client, django_assert_max_num_queries, count
):
    release = make_news_release()
    for number in range(count):
        release.documents.add(make_document(f"form-{number}.pdf"))
    client.get("/")
    # The count's UPDATE and the day's upsert, the release, its partners, its topics,
    # its neighbours, and one for its public documents.
    with django_assert_max_num_queries(7):
        response = visit(client, release)
    assert response.content.decode().count("/documents/") == count


@pytest.mark.parametrize("count", [1, 6])
def test_a_partner_page_costs_the_same_queries_whatever_the_documents(
    client, office, django_assert_max_num_queries, count
):
    institution = make_institution()
    for number in range(count):
        make_agreement(institution, kind="research").documents.add(
            make_document(f"form-{number}.pdf")
        )
    # The partner page's six (the menu of pages among them), its former names and
    # predecessors, one for the agreements' public documents and one for their
    # cooperation conditions.
    with django_assert_max_num_queries(10):
        response = client.get(institution.get_absolute_url())
    assert response.content.decode().count("/documents/") == count


def test_attaching_detaching_and_editing_documents_refresh_cached_pages(client, public_and_staff):
    public, _staff = public_and_staff
    release = make_news_release()
    assert "Exchange guide" not in visit(client, release).content.decode()
    release.documents.add(public)
    assert "Exchange guide" in visit(client, release).content.decode()
    public.title = "Guide for exchange students"
    public.save()
    assert "Guide for exchange students" in visit(client, release).content.decode()
    public.visibility = "staff"
    public.save()
    assert "Guide for exchange students" not in visit(client, release).content.decode()
    public.visibility = "public"
    public.save()
    release.documents.remove(public)
    assert "Guide for exchange students" not in visit(client, release).content.decode()


def test_an_agreement_document_change_refreshes_the_partner_page(client, office, public_and_staff):
    public, _staff = public_and_staff
    institution = make_institution()
    agreement = make_agreement(institution)
    assert "Exchange guide" not in client.get(institution.get_absolute_url()).content.decode()
    agreement.documents.add(public)
    assert "Exchange guide" in client.get(institution.get_absolute_url()).content.decode()
    public.visibility = "staff"
    public.save()
    assert "Exchange guide" not in client.get(institution.get_absolute_url()).content.decode()


def test_documents_are_never_in_the_sitemap(client, public_and_staff):
    make_news_release().documents.add(*public_and_staff)
    for address in ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-news.xml"]:
        response = client.get(address)
        assert "/documents/" not in response.content.decode()
