"""A release's history keeps every language's text and never its view count
(history is registered after the translated fields): a restore brings back all three languages and leaves today's count."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease
from tests.user_agents import BROWSER

from .conftest import LANGUAGES, RELEASE_TEXT, Page, make_release, shown_views, url_in

pytestmark = pytest.mark.django_db


def form_values(form):
    """The POST data a browser sends for `form` as the admin shows it, unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.FileField):
            continue
        if isinstance(field, forms.SplitDateTimeField):
            # An empty date and time stay empty (localtime(None) would be now).
            local = timezone.localtime(value) if value else None
            for prefix in ["", "initial-"] if field.show_hidden_initial else [""]:
                data[f"{prefix}{name}_0"] = local.strftime("%Y-%m-%d") if local else ""
                data[f"{prefix}{name}_1"] = local.strftime("%H:%M:%S") if local else ""
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(getattr(item, "pk", item)) for item in value or []]
        else:
            data[name] = "" if value is None else str(value)
    return data


def edit(admin_client, release, **changes):
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    data = form_values(admin_client.get(url).context["adminform"].form) | changes
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors


REWORDED = {
    "title_en": "Reworded title",
    "title_zh_hans": "改写的标题",
    "title_ru": "Новый заголовок",
    "body_ru": "<p>Новый текст.</p>",
}


def test_restoring_an_earlier_version_brings_back_every_language_and_keeps_the_count(
    admin_client, client, office
):
    release = make_release()
    edit(admin_client, release, **REWORDED)
    release.refresh_from_db()
    assert release.title_ru == "Новый заголовок"
    for language in LANGUAGES:
        Client().get(url_in(release, language), HTTP_USER_AGENT=BROWSER)
    original = release.history.earliest()
    revert_url = reverse(
        "admin:news_newsrelease_simple_history", args=[release.pk, original.history_id]
    )
    form = admin_client.get(revert_url).context["adminform"].form
    # The restore form shows the old text of every language, ready to be saved.
    assert form["title_ru"].value() == RELEASE_TEXT["ru"]["title"]
    assert form["title_zh_hans"].value() == RELEASE_TEXT["zh_hans"]["title"]
    response = admin_client.post(revert_url, form_values(form))
    assert response.status_code == 302
    release.refresh_from_db()
    for column, text in RELEASE_TEXT.items():
        assert getattr(release, f"title_{column}") == text["title"]
        assert getattr(release, f"body_{column}") == text["body"]
        assert getattr(release, f"summary_{column}") == text["summary"]
    assert release.view_count == 3
    page = client.get(url_in(release, "ru"), HTTP_USER_AGENT=BROWSER)
    assert Page(page).heading.text == RELEASE_TEXT["ru"]["title"]
    assert shown_views(page) == "4 просмотра"


def test_restoring_a_version_in_code_also_keeps_every_language_and_the_count(office):
    release = make_release()
    release.title_ru = "Новый заголовок"
    release.save()
    NewsRelease.objects.published().count_visit(release.pk, release.slug_en)
    release.history.earliest().instance.save()
    release.refresh_from_db()
    assert release.title_ru == RELEASE_TEXT["ru"]["title"]
    assert release.title_zh_hans == RELEASE_TEXT["zh_hans"]["title"]
    assert release.view_count == 1


def test_every_languages_text_is_kept_in_the_history(admin_client):
    release = make_release()
    edit(admin_client, release, **REWORDED)
    before, after = release.history.order_by("history_date")
    for column, text in RELEASE_TEXT.items():
        assert getattr(before, f"title_{column}") == text["title"]
    assert (after.title_en, after.title_zh_hans, after.title_ru) == (
        "Reworded title",
        "改写的标题",
        "Новый заголовок",
    )
    assert not hasattr(after, "view_count")


def test_the_history_names_the_language_of_each_changed_field(admin_client):
    release = make_release()
    edit(admin_client, release, title_ru="Новый заголовок")
    assert release.history.latest().history_change_reason == "Changed: Title (Русский)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visit_in_any_language_adds_no_history_row(client, office, language):
    release = make_release()
    rows = release.history.count()
    for _ in range(2):
        response = Client().get(url_in(release, language), HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200
    release.refresh_from_db()
    assert release.view_count == 2
    assert release.history.count() == rows
