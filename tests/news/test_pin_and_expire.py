"""Pinned releases come first until their pin ends; archived (expired) releases leave
every public list but keep their page at its address."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease
from tests.partners.conftest import make_institution
from tests.sitemap import all_text

from .conftest import make_news_release, read_on, visit
from .test_admin import form_data

pytestmark = pytest.mark.django_db


def listed(client, path="/news/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return [release.title for release in response.context["page_obj"]]


def home_titles(client):
    response = client.get("/")
    assert response.status_code == 200
    return [release.title for release in response.context["latest_releases"]]


@pytest.fixture
def clock(monkeypatch):
    """Sets the time the queries compare with: what "now" is, hours later."""

    def move_to(when):
        monkeypatch.setattr(timezone, "now", lambda: when)

    return move_to


@pytest.fixture
def three(now):
    """Three releases a day apart, the newest first in the usual order."""
    return [
        make_news_release(title=title, release_time=now - timedelta(days=days))
        for days, title in [(1, "Newest"), (2, "Middle"), (3, "Oldest")]
    ]


def test_a_pinned_release_comes_first_on_the_list_and_the_home_page(client, three, now):
    oldest = three[2]
    oldest.pinned_until = now + timedelta(days=7)
    oldest.save()
    assert listed(client) == ["Oldest", "Newest", "Middle"]
    assert home_titles(client) == ["Oldest", "Newest", "Middle"]


def test_the_newest_pin_comes_first(client, three, now):
    _newest, middle, oldest = three
    for release in [middle, oldest]:  # oldest pinned last
        release.pinned_until = now + timedelta(days=7)
        release.save()
    assert listed(client) == ["Oldest", "Middle", "Newest"]
    # Moving a pin makes it the newest.
    middle.pinned_until = now + timedelta(days=8)
    middle.save()
    assert listed(client) == ["Middle", "Oldest", "Newest"]


def test_a_pin_whose_time_has_passed_counts_for_nothing(client, three, now):
    oldest = three[2]
    oldest.pinned_until = now - timedelta(minutes=1)
    oldest.save()
    assert listed(client) == ["Newest", "Middle", "Oldest"]
    assert not oldest.is_pinned()


def test_a_pin_ends_by_itself_without_a_save(client, three, now, settings, clock):
    settings.PUBLIC_PAGE_SECONDS = 0
    oldest = three[2]
    oldest.pinned_until = now + timedelta(hours=1)
    oldest.save()
    assert listed(client)[0] == "Oldest"
    clock(now + timedelta(hours=2))
    assert listed(client) == ["Newest", "Middle", "Oldest"]


def test_removing_a_pin_forgets_when_it_was_set(three, now):
    oldest = three[2]
    oldest.pinned_until = now + timedelta(days=1)
    oldest.save()
    assert oldest.pinned_at is not None
    oldest.pinned_until = None
    oldest.save()
    assert NewsRelease.objects.get(pk=oldest.pk).pinned_at is None


def test_a_search_is_in_order_of_relevance_whatever_the_pins(client, now):
    make_news_release(title="Memorandum memorandum", release_time=now - timedelta(days=2))
    make_news_release(title="Other", summary="A memorandum.", pinned_until=now + timedelta(days=1))
    assert listed(client, q="memorandum") == ["Memorandum memorandum", "Other"]


@pytest.fixture
def archived(now):
    make_news_release(title="Current")
    return make_news_release(
        title="Archived",
        summary="A memorandum.",
        release_time=now - timedelta(days=3),
        expires_at=now - timedelta(minutes=1),
    )


def test_an_archived_release_leaves_the_list_the_home_page_and_the_search(client, archived):
    for release in NewsRelease.objects.all():
        read_on(release, timezone.localdate(), 1)
    assert listed(client) == ["Current"]
    home = client.get("/").context
    assert [release.title for release in home["latest_releases"]] == ["Current"]
    assert [release.title for release in home["most_read_releases"]] == ["Current"]
    assert listed(client, q="memorandum") == ["Current"]


def test_an_archived_release_leaves_the_feed_and_the_sitemap(client, archived):
    feed = client.get(reverse("news:feed")).content.decode()
    assert "Current" in feed
    assert "Archived" not in feed
    sitemap = all_text(client)
    assert archived.get_absolute_url() not in sitemap


def test_an_archived_release_keeps_its_page_marked_archived_and_noindex(client, archived):
    response = client.get(archived.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "This release is archived" in html
    assert '<meta name="robots" content="noindex">' in html
    current = NewsRelease.objects.get(title="Current")
    html = client.get(current.get_absolute_url()).content.decode()
    assert "This release is archived" not in html
    assert "noindex" not in html


def test_a_release_is_archived_by_itself_at_its_time(client, now, settings, clock):
    settings.PUBLIC_PAGE_SECONDS = 0
    release = make_news_release(title="Soon gone", expires_at=now + timedelta(hours=1))
    assert listed(client) == ["Soon gone"]
    clock(now + timedelta(hours=2))
    assert listed(client) == []
    assert client.get(release.get_absolute_url()).status_code == 200


def test_an_archived_release_still_counts_its_visits(client, archived):
    visit(client, archived)
    archived.refresh_from_db()
    assert archived.view_count == 1


def test_a_release_cannot_be_archived_before_its_release_time(now):
    release = NewsRelease(
        title="T", body="<p>B</p>", release_time=now, expires_at=now - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "expires_at" in error.value.message_dict


def test_the_admin_pins_a_release_and_shows_and_filters_it(admin_client, three, now):
    oldest = three[2]
    until = now + timedelta(days=3)
    data = form_data(
        oldest,
        pinned_until_0=until.strftime("%Y-%m-%d"),
        pinned_until_1=until.strftime("%H:%M:%S"),
    )
    url = reverse("admin:news_newsrelease_change", args=[oldest.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    oldest.refresh_from_db()
    assert oldest.is_pinned()
    changelist = reverse("admin:news_newsrelease_changelist")
    response = admin_client.get(changelist, {"shown": "pinned"})
    assert [r.title for r in response.context["cl"].result_list] == ["Oldest"]
    assert "until " in response.content.decode()
    response = admin_client.get(changelist, {"shown": "expired"})
    assert list(response.context["cl"].result_list) == []


def test_the_admin_refuses_an_end_before_the_release_time(admin_client, release, now):
    before = release.release_time - timedelta(days=1)
    data = form_data(
        release,
        expires_at_0=before.strftime("%Y-%m-%d"),
        expires_at_1=before.strftime("%H:%M:%S"),
    )
    response = admin_client.post(reverse("admin:news_newsrelease_change", args=[release.pk]), data)
    assert response.status_code == 200
    assert "expires_at" in response.context["adminform"].form.errors


def test_an_archived_release_leaves_its_partners_page(client, now):
    partner = make_institution(slug="irkutsk")
    current = make_news_release(title="Current with partner")
    old = make_news_release(title="Archived with partner", expires_at=now - timedelta(minutes=1))
    current.partners.add(partner)
    old.partners.add(partner)
    html = client.get(partner.get_absolute_url()).content.decode()
    assert "Current with partner" in html
    assert "Archived with partner" not in html
