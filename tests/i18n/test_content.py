"""Content in each language, and what a visitor sees where a translation is missing:
the default language's text with a note, on every public page: queries on the language columns
do not fall back by themselves."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from news.models import NewsRelease
from tests.user_agents import BROWSER

from .conftest import (
    RELEASE_TEXT,
    card_link,
    card_titles,
    in_language,
    make_partner,
    make_release,
    url_in,
    visit,
)

pytestmark = pytest.mark.django_db

# News releases


def test_a_translated_release_shows_its_russian_text_under_ru_without_a_note(client, office):
    release = make_release()
    page = visit(client, url_in(release, "ru"))
    assert page.heading.text == RELEASE_TEXT["ru"]["title"]
    assert "Университеты подписали меморандум о сотрудничестве." in page.html
    assert "The universities signed" not in page.html
    assert page.fallback_note is None
    assert "lang" not in page.heading.attrs
    assert release.is_translated("ru")
    assert release.translated_languages() == ["en", "zh-hans", "ru"]


def test_a_release_without_russian_text_shows_the_english_text_with_a_note_under_ru(client, office):
    release = make_release(languages=["en"])
    page = visit(client, url_in(release, "ru"))
    assert page.lang == "ru"
    assert page.heading.text == RELEASE_TEXT["en"]["title"]
    assert "The universities signed a memorandum of cooperation." in page.html
    # The English text is marked as English, for screen readers and translators.
    assert page.heading.attrs.get("lang") == "en"
    assert page.with_class("prose")[0].attrs.get("lang") == "en"
    note = page.fallback_note
    assert note
    assert "English" in note


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", ["暂无", "简体中文", "English"]), ("ru", ["пока не", "Русский", "English"])],
)
def test_the_note_is_written_in_the_visitors_language_and_names_both_languages(
    client, office, language, words
):
    release = make_release(languages=["en"])
    note = visit(client, url_in(release, language)).fallback_note
    assert all(word in note for word in words), note
    assert "Not yet available" not in note


def test_an_english_visitor_never_sees_the_note(client, office):
    release = make_release(languages=["en"])
    assert visit(client, release.get_absolute_url()).fallback_note is None


def test_a_release_with_a_russian_title_but_no_russian_body_marks_only_the_body_as_english(
    client, office
):
    release = make_release(
        languages=["en"], title_ru="Только заголовок по-русски", summary_ru="Кратко."
    )
    assert not release.is_translated("ru")
    page = visit(client, url_in(release, "ru"))
    assert page.fallback_note
    assert page.heading.text == "Только заголовок по-русски"
    assert page.heading.attrs.get("lang") in (None, "ru")
    assert page.with_class("prose")[0].attrs.get("lang") == "en"
    assert "The universities signed a memorandum of cooperation." in page.html


def test_a_release_whose_russian_fields_were_left_empty_falls_back_like_a_missing_one(
    client, office
):
    """An empty string counts as missing, like NULL (saving cleans an empty body to "")."""
    release = make_release(languages=["en"], title_ru="", summary_ru="", body_ru="", slug_ru="")
    address = url_in(release, "ru")
    assert address == f"/ru/news/{release.pk}/{release.slug_en}/"
    page = visit(client, address)
    assert page.heading.text == RELEASE_TEXT["en"]["title"]
    assert page.fallback_note
    titles = card_titles(visit(client, "/ru/news/"))
    assert titles == [RELEASE_TEXT["en"]["title"]]


def test_the_russian_news_list_shows_the_english_title_and_summary_of_untranslated_releases(
    client, office, half_translated_news
):
    page = visit(client, "/ru/news/")
    assert card_titles(page) == [
        RELEASE_TEXT["ru"]["title"],
        "English release with empty Russian fields",
        "Older English-only release",
    ]
    assert RELEASE_TEXT["en"]["summary"] in page.html
    assert RELEASE_TEXT["ru"]["summary"] in page.html


def test_the_russian_home_page_shows_fallback_titles_in_latest_and_most_read(
    client, office, half_translated_news
):
    page = visit(client, "/ru/?read=all")
    # The newest leads with a heading of its own; the next ones are cards.
    latest = [page.all("h2", id="lead-heading")[0].text] + [
        card_link(h3).text for h3 in page.all("h3")
    ]
    assert latest[:3] == [
        RELEASE_TEXT["ru"]["title"],
        "English release with empty Russian fields",
        "Older English-only release",
    ]
    (most_read,) = page.with_class("most-read")
    assert [item.children[0].text for item in most_read.children] == [
        "Older English-only release",
        "English release with empty Russian fields",
        RELEASE_TEXT["ru"]["title"],
    ]


def test_previous_and_next_links_show_the_fallback_title(client, office, half_translated_news):
    older, middle, newest = half_translated_news
    page = visit(client, url_in(middle, "ru"))
    links = {
        a.attrs["rel"]: a.text for a in page.all("a") if a.attrs.get("rel") in {"prev", "next"}
    }
    assert "Older English-only release" in links["prev"]
    assert RELEASE_TEXT["ru"]["title"] in links["next"]
    hrefs = {a.attrs["rel"]: a.attrs["href"] for a in page.all("a") if "rel" in a.attrs}
    assert hrefs["next"] == url_in(newest, "ru")
    assert hrefs["prev"] == url_in(older, "ru")


def test_the_news_search_finds_text_in_the_visitors_language_and_in_english(client, office):
    make_release()
    make_release(
        languages=["en"],
        text={
            "en": {
                "title": "Summer school in Tomsk",
                "summary": "Two weeks of Russian.",
                "body": "<p>Students from Binzhou spent two weeks in Tomsk.</p>",
            }
        },
    )
    for query in ["сотрудничестве", "СОТРУДНИЧЕСТВЕ", "memorandum of cooperation"]:
        page = visit(client, in_language(f"/news/?q={query}", "ru"))
        assert card_titles(page) == [RELEASE_TEXT["ru"]["title"]], query
    page = visit(client, "/ru/news/?q=Tomsk")
    assert card_titles(page) == ["Summer school in Tomsk"]
    assert card_titles(visit(client, "/ru/news/?q=Томск")) == []


def test_the_chinese_search_finds_a_two_character_word_in_the_middle_of_a_body(client, office):
    make_release()
    make_release(languages=["en"], text={"en": {"title": "Unrelated"}})
    page = visit(client, "/zh-hans/news/?q=材料")
    assert card_titles(page) == [RELEASE_TEXT["zh_hans"]["title"]]


def test_a_russian_release_page_takes_no_more_queries_than_the_english_one(
    client, office, django_assert_max_num_queries, now
):
    for day in range(3):
        make_release(release_time=now - timedelta(days=day + 1))
    release = NewsRelease.objects.published()[1]
    release.partners.add(make_partner())
    client.get("/")  # warm the office cache, as any earlier visitor would
    with CaptureQueriesContext(connection) as english:
        assert client.get(url_in(release, "en"), HTTP_USER_AGENT=BROWSER).status_code == 200
    with django_assert_max_num_queries(len(english.captured_queries)):
        russian_reader = Client()
        assert russian_reader.get(url_in(release, "ru"), HTTP_USER_AGENT=BROWSER).status_code == 200
    release.refresh_from_db()
    assert release.view_count == 2


def test_the_russian_news_list_takes_no_more_queries_than_the_english_one(
    client, office, django_assert_max_num_queries, now
):
    for day in range(12):
        make_release(languages=["en", "ru"][: 1 + day % 2], release_time=now - timedelta(days=day))
    client.get("/")
    with CaptureQueriesContext(connection) as english:
        assert client.get("/news/", {"page": "2"}).status_code == 200
    with django_assert_max_num_queries(len(english.captured_queries)):
        assert client.get("/ru/news/", {"page": "2"}).status_code == 200
