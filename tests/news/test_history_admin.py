"""A release's history in the admin: one entry per save, the fields that changed
named once with their language, word differences, and a restore that shows what
comes back and keeps the view count."""

import pytest
from django.urls import reverse

from news.models import NewsRelease
from tests.i18n.conftest import RELEASE_TEXT, make_release
from tests.i18n.test_history import edit, form_values
from tests.partners.conftest import make_institution

pytestmark = pytest.mark.django_db


def history_url(release, language="en"):
    prefix = "" if language == "en" else f"/{language}"
    return prefix + reverse("admin:news_newsrelease_history", args=[release.pk])


def test_one_admin_save_with_partners_makes_one_history_row(admin_client):
    partner = make_institution()
    release = make_release()
    rows = release.history.count()
    edit(admin_client, release, title_ru="Новый заголовок", partners=[str(partner.pk)])
    assert release.history.count() == rows + 1
    latest = release.history.latest()
    assert [row.institution for row in latest.partners.all()] == [partner]


def test_adding_a_release_in_the_admin_makes_one_created_row(admin_client):
    partner = make_institution()
    url = reverse("admin:news_newsrelease_add")
    data = form_values(admin_client.get(url).context["adminform"].form) | {
        "title_en": "New release",
        "body_en": "<p>Text.</p>",
        "release_time_0": "2025-01-01",
        "release_time_1": "10:00:00",
        "status": "draft",
        "partners": [str(partner.pk)],
    }
    assert admin_client.post(url, data).status_code == 302
    release = NewsRelease.objects.get(title_en="New release")
    assert [row.history_type for row in release.history.all()] == ["+"]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Title (Русский)", "Body (Русский)"]),
        ("ru", ["Заголовок (Русский)", "Текст (Русский)"]),
    ],
)
def test_the_history_names_each_changed_field_once_with_its_language(
    admin_client, language, labels
):
    release = make_release()
    edit(admin_client, release, title_ru="Новый заголовок", body_ru="<p>Новый текст.</p>")
    response = admin_client.get(history_url(release, language))
    entries = response.context["page_obj"].object_list
    assert entries[0].changed_field_labels == labels
    assert len(entries) == 2
    page = response.content.decode()
    assert "Title [ru]" not in page and "&lt;p&gt;" not in page and "<p>Новый" not in page


def test_unchanged_fields_and_the_untranslated_copy_are_not_named(admin_client):
    release = make_release()
    edit(admin_client, release, body_ru="<p>Новый текст.</p>")
    labels = admin_client.get(history_url(release)).context["page_obj"][0].changed_field_labels
    assert labels == ["Body (Русский)"]


def test_an_entry_shows_the_words_changed_and_what_a_restore_brings_back(admin_client):
    release = make_release()
    edit(
        admin_client, release, body_ru="<p>Университеты расторгли меморандум о сотрудничестве.</p>"
    )
    first, latest = release.history.order_by("history_date")
    url = reverse("admin:news_newsrelease_simple_history", args=[release.pk, latest.history_id])
    page = admin_client.get(url).content.decode()
    assert "<del>подписали</del> <ins>расторгли</ins>" in page
    url = reverse("admin:news_newsrelease_simple_history", args=[release.pk, first.history_id])
    page = admin_client.get(url).content.decode()
    # Restoring the first version takes the new word out and brings the old one back.
    assert "<del>расторгли</del> <ins>подписали</ins>" in page
    assert "The view count is kept as it is." in page


def test_restoring_keeps_the_view_count(admin_client):
    release = make_release()
    edit(admin_client, release, body_ru="<p>Новый текст.</p>")
    NewsRelease.objects.filter(pk=release.pk).update(view_count=41)
    first = release.history.earliest()
    url = reverse("admin:news_newsrelease_simple_history", args=[release.pk, first.history_id])
    form = admin_client.get(url).context["adminform"].form
    assert admin_client.post(url, form_values(form)).status_code == 302
    release.refresh_from_db()
    assert release.body_ru == RELEASE_TEXT["ru"]["body"]
    assert release.view_count == 41
    assert release.history.count() == 3


def test_history_pages_need_the_permission_to_see_releases(client, django_user_model):
    release = make_release()
    staff = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(staff)
    version = release.history.latest()
    url = reverse("admin:news_newsrelease_simple_history", args=[release.pk, version.history_id])
    assert client.get(history_url(release)).status_code == 403
    assert client.get(url).status_code == 403
