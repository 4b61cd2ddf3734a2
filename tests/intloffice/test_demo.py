"""The demo content in three languages, loaded by `manage.py load_demo`."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import translation
from PIL import Image

from core.models import Office
from news.models import DailyViews, NewsRelease, Period
from pages.models import Page
from partners import demo as partners_demo
from partners.models import Institution

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans", "ru"]
COLUMN_SUFFIXES = ["en", "zh_hans", "ru"]
CONTENT_APPS = ["core", "news", "partners"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def own_texts(instance, field):
    """`field` in each language's own column, without fallback."""
    return [getattr(instance, f"{field}_{suffix}") for suffix in COLUMN_SUFFIXES]


def assert_own_text_in_every_language(instance, field):
    texts = own_texts(instance, field)
    assert all(texts), f"{field} is missing in a language: {texts}"
    assert len(set(texts)) == len(texts), f"{field} is the same in two languages: {texts}"


def reference_release():
    return NewsRelease.objects.get(slug_en__startswith="binzhou-university-and-irkutsk")


def reference_partner():
    return Institution.objects.get(slug_en=partners_demo.REFERENCE_SLUG)


def row_counts():
    """Rows of every content table, many-to-many tables included.

    Edit histories are left out: each load records the demo's own edit, as any save does.
    """
    return {
        model._meta.label: model._base_manager.count()
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if not model._meta.object_name.startswith("Historical")
    }


def test_the_reference_release_has_its_own_text_in_three_languages():
    load_demo()
    release = reference_release()
    assert release.translated_languages() == LANGUAGES
    for field in ["title", "slug", "summary", "body"]:
        assert_own_text_in_every_language(release, field)
    for body in own_texts(release, "body"):
        # The same structure in each language: a heading and the two programmes.
        assert body.count("<h2>") == 1
        assert body.count("<li>") == 2
    assert "伊尔库茨克" in release.title_zh_hans
    assert "Иркутский" in release.title_ru
    assert "2021年5月26日" in release.body_zh_hans
    assert "26 мая 2021 года" in release.body_ru
    assert (release.author, release.view_count) == ("闫倩倩", 10)


def test_the_reference_release_opens_in_each_language_with_its_own_title(client):
    load_demo()
    release = reference_release()
    for language, title in zip(LANGUAGES, own_texts(release, "title"), strict=True):
        # Inside override(): a request to /zh-hans/ or /ru/ leaves its language active
        # in this thread, and override() restores the previous one on the way out.
        with translation.override(language):
            url = release.get_absolute_url()
            response = client.get(url)
        assert response.status_code == 200, (language, url)
        assert title in response.content.decode()
        assert "translation-fallback" not in response.content.decode()


def test_the_reference_partner_has_its_own_text_in_three_languages():
    load_demo()
    irkutsk = reference_partner()
    assert own_texts(irkutsk, "name") == [
        "Irkutsk National Research Technical University",
        "伊尔库茨克国立研究技术大学",
        "Иркутский национальный исследовательский технический университет",
    ]
    assert own_texts(irkutsk, "city") == ["Irkutsk", "伊尔库茨克", "Иркутск"]
    for field in ["slug", "description", "strengths"]:
        assert_own_text_in_every_language(irkutsk, field)
    assert all(irkutsk.is_translated(language) for language in LANGUAGES)
    memorandum = irkutsk.agreements.get()
    assert_own_text_in_every_language(memorandum, "programmes")
    assert [len(programmes.splitlines()) for programmes in own_texts(memorandum, "programmes")] == [
        2,
        2,
        2,
    ]
    assert "高分子材料与工程" in memorandum.programmes_zh_hans
    # Every former, alternative and native name still finds it.
    for name in [
        "Irkutsk State University of Technology",
        "Иркутский национальный исследовательский технический университет",
        "伊尔库茨克国立研究技术大学",
        "伊尔库茨克",
    ]:
        assert list(Institution.objects.search(name)) == [irkutsk]


def test_the_reference_partner_page_opens_in_each_language(client):
    load_demo()
    irkutsk = reference_partner()
    for language, name in zip(LANGUAGES, own_texts(irkutsk, "name"), strict=True):
        with translation.override(language):
            url = irkutsk.get_absolute_url()
            response = client.get(url)
        assert response.status_code == 200, (language, url)
        assert name in response.content.decode()


def test_every_demo_partner_is_written_in_full_in_three_languages(client):
    load_demo()
    for institution in Institution.objects.all():
        for field in ["name", "description", "strengths"]:
            assert_own_text_in_every_language(institution, field)
        assert all(own_texts(institution, "city"))
        assert all(institution.is_translated(language) for language in LANGUAGES)
        for agreement in institution.agreements.all():
            assert_own_text_in_every_language(agreement, "programmes")
            lines = [len(text.splitlines()) for text in own_texts(agreement, "programmes")]
            assert len(set(lines)) == 1, (institution.slug_en, lines)
        for language in LANGUAGES:
            with translation.override(language):
                response = client.get(institution.get_absolute_url())
            assert "translation-fallback" not in response.content.decode(), (
                institution.slug_en,
                language,
            )


def test_the_office_details_are_in_three_languages():
    load_demo()
    office = Office.objects.get()
    for field in ["name", "university", "address"]:
        assert_own_text_in_every_language(office, field)
    assert own_texts(office, "university") == [
        "Binzhou University",
        "滨州学院",
        "Биньчжоуский университет",
    ]
    assert "256600" in office.address_zh_hans
    assert "256600" in office.address_ru


def test_every_release_is_in_three_languages_but_one_or_two_kept_english_only():
    load_demo()
    releases = list(NewsRelease.objects.all())
    english_only = [r for r in releases if r.translated_languages() == ["en"]]
    # Kept on purpose, published, so that the other languages' pages show the fallback.
    assert 1 <= len(english_only) <= 2
    for release in english_only:
        assert release in NewsRelease.objects.published()
        assert not release.is_translated("zh-hans")
        assert not release.is_translated("ru")
    for release in releases:
        if release in english_only:
            continue
        assert release.translated_languages() == LANGUAGES, release.title_en
        for field in ["title", "summary", "body"]:
            assert_own_text_in_every_language(release, field)
        assert HAN.search(release.title_zh_hans + release.body_zh_hans), release.title_en


def test_no_release_has_a_chinese_title_in_the_english_columns():
    load_demo()
    for release in NewsRelease.objects.all():
        assert not HAN.search(release.title_en + release.summary_en + release.body_en)


def test_the_demo_keeps_two_pages_of_news_a_draft_and_a_scheduled_release():
    load_demo()
    assert NewsRelease.objects.count() == 19
    assert NewsRelease.objects.filter(status=NewsRelease.Status.DRAFT).count() == 1
    assert NewsRelease.objects.published().count() == 17
    assert list(reference_release().partners.values_list("slug_en", flat=True)) == [
        partners_demo.REFERENCE_SLUG
    ]


def test_loading_the_demo_again_changes_no_row_count_and_no_view_count():
    load_demo()
    reference = reference_release()
    NewsRelease.objects.published().count_visit(reference.pk, reference.slug_en)
    counts = row_counts()
    views = dict(NewsRelease.objects.values_list("pk", "view_count"))
    load_demo()
    assert row_counts() == counts
    assert dict(NewsRelease.objects.values_list("pk", "view_count")) == views
    assert views[reference.pk] == 11


def test_every_demo_release_has_a_daily_history_that_adds_up_to_its_view_count():
    load_demo()
    days = dict(
        NewsRelease.objects.annotate(days=Sum("daily_views__views")).values_list("pk", "days")
    )
    totals = dict(NewsRelease.objects.values_list("pk", "view_count"))
    assert {pk: days[pk] or 0 for pk in totals} == totals
    assert sum(totals.values()) > 0
    # Read in every language, recently too: the public lists by period have something.
    assert set(DailyViews.objects.values_list("language", flat=True)) == {"en", "zh-hans", "ru"}
    assert NewsRelease.objects.published().most_read(Period.MONTH, 5)
    assert DailyViews.objects.filter(day__gt=F("release__release_time__date")).exists()


def test_a_reload_makes_the_slugs_that_are_missing_through_save():
    load_demo()
    Institution.objects.filter(slug_en=partners_demo.REFERENCE_SLUG).update(slug_ru=None)
    NewsRelease.objects.filter(pk=reference_release().pk).update(search_text="")
    load_demo()
    assert reference_partner().slug_ru.startswith("иркутский-национальный")
    assert "memorandum" in reference_release().search_text


def test_a_release_naming_a_partner_without_a_file_is_refused(tmp_path, monkeypatch):
    from news import demo as news_demo

    (tmp_path / "2021-01-01-visit.toml").write_text(
        'partners = ["no-such-university"]\n[title]\nen = "A visit"\n[body]\nen = "<p>A.</p>"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(news_demo, "RELEASES", tmp_path)
    with pytest.raises(ValueError, match=r"2021-01-01-visit\.toml: a partner"):
        news_demo.load()


def test_every_demo_release_and_partner_has_a_picture_kept_when_loading_again():
    load_demo()
    covers = {release.pk: release.cover.name for release in NewsRelease.objects.all()}
    logos = {institution.pk: institution.logo.name for institution in Institution.objects.all()}
    assert all(covers.values()) and all(logos.values())
    assert Page.objects.exclude(cover="").filter(depth=1).count() >= 2

    release = reference_release()
    with release.cover.open("rb") as file, Image.open(file) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 675))
    with reference_partner().logo.open("rb") as file, Image.open(file) as image:
        assert (image.format, image.mode) == ("PNG", "RGBA")

    load_demo()
    assert {release.pk: release.cover.name for release in NewsRelease.objects.all()} == covers
    assert {item.pk: item.logo.name for item in Institution.objects.all()} == logos
