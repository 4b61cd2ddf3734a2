"""Where an opportunity stands in time, and what the public may see of it."""

from programmes.models import ApplicationWindow, Opportunity

from .conftest import make_opportunity


def titles(queryset):
    return sorted(opportunity.title for opportunity in queryset)


def test_open_upcoming_and_closed_follow_the_windows_relative_to_now(states):
    assert titles(Opportunity.objects.open()) == ["Open now"]
    assert titles(Opportunity.objects.upcoming()) == ["Opens later"]
    assert titles(Opportunity.objects.current()) == ["Open now", "Opens later"]
    assert titles(Opportunity.objects.closed()) == ["Closed one", "No windows"]


def test_drafts_and_scheduled_opportunities_are_never_published(states):
    public = titles(Opportunity.objects.published())
    assert "Secret draft" not in public
    assert "Secret scheduled" not in public
    assert len(public) == 4


def test_an_opportunity_open_now_with_a_later_window_too_is_open_not_upcoming(db, at):
    make_opportunity([(at(-1), at(3)), (at(30), at(60))], title="Both")
    assert titles(Opportunity.objects.open()) == ["Both"]
    assert titles(Opportunity.objects.upcoming()) == []


def test_window_state_names_the_window_that_matters(states, at):
    state, window = states["open"].window_state()
    assert state == "open"
    assert window.closes_at > at(9)
    assert states["upcoming"].window_state()[0] == "upcoming"
    assert states["closed"].window_state() == ("closed", None)


def test_next_deadlines_are_the_soonest_open_windows_of_published_opportunities(db, at):
    later = make_opportunity([(at(-1), at(9))], title="Later")
    sooner = make_opportunity([(at(-1), at(2))], title="Sooner")
    make_opportunity([(at(-9), at(-1))], title="Past")
    make_opportunity([(at(1), at(3))], title="Not open yet")
    make_opportunity([(at(-1), at(1))], title="Draft", status=Opportunity.Status.DRAFT)
    deadlines = list(ApplicationWindow.objects.next_deadlines(5))
    assert [window.opportunity for window in deadlines] == [sooner, later]
    assert [w.opportunity for w in ApplicationWindow.objects.next_deadlines(1)] == [sooner]


def test_slugs_are_made_per_language_and_never_clash(db):
    first = make_opportunity(title="Summer school", title_ru="Летняя школа")
    second = make_opportunity(title="Summer school")
    assert first.slug_en == "summer-school"
    assert first.slug_ru == "летняя-школа"
    assert second.slug_en == "summer-school-2"
    assert make_opportunity(title="Archive").slug_en == "archive-2"


def test_a_window_edit_moves_its_sequence_and_a_save_without_change_does_not(db, at):
    window = make_opportunity([(at(1), at(5))]).windows.get()
    window.save()
    assert window.sequence == 0
    window = ApplicationWindow.objects.get()
    window.closes_at = at(6)
    window.save()
    window.refresh_from_db()
    assert window.sequence == 1
