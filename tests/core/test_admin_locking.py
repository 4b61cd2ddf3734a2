"""No lost edits: a change form saved over a newer version is refused, keeps what was
typed, says who changed what, and can be saved anyway once seen (core.admin_locking)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news.models import NewsRelease
from partners.models import Institution
from tests.conftest import make_group_member
from tests.news.conftest import make_news_release
from tests.news.test_admin import form_data
from tests.partners.conftest import make_institution
from tests.partners.test_admin import institution_form

pytestmark = pytest.mark.django_db


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice(django_user_model):
    return client_of(make_group_member(django_user_model, "alice", "News editors"))


@pytest.fixture
def bob(django_user_model):
    return client_of(make_group_member(django_user_model, "bob", "News editors"))


def fresh_release(title):
    # Whole seconds, as the admin's form saves them: a save leaves the time as it was.
    return make_news_release(title=title, release_time=timezone.now().replace(microsecond=0))


def change_url(release):
    return reverse("admin:news_newsrelease_change", args=[release.pk])


def opened(client, url):
    """The version token of the form `client` opens at `url`."""
    form = client.get(url).context["adminform"].form
    return form["locking_version"].value()


def test_a_save_over_a_newer_version_is_refused_and_keeps_what_was_typed(alice, bob):
    release = fresh_release("Original title")
    alice_version = opened(alice, change_url(release))
    bob_version = opened(bob, change_url(release))
    assert alice_version == bob_version

    saved = bob.post(
        change_url(release), form_data(release, title="Bob's title", locking_version=bob_version)
    )
    assert saved.status_code == 302

    refused = alice.post(
        change_url(release),
        form_data(
            release, title="Alice's title", summary="Alice's summary", locking_version=alice_version
        ),
    )
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors()
    text = " ".join(errors)
    assert "Someone else saved “Bob's title” after you opened it" in text
    assert "Saved by bob on" in text
    assert "Fields they changed: title [en]." in text
    # Nothing of Alice's is lost, and nothing of hers was saved.
    assert "Alice&#x27;s title" in refused.text and "Alice&#x27;s summary" in refused.text
    assert NewsRelease.objects.get().title == "Bob's title"
    assert 'name="locking_override"' in refused.text and 'type="checkbox"' in refused.text


def test_saving_anyway_after_seeing_the_conflict_replaces_their_changes(alice, bob):
    release = fresh_release("Original title")
    alice_version = opened(alice, change_url(release))
    bob_version = opened(bob, change_url(release))
    bob.post(
        change_url(release), form_data(release, title="Bob's title", locking_version=bob_version)
    )
    data = form_data(release, title="Alice's title", locking_version=alice_version)
    refused = alice.post(change_url(release), data)
    seen = refused.context["adminform"].form["locking_seen"].value()
    assert seen and seen != alice_version

    again = alice.post(change_url(release), {**data, "locking_seen": seen})  # box not ticked
    assert again.status_code == 200
    saved = alice.post(
        change_url(release), {**data, "locking_seen": seen, "locking_override": "on"}
    )
    assert saved.status_code == 302
    release = NewsRelease.objects.get()
    assert release.title == "Alice's title"
    # The lock's fields are no change of the release's own.
    reason = release.history.first().history_change_reason
    assert reason.startswith("Changed: Title (English)") and "Save anyway" not in reason


def test_saving_anyway_is_refused_when_it_changed_again_since(alice, bob):
    release = fresh_release("Original title")
    alice_version = opened(alice, change_url(release))
    bob.post(
        change_url(release),
        form_data(release, title="Bob 1", locking_version=opened(bob, change_url(release))),
    )
    data = form_data(release, title="Alice's title", locking_version=alice_version)
    seen = alice.post(change_url(release), data).context["adminform"].form["locking_seen"].value()
    bob.post(
        change_url(release),
        form_data(release, title="Bob 2", locking_version=opened(bob, change_url(release))),
    )

    refused = alice.post(
        change_url(release), {**data, "locking_seen": seen, "locking_override": "on"}
    )
    assert refused.status_code == 200
    assert NewsRelease.objects.get().title == "Bob 2"


def test_saves_one_after_the_other_are_not_conflicts(alice):
    release = fresh_release("Original title")
    for title in ["First", "Second"]:
        version = opened(alice, change_url(release))
        response = alice.post(
            change_url(release), form_data(release, title=title, locking_version=version)
        )
        assert response.status_code == 302
    assert NewsRelease.objects.get().title == "Second"


def test_a_version_from_the_history_is_restored_over_the_current_one(alice):
    release = fresh_release("Old title")
    version = opened(alice, change_url(release))
    alice.post(change_url(release), form_data(release, title="New title", locking_version=version))
    old = release.history.order_by("history_id").first()
    url = reverse("admin:news_newsrelease_simple_history", args=[release.pk, old.history_id])
    restoring = alice.get(url).context["adminform"].form["locking_version"].value()
    assert restoring == NewsRelease.objects.get().updated_at.isoformat()


def test_institutions_are_locked_by_their_stored_values(django_user_model):
    manager = make_group_member(django_user_model, "manager", "Partner managers")
    first, second = client_of(manager), client_of(manager)
    institution = make_institution()
    url = reverse("admin:partners_institution_change", args=[institution.pk])
    first_version, second_version = opened(first, url), opened(second, url)
    slug = {"slug": institution.slug}
    saved = first.post(
        url, institution_form({}, city="Irkutsk", locking_version=first_version, **slug)
    )
    assert saved.status_code == 302
    refused = second.post(
        url, institution_form({}, city="Angarsk", locking_version=second_version, **slug)
    )
    assert refused.status_code == 200
    assert "Someone else saved “Irkutsk National Research" in refused.text
    # The first save also looked up Irkutsk's coordinates, which this form lacks.
    assert (
        "Your form differs from the saved version in: City (English), Latitude, Longitude."
        in refused.text
    )
    assert Institution.objects.get().city == "Irkutsk"
