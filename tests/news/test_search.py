"""The news search (/news/?q=), through the list page, on the database's own index."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease

from .conftest import make_news_release
from .test_admin import form_data

pytestmark = pytest.mark.django_db

CHINESE_BODY = "<p>两校代表在视频会议上签署了合作备忘录，并商定在北京开展联合培养项目。</p>"


def found(client, query, **params):
    response = client.get("/news/", {"q": query, **params})
    assert response.status_code == 200
    return [release.title for release in response.context["page_obj"]]


@pytest.fixture
def chinese(db):
    make_news_release(title="Other news", body="<p>Nothing related.</p>")
    return make_news_release(title="Signing", body=CHINESE_BODY)


@pytest.mark.parametrize("word", ["合作", "京", "联合培养", "视频会议上签署"])
def test_a_chinese_word_of_any_length_in_the_middle_of_a_body_is_found(client, chinese, word):
    assert found(client, word) == ["Signing"]


@pytest.mark.parametrize("word", ["作合", "北京大学", "培训"])
def test_chinese_characters_that_are_not_next_to_each_other_are_not_a_word(client, chinese, word):
    assert found(client, word) == []


@pytest.mark.parametrize("query", ["Кооперация", "кооперация", "КООПЕРАЦИЯ", "кооперац"])
def test_a_russian_word_is_found_in_any_letter_case_and_by_its_beginning(client, query):
    make_news_release(title="Новости", body="<p>Международная кооперация вузов.</p>")
    assert found(client, query) == ["Новости"]


@pytest.mark.parametrize("query", ["CAFÉ", "cafe", "Ｃａｆé"])
def test_latin_words_are_found_whatever_their_case_accents_or_width(client, query):
    make_news_release(title="Meeting", body="<p>A meeting at the Café Central.</p>")
    assert found(client, query) == ["Meeting"]


def test_every_word_of_a_query_must_be_found_in_any_order_and_field(client):
    make_news_release(title="Irkutsk delegation", body="<p>A memorandum was signed.</p>")
    make_news_release(title="Irkutsk weather", body="<p>Snow.</p>")
    assert found(client, "memorandum irkutsk") == ["Irkutsk delegation"]
    assert found(client, "Irkutsk 备忘录") == []


def test_a_match_in_the_title_comes_before_a_match_in_the_body_only(client, now):
    make_news_release(
        title="Exchange semester",
        body="<p>Applications are open.</p>",
        release_time=now - timedelta(days=3),
    )
    make_news_release(
        title="Campus life",
        body="<p>Students told us about their exchange semester abroad.</p>",
        release_time=now - timedelta(days=1),
    )
    assert found(client, "exchange") == ["Exchange semester", "Campus life"]


def test_a_release_with_more_matches_comes_first(client, now):
    make_news_release(
        title="Report",
        body="<p>留学 and 留学 again: 留学 fairs, 留学 grants.</p>",
        release_time=now - timedelta(days=3),
    )
    make_news_release(
        title="Report", body="<p>One 留学 programme.</p>", release_time=now - timedelta(days=1)
    )
    make_news_release(
        title="Report", body="<p>Unrelated.</p>", release_time=now - timedelta(minutes=5)
    )
    bodies = [release.body for release in client.get("/news/", {"q": "留学"}).context["page_obj"]]
    assert bodies == [
        "<p>留学 and 留学 again: 留学 fairs, 留学 grants.</p>",
        "<p>One 留学 programme.</p>",
    ]


def test_equally_relevant_results_are_listed_newest_first(client, now):
    for day in [5, 1, 3]:
        make_news_release(title=f"Scholarship {day}", release_time=now - timedelta(days=day))
    assert found(client, "scholarship") == ["Scholarship 1", "Scholarship 3", "Scholarship 5"]


def test_drafts_and_future_releases_are_never_found(client, now):
    make_news_release(title="Public 合作")
    make_news_release(title="Draft 合作", status=NewsRelease.Status.DRAFT)
    make_news_release(title="Scheduled 合作", release_time=now + timedelta(days=1))
    assert found(client, "合作") == ["Public 合作"]


def test_the_search_keeps_to_the_chosen_year(client):
    for year in [2021, 2023]:
        make_news_release(
            title=f"合作 {year}", release_time=timezone.make_aware(timezone.datetime(year, 5, 1))
        )
    assert found(client, "合作", year="2021") == ["合作 2021"]


def test_editing_a_body_changes_what_the_release_is_found_by(client):
    release = make_news_release(body="<p>Old partnership with Tomsk.</p>")
    release.body = "<p>A new agreement with Kazan. 留学生</p>"
    release.save()
    assert found(client, "tomsk") == []
    assert found(client, "kazan 留学") == [release.title]


def test_editing_a_title_through_the_admin_changes_what_it_is_found_by(admin_client, client):
    release = make_news_release(title="Old heading")
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    response = admin_client.post(url, form_data(release, title="Fresh heading"))
    assert response.status_code == 302
    assert found(client, "heading") == ["Fresh heading"]
    assert found(client, "old") == []


def test_a_deleted_release_is_no_longer_found(client):
    kept = make_news_release(title="Kept 合作")
    make_news_release(title="Deleted 合作").delete()
    NewsRelease.objects.filter(title="Gone 合作").delete()
    assert found(client, "合作") == [kept.title]


def test_a_counted_visit_leaves_the_release_findable(client):
    release = make_news_release(title="Visited 合作")
    NewsRelease.objects.published().count_visit(release.pk)
    assert found(client, "合作") == ["Visited 合作"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"合作',
        "合作*",
        "*",
        "合作 OR Tomsk",
        "NEAR(合作 Tomsk)",
        "NOT",
        "-合作",
        "^合作",
        "title:合作",
        "search_title:tomsk",
        "(合作",
        "合作)",
        "{合作}",
        "合\x00作",
        "\x00",
        "\x1b[31m合作",
        "合作 & !tomsk",
        "合作 <-> tomsk",
        "'合作':*",
        # As long as an address may be (longer ones are refused with a 414 before
        # any view reads them): far past the hundred characters a search reads.
        "a" * 8_000,
        "合作 " * 400,
        "合" * 900,
    ],
)
def test_search_syntax_and_control_characters_in_a_query_are_plain_text(client, query):
    make_news_release(title="Tomsk 合作")
    response = client.get("/news/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) <= 1


def test_operators_are_searched_as_words(client):
    make_news_release(title="Cooperation or competition", body="<p>Near the campus.</p>")
    make_news_release(title="Competition", body="<p>Far away.</p>")
    assert found(client, "competition OR") == ["Cooperation or competition"]
    assert found(client, "NEAR") == ["Cooperation or competition"]


def test_a_query_of_punctuation_only_finds_nothing(client):
    make_news_release()
    assert found(client, "*** ?? !!") == []
    assert found(client, "   ") != []
