"""Who may do what: anonymous visitors reach no admin page, upload or preview; the
"News editors" group touches news only (viewing institutions for the partner picker);
the "Partner managers" group touches partners only."""

import pytest
from django.urls import reverse

from news.models import NewsRelease
from partners.models import Institution
from tests.core.sample_images import image_bytes, upload
from tests.partners.test_admin import institution_form

pytestmark = pytest.mark.django_db


def admin_urls(release, draft, institution, admin_user):
    return [
        reverse("admin:index"),
        reverse("admin:news_newsrelease_changelist"),
        reverse("admin:news_newsrelease_add"),
        reverse("admin:news_newsrelease_change", args=[release.pk]),
        reverse("admin:news_newsrelease_history", args=[release.pk]),
        reverse("admin:partners_institution_change", args=[institution.pk]),
        reverse("admin:auth_user_change", args=[admin_user.pk]),
        reverse("admin:auth_group_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:core_office_changelist"),
        "/admin/autocomplete/?app_label=news&model_name=newsrelease&field_name=partners",
    ]


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_admin_page(
    client, release, draft, institution, admin_user
):
    for url in admin_urls(release, draft, institution, admin_user):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_anonymous_posts_to_the_admin_change_nothing(client, release, institution):
    client.post(reverse("admin:news_newsrelease_change", args=[release.pk]), {"title": "Defaced"})
    client.post(
        reverse("admin:partners_institution_delete", args=[institution.pk]), {"post": "yes"}
    )

    release.refresh_from_db()
    assert release.title != "Defaced"
    assert Institution.objects.filter(pk=institution.pk).exists()


def test_anonymous_visitors_cannot_preview_a_draft_by_id_or_by_address(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/news/{draft.pk}/").status_code == 404
    assert "Not yet announced" not in client.get("/news/", {"q": "announced"}).text


# News editors


def test_a_news_editor_cannot_add_change_or_delete_partners(news_editor_client, institution):
    for url in [
        reverse("admin:partners_institution_add"),
        reverse("admin:partners_institution_delete", args=[institution.pk]),
        reverse("admin:partners_rankingsystem_add"),
    ]:
        assert news_editor_client.get(url).status_code == 403, url

    response = news_editor_client.post(
        reverse("admin:partners_institution_change", args=[institution.pk]),
        institution_form(None, name="Renamed by a news editor"),
    )
    assert response.status_code == 403
    institution.refresh_from_db()
    assert institution.name != "Renamed by a news editor"


def test_a_news_editor_may_view_institutions_to_pick_partners(news_editor_client, institution):
    response = news_editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "newsrelease", "field_name": "partners", "term": "Irk"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [institution.name]


def test_a_news_editor_cannot_touch_users_groups_lockouts_or_the_office(
    news_editor_client, admin_user
):
    for url in [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[admin_user.pk]),
        reverse("admin:auth_group_add"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:core_office_add"),
    ]:
        assert news_editor_client.get(url).status_code == 403, url

    news_editor_client.post(
        reverse("admin:auth_user_change", args=[admin_user.pk]), {"is_superuser": "off"}
    )
    admin_user.refresh_from_db()
    assert admin_user.is_superuser


# Partner managers


def test_a_partner_manager_cannot_read_add_change_or_delete_news(partner_manager_client, release):
    for url in [
        reverse("admin:news_newsrelease_changelist"),
        reverse("admin:news_newsrelease_add"),
        reverse("admin:news_newsrelease_change", args=[release.pk]),
        reverse("admin:news_newsrelease_delete", args=[release.pk]),
        reverse("admin:news_newsrelease_history", args=[release.pk]),
    ]:
        assert partner_manager_client.get(url).status_code == 403, url

    partner_manager_client.post(
        reverse("admin:news_newsrelease_delete", args=[release.pk]), {"post": "yes"}
    )
    assert NewsRelease.objects.filter(pk=release.pk).exists()


def test_a_partner_manager_cannot_upload_editor_images_or_preview_drafts(
    partner_manager_client, draft, settings
):
    response = partner_manager_client.post(
        "/editor/upload-image/", {"upload": upload(image_bytes("PNG"), "a.png")}
    )

    assert response.status_code == 403
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.png"))
    assert partner_manager_client.get(draft.get_absolute_url()).status_code == 404


def test_a_partner_manager_cannot_touch_users_or_groups(partner_manager_client):
    for url in [reverse("admin:auth_user_changelist"), reverse("admin:auth_group_changelist")]:
        assert partner_manager_client.get(url).status_code == 403, url
