"""/search/: one search for the whole site, its results grouped by kind, ranked, with
the matched words marked in snippets, and only what the public may see."""

import io
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import SearchEntry
from news.models import NewsRelease
from partners.models import Institution

from .conftest import make_institution, make_news_release

pytestmark = pytest.mark.django_db


def results(client, query, prefix=""):
    """{kind name: [result title]} of /search/?q=query."""
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return {
        group.kind.name: [result.title for result in group.found.results]
        for group in response.context["groups"]
    }


@pytest.fixture
def irkutsk(db):
    return make_institution(
        name_zh_hans="伊尔库茨克国立技术大学",
        name_ru="Иркутский национальный исследовательский технический университет",
        city_ru="Иркутск",
        description="<p>A research university on Lake Baikal, strong in geology.</p>",
    )


@pytest.mark.parametrize(
    ("query", "news", "partners"),
    [
        ("Irkutsk", ["Binzhou University signs a memorandum with Irkutsk"], ["Irkutsk"]),
        ("иркутский", [], ["Irkutsk"]),
        ("иркутск", [], ["Irkutsk"]),
        ("伊尔库茨克", [], ["Irkutsk"]),
        ("俄罗斯", [], ["Irkutsk"]),  # the country's name in Chinese
        ("Россия", [], ["Irkutsk"]),
        ("Baikal", [], ["Irkutsk"]),
        ("闫倩倩", ["Binzhou University signs a memorandum with Irkutsk"], []),
    ],
)
def test_news_and_partners_are_found_in_each_script(
    client, release, irkutsk, query, news, partners
):
    found = results(client, query)
    assert found.get("news", []) == news
    assert [title.split()[0] for title in found.get("partners", [])] == partners


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("", "Irkutsk National Research Technical University"),
        ("/zh-hans", "伊尔库茨克国立技术大学"),
    ],
)
def test_results_are_in_the_readers_language(client, irkutsk, prefix, title):
    assert results(client, "Иркутский", prefix)["partners"] == [title]


def test_a_russian_name_in_english_text_is_found_by_a_russian_reader(client):
    make_news_release(
        title="Delegation visit",
        body="<p>Rector Ivanov of the Томский политехнический университет visited.</p>",
    )
    response = client.get("/ru/search/", {"q": "томский"})
    [group] = response.context["groups"]
    assert [result.title for result in group.found.results] == ["Delegation visit"]
    assert "<mark>Томский</mark> политехнический" in response.content.decode()


def test_a_match_in_a_title_comes_first(client, now):
    make_news_release(title="Other", body="<p>Mentions Tomsk once.</p>", release_time=now)
    make_news_release(title="Tomsk signing", release_time=now - timedelta(days=9))
    assert results(client, "tomsk")["news"] == ["Tomsk signing", "Other"]


def test_drafts_scheduled_and_archived_releases_are_never_found(client, now):
    make_news_release(title="Draft Tomsk", status=NewsRelease.Status.DRAFT)
    make_news_release(title="Scheduled Tomsk", release_time=now + timedelta(days=1))
    make_news_release(title="Archived Tomsk", expires_at=now - timedelta(minutes=1))
    make_news_release(title="Public Tomsk")
    assert results(client, "tomsk") == {"news": ["Public Tomsk"]}


def test_marks_are_added_to_escaped_titles_and_snippets(client):
    make_news_release(
        title="<script>alert(1)</script> Tomsk",
        summary="",
        body="<p>In Tomsk &lt;img src=x onerror=alert(2)&gt; again.</p>",
    )
    html = client.get("/search/", {"q": "tomsk"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Tomsk</mark></a>" in html
    assert "In <mark>Tomsk</mark> &lt;img src=x onerror=alert(2)&gt; again." in html


def test_an_institution_is_found_by_its_new_name_after_an_edit_and_not_after_deletion(
    client, irkutsk
):
    irkutsk.name = "Baikal Technical Academy"
    irkutsk.save()
    assert results(client, "academy")["partners"] == ["Baikal Technical Academy"]
    assert "partners" not in results(client, "national")
    irkutsk.delete()
    assert results(client, "academy") == {}
    assert not SearchEntry.objects.filter(kind="partners").exists()


def test_the_rebuild_command_indexes_rows_written_without_save(client):
    Institution.objects.bulk_create(
        [Institution(name="Tomsk Polytechnic University", slug="tpu", city="Tomsk", country="RU")]
    )
    assert results(client, "polytechnic") == {}
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert results(client, "polytechnic") == {"partners": ["Tomsk Polytechnic University"]}


def test_groups_are_bounded_and_link_to_all_results(client):
    for number in range(12):
        make_news_release(title=f"Tomsk news {number}")
    response = client.get("/search/", {"q": "tomsk"})
    [group] = response.context["groups"]
    assert len(group.found.results) == 8 and group.found.total == 12
    assert 'href="/news/?q=tomsk"' in response.content.decode()
    assert "All 12 results in News" in response.content.decode()


def test_the_partner_group_links_to_the_directory_search(client, irkutsk):
    for number in range(9):
        make_institution(name=f"Irkutsk Institute {number}", slug=f"ii-{number}", other_names="")
    html = client.get("/search/", {"q": "irkutsk"}).content.decode()
    assert 'href="/partners/?q=irkutsk"' in html


def test_the_query_count_is_fixed_whatever_the_number_of_results(
    client, office, django_assert_num_queries
):
    make_news_release(title="Tomsk one")
    make_institution(name="Tomsk State University", slug="tsu", other_names="")
    client.get("/search/", {"q": "tomsk"})  # the office's details, cached
    # The news ids, the releases shown; the partners' ids, the partners shown; the ids
    # of the pages and of the programmes found (none: nothing more to read).
    with django_assert_num_queries(6):
        client.get("/search/", {"q": "tomsk"})
    for number in range(15):
        make_news_release(title=f"Tomsk {number}")
        make_institution(name=f"Tomsk Institute {number}", slug=f"ti-{number}", other_names="")
    client.get("/search/", {"q": "tomsk"})
    with django_assert_num_queries(6):
        response = client.get("/search/", {"q": "tomsk"})
    assert [len(g.found.results) for g in response.context["groups"]] == [8, 8]


def test_a_repeated_search_is_a_cache_read(client, settings, django_assert_num_queries):
    settings.PUBLIC_PAGE_SECONDS = 60
    make_news_release(title="Tomsk one")
    client.get("/search/", {"q": "tomsk"})
    with django_assert_num_queries(0):
        assert "<mark>Tomsk</mark> one" in client.get("/search/", {"q": "tomsk"}).content.decode()


def test_an_empty_query_shows_the_form_and_a_hint(client):
    html = client.get("/search/").content.decode()
    assert 'name="q"' in html and "search-hint" in html
    assert "search-results" not in html and "Nothing found" not in html


@pytest.mark.parametrize("query", ["?!", '"*"', "—", "\x00"])
def test_a_query_without_words_finds_nothing(client, release, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response.context["groups"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "Томск " * 100},
        {"q": "合作" * 1000},
        {"q": "Tomsk\x00 OR NEAR(a b) \"'*^:-() AND"},
        {"q[]": "tomsk"},
        {"q": ["tomsk", "irkutsk"]},
        {"q": "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")},
    ],
)
def test_hostile_queries_get_a_page_never_an_error(client, release, params):
    response = client.get("/search/", params)
    # An address too long for any page is refused as such (core.middleware).
    assert response.status_code == (414 if len(urlencode(params, doseq=True)) > 8000 else 200)
    assert "\x00" not in response.content.decode()


def test_the_results_page_is_not_indexed_by_search_engines(client):
    html = client.get("/search/", {"q": "tomsk"}).content.decode()
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("prefix", ["", "/zh-hans", "/ru"])
def test_every_page_has_the_site_search_box_in_its_header(client, prefix):
    html = client.get(f"{prefix}/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    form = re.search(r'<form class="site-search" method="get" action="([^"]+)"', header)
    assert form and form.group(1) == f"{prefix}/search/"
    assert re.search(r'<label for="site-search-header-q" class="visually-hidden">', header)


def test_a_scheduled_release_is_found_once_its_time_has_come(client, now):
    release = make_news_release(title="Tomsk later", release_time=now + timedelta(hours=1))
    assert results(client, "tomsk") == {}
    NewsRelease.objects.filter(pk=release.pk).update(release_time=timezone.now())
    assert results(client, "tomsk") == {"news": ["Tomsk later"]}


@pytest.mark.parametrize("query", ["Irkutsk", "伊尔库茨克", "Иркутск"])
def test_the_demo_content_is_found_in_each_script(client, query):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # twice: one entry each all the same
    assert SearchEntry.objects.filter(kind="partners").count() == Institution.objects.count()
    found = results(client, query)
    assert found["news"] and found["partners"]


def test_existing_objects_of_a_kind_without_entries_are_indexed_after_migrating(client, irkutsk):
    from core.search_index import fill_empty_kinds

    SearchEntry.objects.all().delete()  # as before the first deployment with the index
    assert results(client, "irkutsk") == {}
    fill_empty_kinds()
    assert results(client, "irkutsk")["partners"]


def test_a_two_character_chinese_word_in_the_middle_of_a_text_is_found_and_marked(client):
    make_news_release(
        title="Signing",
        title_zh_hans="签约",
        summary="",
        body_zh_hans="<p>两校代表在视频会议上签署了合作备忘录，并商定在北京开展联合培养项目。</p>",
    )
    make_institution(description_zh_hans="<p>该校与我校在材料领域开展合作研究。</p>")
    response = client.get("/zh-hans/search/", {"q": "合作"})
    assert [len(group.found.results) for group in response.context["groups"]] == [1, 1]
    assert response.content.decode().count("<mark>合作</mark>") == 2


def test_a_release_due_in_a_minute_is_not_found_yet(client, now):
    make_news_release(title="Tomsk soon", release_time=now + timedelta(minutes=1))
    assert results(client, "tomsk") == {}


def test_the_search_page_is_headed_by_a_noun_not_the_buttons_verb(client, db):
    html = client.get("/ru/search/", {"q": "x"}).content.decode()

    assert '<h1 id="search-heading">Поиск по сайту</h1>' in html
