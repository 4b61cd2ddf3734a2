"""Office pages and programmes in /search/: found in any script through the shared
index, never when the public may not see them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pages.models import Page
from programmes.models import Opportunity
from tests.pages.conftest import make_page
from tests.programmes.conftest import make_opportunity

pytestmark = pytest.mark.django_db


def found(client, query, kind, prefix=""):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    groups = {group.kind.name: group for group in response.context["groups"]}
    return [result.title for result in groups[kind].found.results] if kind in groups else []


@pytest.mark.parametrize(
    ("query", "prefix"),
    [("accommodation", ""), ("宿舍", "/zh-hans"), ("общежитие", "/ru"), ("общежитие", "")],
)
def test_a_page_is_found_by_its_words_in_any_language(client, query, prefix):
    make_page(
        title="Accommodation",
        title_zh_hans="住宿",
        title_ru="Проживание",
        body_en="<p>Exchange students live in the accommodation on campus.</p>",
        body_zh_hans="<p>交换生住在校内宿舍。</p>",
        body_ru="<p>Студенты по обмену живут в общежитие на кампусе.</p>",
    )
    titles = found(client, query, "pages", prefix)
    assert len(titles) == 1
    assert titles[0] == {"": "Accommodation", "/zh-hans": "住宿", "/ru": "Проживание"}[prefix]


def test_a_draft_page_or_a_page_under_a_draft_is_never_found(client):
    make_page(title="Visa letters", status="draft")
    parent = make_page(title="Hidden section", status="draft")
    make_page(parent, title="Visa support")
    make_page(title="Visa scheduled", publish_at=timezone.now() + timedelta(days=1))
    assert found(client, "visa", "pages") == []
    Page.objects.filter(title_en="Hidden section").update(status="published")
    assert found(client, "visa", "pages") == ["Visa support"]


def test_a_programme_is_found_by_its_eligibility_and_a_draft_never(client):
    now = timezone.now()
    make_opportunity(
        title="Summer school on Lake Baikal",
        title_ru="Летняя школа на Байкале",
        eligibility="<p>Open to second-year students of geology.</p>",
        windows=[(now - timedelta(days=1), now + timedelta(days=30))],
    )
    make_opportunity(
        title="Geology scholarship (draft)",
        eligibility="<p>For students of geology.</p>",
        status=Opportunity.Status.DRAFT,
    )
    assert found(client, "geology", "programmes") == ["Summer school on Lake Baikal"]
    assert found(client, "байкале", "programmes", "/ru") == ["Летняя школа на Байкале"]


def test_the_search_page_costs_the_same_queries_with_every_kind_found(
    client, office, django_assert_num_queries
):
    from tests.search.conftest import make_institution, make_news_release

    make_news_release(title="Tomsk news")
    make_institution(name="Tomsk State University", slug="tsu", other_names="")
    make_page(title="Tomsk page")
    make_opportunity(title="Tomsk programme")
    client.get("/search/", {"q": "tomsk"})
    # For each of the four kinds: the ids of the best matches, then the objects shown.
    with django_assert_num_queries(8):
        response = client.get("/search/", {"q": "tomsk"})
    assert [group.kind.name for group in response.context["groups"]] == [
        "news",
        "pages",
        "programmes",
        "partners",
    ]
    for number in range(10):
        make_page(title=f"Tomsk page {number}", slug_en=f"tomsk-{number}")
        make_opportunity(title=f"Tomsk programme {number}")
    client.get("/search/", {"q": "tomsk"})
    with django_assert_num_queries(8):
        client.get("/search/", {"q": "tomsk"})
