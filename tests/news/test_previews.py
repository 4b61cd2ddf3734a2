"""Preview links: a draft shared for sign-off with people without an account, until the
link expires or is revoked (news.previews)."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease, PreviewLink
from tests.conftest import make_staff_user

from .conftest import make_news_release, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(news_editor):
    return make_news_release(title="Draft for the dean", status=NewsRelease.Status.DRAFT)


@pytest.fixture
def link(draft, news_editor):
    return PreviewLink.create_for(draft, news_editor, label="Dean's office")


def create_url(release):
    return reverse("admin:news_newsrelease_preview_link_create", args=[release.pk])


def revoke_url(link):
    return reverse("admin:news_newsrelease_preview_link_revoke", args=[link.release_id, link.pk])


def test_anyone_with_the_link_reads_the_draft_marked_as_a_preview(client, draft, link):
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "Draft for the dean" in response.text
    assert "Preview — not published" in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_a_preview_is_neither_counted_nor_cached(client, draft, link):
    for _ in range(2):
        response = visit(client, link)
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    draft.refresh_from_db()
    assert draft.view_count == 0
    # Not kept as a page: the draft, edited, shows at once on the next visit.
    NewsRelease.objects.filter(pk=draft.pk).update(title="Edited draft")
    assert "Edited draft" in client.get(link.get_absolute_url()).text


def test_the_preview_works_in_every_language(client, draft, link):
    token = link.token
    response = client.get(f"/ru/news/preview/{token}/")
    assert response.status_code == 200
    assert 'lang="ru"' in response.text


def test_a_tampered_or_made_up_token_is_not_found(client, link):
    token = link.token
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    other = make_news_release(title="Another draft", status=NewsRelease.Status.DRAFT)
    other_link = PreviewLink.create_for(other, None)
    signature = token.rpartition(":")[2]
    unsalted = signing.Signer().sign(str(other_link.pk))  # signed, but not for previews
    made_up = [altered, "1", "nothing:here", token.replace(":", "."), unsalted]
    for bad in [*made_up, f"{other_link.pk}:{signature}"]:
        response = client.get(reverse("news:preview", kwargs={"token": bad}))
        assert response.status_code == 404, bad
        assert "Page not found" in response.text


def test_a_link_keeps_its_address(link, monkeypatch):
    token = link.token
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert PreviewLink.objects.get().token == token
    assert link.get_absolute_url() == f"/news/preview/{link.token}/"


def test_an_expired_link_is_gone_with_a_friendly_page(client, link):
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "This preview link no longer works" in response.text
    assert "Draft for the dean" not in response.text
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_link_is_gone(client, link, news_editor):
    link.revoke(news_editor)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "Draft for the dean" not in response.text


def test_a_link_to_a_release_published_since_leads_to_its_page(client, draft, link):
    draft.status = NewsRelease.Status.PUBLISHED
    draft.release_time = timezone.now() - timedelta(minutes=1)
    draft.save()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302
    assert response.headers["Location"] == draft.get_absolute_url()


def test_a_news_editor_creates_a_link_for_a_chosen_number_of_days(news_editor_client, draft):
    response = news_editor_client.post(create_url(draft), {"label": "Rector", "days": "3"})
    assert response.status_code == 302
    link = PreviewLink.objects.get()
    assert link.label == "Rector" and link.created_by.username == "editor"
    expected = timezone.now() + timedelta(days=3)
    assert abs((link.expires_at - expected).total_seconds()) < 60
    page = news_editor_client.get(reverse("admin:news_newsrelease_change", args=[draft.pk]))
    assert link.get_absolute_url() in page.text
    assert "Rector" in page.text and "Revoke" in page.text


@pytest.mark.parametrize("days", ["0", "91", "abc", ""])
def test_a_bad_number_of_days_is_refused_with_a_message(news_editor_client, draft, days):
    response = news_editor_client.post(create_url(draft), {"days": days}, follow=True)
    assert response.status_code == 200
    assert not PreviewLink.objects.exists()
    assert "Works for (days)" in response.text


def test_no_link_is_made_for_a_public_release(news_editor_client, release):
    response = news_editor_client.post(create_url(release), {"days": "7"}, follow=True)
    assert not PreviewLink.objects.exists()
    assert "This release is public" in response.text


def test_a_news_editor_revokes_a_link(news_editor_client, client, link):
    assert news_editor_client.post(revoke_url(link)).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by.username == "editor"
    assert client.get(link.get_absolute_url()).status_code == 410


def test_creating_and_revoking_take_a_post(news_editor_client, draft, link):
    assert news_editor_client.get(create_url(draft)).status_code == 405
    assert news_editor_client.get(revoke_url(link)).status_code == 405
    assert PreviewLink.objects.count() == 1 and PreviewLink.objects.active().count() == 1


def test_staff_without_the_change_permission_can_neither_create_nor_revoke(
    client, django_user_model, draft, link
):
    viewer = make_staff_user(django_user_model, "viewer", "view_newsrelease")
    client.force_login(viewer)
    assert client.post(create_url(draft), {"days": "7"}).status_code == 403
    assert client.post(revoke_url(link)).status_code == 403
    page = client.get(reverse("admin:news_newsrelease_change", args=[draft.pk]))
    assert page.status_code == 200 and "Create preview link" not in page.text
    assert PreviewLink.objects.active().count() == 1


def test_anonymous_visitors_cannot_create_or_revoke(client, draft, link):
    response = client.post(create_url(draft), {"days": "7"})
    assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]
    client.post(revoke_url(link))
    assert PreviewLink.objects.count() == 1 and PreviewLink.objects.active().count() == 1


def test_staff_with_the_change_permission_only_are_enough(client, django_user_model, draft):
    editor = make_staff_user(django_user_model, "changer", "view_newsrelease")
    editor.user_permissions.add(Permission.objects.get(codename="change_newsrelease"))
    client.force_login(editor)
    assert client.post(create_url(draft), {"days": "7"}).status_code == 302
    assert PreviewLink.objects.count() == 1


def test_a_link_of_another_release_cannot_be_revoked_through_this_one(news_editor_client, link):
    other = make_news_release(title="Another draft", status=NewsRelease.Status.DRAFT)
    url = reverse("admin:news_newsrelease_preview_link_revoke", args=[other.pk, link.pk])
    assert news_editor_client.post(url).status_code == 404
    assert PreviewLink.objects.active().count() == 1
