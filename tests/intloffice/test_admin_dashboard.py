"""The admin home's dashboard: each panel lists what it says, links to it, and shows
only to those who may see it, in a fixed number of queries."""

import datetime
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease
from tests.conftest import make_staff_user
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_agreement, make_institution

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


@pytest.fixture
def content(admin_user):
    now = timezone.now()
    draft = make_news_release(title="A draft about exchange", status=NewsRelease.Status.DRAFT)
    scheduled = make_news_release(title="Coming next week", release_time=now + timedelta(days=5))
    make_news_release(title="Read a lot", view_count=90, release_time=now - timedelta(days=2))
    make_news_release(title="Read a little", view_count=3, release_time=now - timedelta(days=1))
    make_news_release(title="Old and famous", view_count=900, release_time=now - timedelta(days=30))
    irkutsk = make_institution()
    make_agreement(irkutsk, valid_until=timezone.localdate() + timedelta(days=60))
    far = make_institution(name="Far University", slug="far", city="Far")
    make_agreement(far, valid_until=datetime.date(2099, 1, 1))
    for obj in [draft, irkutsk]:
        LogEntry.objects.log_actions(
            admin_user.pk, [obj], CHANGE, change_message="[]", single_object=True
        )
    return {"draft": draft, "scheduled": scheduled, "irkutsk": irkutsk}


def panel(response, name):
    html = response.text
    start = html.find(f'id="panel-{name}"')
    if start == -1:
        return None
    return html[start : html.find("</section>", start)]


def test_the_dashboard_lists_drafts_scheduled_expiring_most_read_and_recent_changes(
    admin_client, content
):
    response = admin_client.get(INDEX)
    assert response.status_code == 200
    draft_url = reverse("admin:news_newsrelease_change", args=[content["draft"].pk])
    assert draft_url in panel(response, "drafts")
    scheduled = panel(response, "scheduled")
    assert "Coming next week" in scheduled and "Scheduled for" in scheduled
    expiring = panel(response, "expiring")
    assert reverse("admin:partners_institution_change", args=[content["irkutsk"].pk]) in expiring
    assert "Far University" not in expiring
    most_read = panel(response, "most-read")
    assert "published in the last 7 days" in most_read
    assert most_read.index("Read a lot") < most_read.index("Read a little")
    assert "Old and famous" not in most_read and "Coming next week" not in most_read
    recent = panel(response, "recent")
    assert "A draft about exchange" in recent and "Irkutsk National" in recent
    assert "admin" in recent  # who
    assert 'id="content-main"' in response.text  # the app list is still there


def test_others_changes_show_but_only_for_content_the_user_may_view(
    client, django_user_model, content
):
    writer = make_staff_user(django_user_model, "writer", "view_newsrelease", "change_newsrelease")
    client.force_login(writer)
    response = client.get(INDEX)
    recent = panel(response, "recent")
    assert "A draft about exchange" in recent  # made by the superuser, not the writer
    assert "Irkutsk National" not in recent  # a partner: not the writer's to see
    assert panel(response, "drafts") is not None
    assert panel(response, "expiring") is None


def test_a_user_without_news_permissions_sees_no_news_panel(partner_manager_client, content):
    response = partner_manager_client.get(INDEX)
    for name in ["drafts", "scheduled", "most-read"]:
        assert panel(response, name) is None, name
    assert "Irkutsk National" in panel(response, "expiring")


def test_empty_panels_say_so(admin_client):
    response = admin_client.get(INDEX)
    assert "No drafts." in panel(response, "drafts")
    assert "No agreement ends" in panel(response, "expiring")


def test_the_dashboard_takes_a_fixed_number_of_queries(
    admin_client, admin_user, content, django_assert_num_queries
):
    for index in range(15):
        release = make_news_release(title=f"Draft {index}", status=NewsRelease.Status.DRAFT)
        LogEntry.objects.log_actions(
            admin_user.pk, [release], CHANGE, change_message="[]", single_object=True
        )
    admin_client.get(INDEX)  # the session and permissions are read once
    # The session, the user, the app list's two (the office admin's), and one a panel:
    # the log, drafts, scheduled, most read, expiring agreements; however many rows.
    with django_assert_num_queries(9):
        response = admin_client.get(INDEX)
    assert response.status_code == 200
    assert panel(response, "recent").count("<li") == 10
    assert panel(response, "drafts").count("<li") == 10
