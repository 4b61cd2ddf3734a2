"""Each translation of a release is original, up to date, out of date (the English
text changed after it was saved) or missing, in the model, the admin and its filter."""

import pytest
from django.urls import reverse

from core.translation_state import MISSING, ORIGINAL, OUT_OF_DATE, UP_TO_DATE, needing_translation
from news.models import NewsRelease

from .conftest import make_news_release

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_newsrelease_changelist")


def states(release):
    release = NewsRelease.objects.get(pk=release.pk)
    return {code: state for code, _name, state, _label in release.translation_states()}


@pytest.fixture
def translated():
    return make_news_release(
        title="Summer school",
        title_ru="Летняя школа",
        body_ru="<p>Текст</p>",
    )


def test_a_new_release_with_a_translation_has_it_up_to_date(translated):
    assert states(translated) == {"en": ORIGINAL, "zh-hans": MISSING, "ru": UP_TO_DATE}


def test_editing_the_english_text_puts_the_translations_out_of_date(translated):
    release = NewsRelease.objects.get(pk=translated.pk)
    release.body_en = "<p>New English text.</p>"
    release.save()
    assert states(release)["ru"] == OUT_OF_DATE


@pytest.mark.parametrize("field", ["title_en", "summary_en"])
def test_the_title_and_summary_count_too(translated, field):
    release = NewsRelease.objects.get(pk=translated.pk)
    setattr(release, field, "Changed")
    release.save()
    assert states(release)["ru"] == OUT_OF_DATE


def test_saving_the_translation_again_brings_it_up_to_date(translated):
    release = NewsRelease.objects.get(pk=translated.pk)
    release.body_en = "<p>New English text.</p>"
    release.save()
    release = NewsRelease.objects.get(pk=translated.pk)
    release.body_ru = "<p>Новый текст.</p>"
    release.save()
    assert states(release)["ru"] == UP_TO_DATE


def test_editing_only_another_field_changes_nothing(translated):
    release = NewsRelease.objects.get(pk=translated.pk)
    release.author = "Someone else"
    release.save()
    release = NewsRelease.objects.get(pk=translated.pk)
    release.body_ru = release.body_ru  # unchanged
    release.save()
    assert states(release)["ru"] == UP_TO_DATE


def test_editing_english_and_russian_together_keeps_russian_up_to_date(translated):
    release = NewsRelease.objects.get(pk=translated.pk)
    release.body_en = "<p>New English text.</p>"
    release.body_ru = "<p>Новый текст.</p>"
    release.save()
    assert states(release)["ru"] == UP_TO_DATE


def test_emptying_a_translation_makes_it_missing(translated):
    release = NewsRelease.objects.get(pk=translated.pk)
    release.title_ru = ""
    release.body_ru = ""
    release.save()
    assert states(release)["ru"] == MISSING
    assert "ru" not in release.translation_sources


def test_a_translation_written_before_states_were_kept_counts_as_up_to_date(translated):
    NewsRelease.objects.filter(pk=translated.pk).update(translation_sources={})
    assert states(translated)["ru"] == UP_TO_DATE
    # Its first edit of the English text then puts it out of date.
    release = NewsRelease.objects.get(pk=translated.pk)
    release.body_en = "<p>New English text.</p>"
    release.save()
    assert states(release)["ru"] == OUT_OF_DATE


def test_the_query_finds_what_needs_translating(translated):
    untranslated = make_news_release(title="English only")
    out_of_date = make_news_release(title="Stale", title_ru="Старое", body_ru="<p>Т</p>")
    out_of_date = NewsRelease.objects.get(pk=out_of_date.pk)
    out_of_date.title_en = "Stale, edited"
    out_of_date.save()
    found = needing_translation(NewsRelease.objects.all(), "ru")
    assert set(found) == {untranslated, out_of_date}
    assert set(needing_translation(NewsRelease.objects.all(), "zh-hans")) == {
        translated,
        untranslated,
        out_of_date,
    }


def test_the_admin_list_shows_the_state_in_words_and_filters_by_it(admin_client, translated):
    release = NewsRelease.objects.get(pk=translated.pk)
    release.body_en = "<p>New English text.</p>"
    release.save()
    make_news_release(title="Fresh", title_ru="Свежее", body_ru="<p>Т</p>")
    response = admin_client.get(CHANGELIST)
    html = response.content.decode()
    assert "Русский</span>: out of date" in html
    assert "Русский</span>: up to date" in html
    assert "translation missing or out of date" in html.lower()
    response = admin_client.get(CHANGELIST, {"needs_translation": "ru"})
    assert [r.title for r in response.context["cl"].result_list] == ["Summer school"]


def test_the_change_form_shows_the_state(admin_client, translated):
    release = NewsRelease.objects.get(pk=translated.pk)
    release.title_en = "Summer school, edited"
    release.save()
    response = admin_client.get(reverse("admin:news_newsrelease_change", args=[release.pk]))
    assert "Русский</span>: out of date" in response.content.decode()
    assert "css/admin-translation-status.css" in response.content.decode()
