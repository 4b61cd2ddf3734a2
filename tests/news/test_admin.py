import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease
from tests.conftest import in_default_language

from .conftest import make_news_release

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_newsrelease_changelist")


def form_data(release=None, **overrides):
    release_time = timezone.localtime(release.release_time if release else timezone.now())
    data = {
        "title": release.title if release else "A new release",
        "slug": release.slug if release else "",
        "summary": release.summary if release else "",
        "body": release.body if release else "<h2>Heading</h2><p>Text</p>",
        "author": release.author if release else "闫倩倩",
        "status": release.status if release else "draft",
        "release_time_0": release_time.strftime("%Y-%m-%d"),
        "release_time_1": release_time.strftime("%H:%M:%S"),
        "cover_alt": "",
    }
    data.update(overrides)
    return in_default_language(data)


def test_changelist_shows_title_author_time_status_and_view_count(admin_client):
    make_news_release(title="Memorandum signed", view_count=10)
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    for column in ["column-title", "column-author", "column-publication", "column-views"]:
        assert column in response.text
    assert "Memorandum signed" in response.text
    assert '<td class="field-views"><span class="views-total">10</span>' in response.text


def test_changelist_searches_title_author_and_body(admin_client):
    make_news_release(title="About polymers", author="闫倩倩", body="<p>高分子材料</p>")
    make_news_release(title="Unrelated", author="Li Na", body="<p>Other</p>")
    for query in ["polymers", "倩倩", "材料"]:
        response = admin_client.get(CHANGELIST, {"q": query})
        assert response.context["cl"].result_count == 1, query


def test_changelist_filters_by_status_and_year_and_has_a_date_hierarchy(admin_client):
    make_news_release(title="Old", release_time=timezone.make_aware(timezone.datetime(2021, 6, 9)))
    make_news_release(title="Draft", status=NewsRelease.Status.DRAFT)
    assert admin_client.get(CHANGELIST, {"status__exact": "draft"}).context["cl"].result_count == 1
    assert admin_client.get(CHANGELIST, {"year": "2021"}).context["cl"].result_count == 1
    assert admin_client.get(CHANGELIST, {"year": "abc"}).status_code == 200
    assert "?release_time__year=2021" in admin_client.get(CHANGELIST).text  # date hierarchy


def test_view_count_is_read_only_in_the_admin(admin_client):
    release = make_news_release(view_count=10)
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    form = admin_client.get(url).context["adminform"].form
    assert "view_count" not in form.fields
    response = admin_client.post(url, form_data(release, view_count="99999"))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.view_count == 10


def test_visits_made_while_an_edit_is_open_are_kept_when_it_is_saved(admin_client):
    release = make_news_release()
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    admin_client.get(url)  # the editor opens the form
    for _ in range(4):
        NewsRelease.objects.published().count_visit(release.pk, release.slug)
    response = admin_client.post(url, form_data(release, title="Edited title"))
    assert response.status_code == 302
    release.refresh_from_db()
    assert (release.title, release.view_count) == ("Edited title", 4)


def test_adding_a_release_records_who_and_sanitizes_and_makes_a_unicode_slug(
    admin_client, admin_user
):
    response = admin_client.post(
        reverse("admin:news_newsrelease_add"),
        form_data(title="两校签署合作备忘录", body='<h2>要点</h2><p onclick="x">内容</p>'),
    )
    assert response.status_code == 302
    release = NewsRelease.objects.get()
    assert release.slug == "两校签署合作备忘录"
    assert release.body == "<h2>要点</h2><p>内容</p>"
    assert release.created_by == admin_user
    assert release.updated_by == admin_user


def test_release_time_field_names_the_office_time_zone(admin_client):
    response = admin_client.get(reverse("admin:news_newsrelease_add"))
    assert "Asia/Shanghai" in response.text


def test_publish_and_unpublish_actions_change_status_keep_counts_and_record_history(admin_client):
    release = make_news_release(status=NewsRelease.Status.DRAFT, view_count=7)
    admin_client.post(CHANGELIST, {"action": "publish", "_selected_action": [release.pk]})
    release.refresh_from_db()
    assert (release.status, release.view_count) == ("published", 7)
    admin_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [release.pk]})
    release.refresh_from_db()
    assert (release.status, release.view_count) == ("draft", 7)
    assert release.history.count() == 3


def test_history_shows_who_changed_which_fields(admin_client, admin_user):
    release = make_news_release()
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    admin_client.post(url, form_data(release, title="Better title", summary="New summary"))
    latest = release.history.latest()
    assert latest.history_user == admin_user
    assert "title" in latest.history_change_reason.lower()
    assert "summary" in latest.history_change_reason.lower()
    page = admin_client.get(reverse("admin:news_newsrelease_history", args=[release.pk]))
    assert page.status_code == 200
    # Named by label and language, once each; never as the language code.
    labels = page.context["page_obj"][0].changed_field_labels
    assert {"Title (English)", "Summary (English)"} <= set(labels)
    assert len(labels) == len(set(labels))
    assert "[en]" not in page.text


def test_restoring_an_earlier_version_from_the_admin_keeps_todays_count(admin_client):
    release = make_news_release(title="Original wording")
    url = reverse("admin:news_newsrelease_change", args=[release.pk])
    admin_client.post(url, form_data(release, title="Changed wording"))
    for _ in range(3):
        NewsRelease.objects.published().count_visit(release.pk, release.slug)
    original = release.history.earliest()
    revert_url = reverse(
        "admin:news_newsrelease_simple_history", args=[release.pk, original.history_id]
    )
    form = admin_client.get(revert_url)
    assert form.status_code == 200
    response = admin_client.post(revert_url, form_data(original.instance))
    assert response.status_code == 302
    release.refresh_from_db()
    assert (release.title, release.view_count) == ("Original wording", 3)


def test_news_editors_group_holds_exactly_the_news_permissions():
    codenames = sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="News editors").permissions.all()
    )
    assert codenames == [
        # The photos of their releases, in the media library (news 0011).
        "core.change_libraryimage",
        "core.delete_libraryimage",
        "core.view_libraryimage",
        # Seeing documents, to attach them to releases (news 0012).
        "documents.view_document",
        "news.add_newsrelease",
        # The topics they tag their releases with (news 0012).
        "news.add_topic",
        "news.change_newsrelease",
        "news.change_topic",
        "news.delete_newsrelease",
        "news.delete_topic",
        "news.view_newsrelease",
        "news.view_topic",
        "partners.view_institution",
    ]


def test_a_news_editor_manages_news_and_nothing_else(news_editor_client):
    assert news_editor_client.get(CHANGELIST).status_code == 200
    assert news_editor_client.get(reverse("admin:news_newsrelease_add")).status_code == 200
    assert news_editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert news_editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert news_editor_client.get(reverse("admin:partners_institution_add")).status_code == 403
    assert news_editor_client.get(reverse("admin:core_office_changelist")).status_code == 403


def test_a_news_editor_can_preview_a_draft(news_editor_client):
    release = make_news_release(status=NewsRelease.Status.DRAFT)
    response = news_editor_client.get(release.get_absolute_url())
    assert response.status_code == 200
    assert "Preview" in response.text


def test_staff_without_news_permission_cannot_preview(staff_client):
    release = make_news_release(status=NewsRelease.Status.DRAFT)
    assert staff_client.get(release.get_absolute_url()).status_code == 404
