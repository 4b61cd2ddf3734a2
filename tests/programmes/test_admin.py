"""Staff edit opportunities and their windows in the admin."""

import pytest

from programmes.models import ApplicationWindow, Opportunity

ADD = "/admin/programmes/opportunity/add/"


def form_data(**windows):
    data = {
        "title_en": "Exchange semester in Kazan",
        "kind": "exchange",
        "level": "bachelor",
        "status": "published",
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "windows-TOTAL_FORMS": "1",
        "windows-INITIAL_FORMS": "0",
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "1000",
        "windows-0-label_en": "Spring intake",
    }
    data.update({f"windows-0-{name}": value for name, value in windows.items()})
    return data


def test_a_window_closing_before_it_opens_is_refused_and_nothing_is_saved(admin_client):
    response = admin_client.post(
        ADD,
        form_data(
            opens_at_0="2027-03-01",
            opens_at_1="09:00",
            closes_at_0="2027-02-01",
            closes_at_1="23:59",
        ),
    )
    assert response.status_code == 200
    assert "The deadline must be after the opening time." in response.text
    assert not Opportunity.objects.exists()
    assert not ApplicationWindow.objects.exists()


def test_times_typed_in_the_admin_are_office_times(admin_client):
    response = admin_client.post(
        ADD,
        form_data(
            opens_at_0="2027-02-01",
            opens_at_1="09:00",
            closes_at_0="2027-03-15",
            closes_at_1="23:59",
        ),
    )
    assert response.status_code == 302
    window = ApplicationWindow.objects.get()
    assert window.closes_at.isoformat() == "2027-03-15T15:59:00+00:00"
    opportunity = Opportunity.objects.get()
    assert opportunity.history.count() == 1
    assert opportunity.created_by.username == "admin"


@pytest.mark.parametrize("applications", ["open", "upcoming", "closed"])
def test_the_changelist_filters_by_window_state(admin_client, states, applications):
    response = admin_client.get(f"/admin/programmes/opportunity/?applications={applications}")
    assert response.status_code == 200
    listed = {opportunity.title for opportunity in response.context["cl"].result_list}
    expected = {
        "open": {"Open now", "Secret draft", "Secret scheduled"},
        "upcoming": {"Opens later"},
        "closed": {"Closed one", "No windows"},
    }
    assert listed == expected[applications]


def test_a_reserved_slug_is_refused(admin_client):
    data = form_data()
    data["slug_en"] = "archive"
    response = admin_client.post(ADD, data)
    assert "This address is taken by the site" in response.text
    assert not Opportunity.objects.exists()


def change_data(opportunity, **overrides):
    """The change form's data for an opportunity with one window, as the admin sends it."""
    window = opportunity.windows.get()
    data = form_data(
        id=str(window.pk),
        opportunity=str(opportunity.pk),
        opens_at_0="2027-02-01",
        opens_at_1="09:00",
        closes_at_0="2027-03-15",
        closes_at_1="23:59",
    )
    data["windows-INITIAL_FORMS"] = "1"
    data["title_en"] = opportunity.title_en
    data.update(overrides)
    return data


def test_an_edit_over_a_newer_version_is_refused_and_history_names_the_change(admin_client, db, at):
    from .conftest import make_opportunity

    opportunity = make_opportunity([(at(1), at(5))])
    url = f"/admin/programmes/opportunity/{opportunity.pk}/change/"
    version = admin_client.get(url).context["adminform"].form["locking_version"].value()

    saved = admin_client.post(url, change_data(opportunity, locking_version=version, places="7"))
    assert saved.status_code == 302
    refused = admin_client.post(url, change_data(opportunity, locking_version=version, places="9"))
    assert refused.status_code == 200
    assert "after you opened it" in " ".join(refused.context["adminform"].form.non_field_errors())
    opportunity.refresh_from_db()
    assert opportunity.places == 7

    history = admin_client.get(f"{url.removesuffix('change/')}history/")
    assert history.status_code == 200
    assert "Places" in history.text or "places" in history.text
