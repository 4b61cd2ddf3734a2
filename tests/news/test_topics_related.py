"""A release page's related releases: those sharing the most topics or partners
first, then the newest; never the release itself or one the public may not see;
found with the same number of queries whatever the number of topics and partners."""

from datetime import timedelta

import pytest
from django.db import connection

from core.pagecache import page_cache
from news.models import NewsRelease, Topic
from news.models.querysets import RELATED_WINDOW
from tests.counting import counting_statements
from tests.partners.conftest import make_institution

from .conftest import make_news_release, visit

pytestmark = pytest.mark.django_db


def topics(count):
    return [Topic.objects.create(slug=f"topic-{n}", name_en=f"Topic {n}") for n in range(count)]


def partners(count):
    return [make_institution(name=f"University {n}", slug=f"university-{n}") for n in range(count)]


def release_with(title, topic_list=(), partner_list=(), **fields):
    release = make_news_release(title=title, **fields)
    release.topics.set(topic_list)
    release.partners.set(partner_list)
    return release


def related_titles(client, release):
    response = visit(client, release)
    assert response.status_code == 200
    return [other.title for other in response.context["related"]]


def test_most_shared_first_then_newest_topics_and_partners_alike(client, now):
    a, b, c = topics(3)
    (irkutsk,) = partners(1)
    this = release_with("This", [a, b], [irkutsk])
    release_with("Shares one topic, newest", [a], release_time=now - timedelta(minutes=5))
    release_with("Shares one topic, older", [b], release_time=now - timedelta(days=9))
    release_with(
        "Shares two topics and the partner",
        [c, a, b],
        [irkutsk],
        release_time=now - timedelta(days=30),
    )
    release_with("Shares two topics", [a, b], release_time=now - timedelta(days=20))
    release_with("Shares the partner, newer", [], [irkutsk], release_time=now - timedelta(days=25))
    release_with("Shares the partner, oldest", [], [irkutsk], release_time=now - timedelta(days=40))
    release_with("Shares nothing", [c])
    assert related_titles(client, this) == [
        "Shares two topics and the partner",
        "Shares two topics",
        "Shares one topic, newest",
        "Shares one topic, older",
    ]
    # With one topic gone, a topic and the partner (two) come before one; ties go to
    # the newest.
    Topic.objects.filter(pk=b.pk).delete()
    assert related_titles(client, this)[:3] == [
        "Shares two topics and the partner",
        "Shares one topic, newest",
        "Shares two topics",
    ]


def test_never_itself_nor_a_release_the_public_may_not_see(client, now):
    (a,) = topics(1)
    this = release_with("This", [a])
    release_with("Draft", [a], status=NewsRelease.Status.DRAFT)
    release_with("Scheduled", [a], release_time=now + timedelta(days=1))
    release_with(
        "Archived", [a], release_time=now - timedelta(days=3), expires_at=now - timedelta(days=1)
    )
    release_with("Public", [a])
    assert related_titles(client, this) == ["Public"]


def test_a_release_without_topics_or_partners_has_no_related_block(client):
    this = release_with("This")
    release_with("Other")
    response = visit(client, this)
    assert response.context["related"] == []
    assert "Related releases" not in response.text


def test_the_block_links_the_related_releases(client):
    (a,) = topics(1)
    this = release_with("This", [a])
    other = release_with("Other", [a])
    html = visit(client, this).text
    assert '<h2 id="related-heading">Related releases</h2>' in html
    assert f'<a href="{other.get_absolute_url()}">Other</a>' in html


@pytest.mark.parametrize("links", [1, 10])
def test_the_release_page_takes_the_same_queries_whatever_its_topics_and_partners(
    client, django_assert_num_queries, links
):
    topic_list, partner_list = topics(links), partners(links)
    this = release_with("This", topic_list, partner_list)
    for n in range(6):
        release_with(f"Other {n}", topic_list[: n % links + 1], partner_list[:1])
    client.get("/")
    # The count's UPDATE and the day's upsert, the release, its partners, its topics,
    # its public documents, its neighbours and the related releases (one query for any
    # number of topics and partners).
    with django_assert_num_queries(6 + len(counting_statements())):
        assert len(visit(client, this).context["related"]) == 4
    # The related releases are kept for the content version: the page rendered
    # again (its cached copy gone) does not look them up again.
    page_cache.clear()
    client.cookies.clear()  # a visit that counts again
    with django_assert_num_queries(5 + len(counting_statements())):
        assert len(visit(client, this).context["related"]) == 4


def test_an_edit_renews_the_related_releases(client):
    (a,) = topics(1)
    this = release_with("This", [a])
    other = release_with("Other", [a])
    assert related_titles(client, this) == ["Other"]
    other.topics.clear()
    assert related_titles(client, this) == []


def fillers(times, prefix="filler", **fields):
    """Releases sharing nothing, at `times`: they only take places in time."""
    NewsRelease.objects.bulk_create(
        NewsRelease(
            title=f"Filler {n}",
            slug=f"{prefix}-{n}-{fields.get('status', 'p')}",
            body="<p>Filler.</p>",
            release_time=time,
            status=fields.get("status", NewsRelease.Status.PUBLISHED),
        )
        for n, time in enumerate(times)
    )


def test_only_the_releases_nearest_in_time_are_candidates(client, now):
    """The intended trade-off that bounds the query: the candidates are the
    RELATED_WINDOW public releases before this one and as many after it; one further
    away is never related, however much it shares."""
    a, b = topics(2)
    base = now - timedelta(days=100)
    minutes = [base + timedelta(minutes=n) for n in range(-2 * RELATED_WINDOW, RELATED_WINDOW + 2)]
    this = release_with("This", [a, b], release_time=base)
    # Just inside the window on both sides, and just outside it.
    release_with("Last inside, after", [a], release_time=minutes[-2])
    release_with("Last inside, before", [b], release_time=minutes[RELATED_WINDOW])
    release_with("Just outside, after", [a, b], release_time=minutes[-1])
    release_with("Just outside, before", [a, b], release_time=minutes[RELATED_WINDOW - 1])
    release_with("Far away", [a, b], release_time=base - timedelta(days=30))
    fillers(minutes[RELATED_WINDOW + 1 : 2 * RELATED_WINDOW])  # 199 before
    fillers(minutes[2 * RELATED_WINDOW + 1 : -2])  # 199 after
    # Releases the public may not see take no place in the window.
    fillers([base + timedelta(seconds=n + 1) for n in range(50)], status=NewsRelease.Status.DRAFT)
    assert related_titles(client, this) == ["Last inside, after", "Last inside, before"]


def sqlite_steps(work):
    """How many hundreds of instructions SQLite's engine runs for `work`."""
    steps = 0

    def count():
        nonlocal steps
        steps += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 100)
    try:
        work()
    finally:
        connection.connection.set_progress_handler(None, 100)
    return steps


def test_an_old_release_costs_no_more_with_many_newer_ones(now):
    """Its related releases and its neighbours are found by walking the index from the
    release itself, not from the newest release down to it."""
    if connection.vendor != "sqlite":
        pytest.skip("counts SQLite's instructions")
    (a,) = topics(1)
    old = release_with("Old", [a], release_time=now - timedelta(days=400))
    release_with("Mate", [a], release_time=now - timedelta(days=401))

    def work():
        published = NewsRelease.objects.published()
        assert [other.title for other in published.related_to(old, [a.pk], [])] == ["Mate"]
        assert len(published.neighbours_of(old)) == 2

    # More than the related releases' window of newer releases, then many more.
    fillers([now - timedelta(days=300, minutes=n) for n in range(2 * RELATED_WINDOW)])
    few_newer = sqlite_steps(work)
    fillers([now - timedelta(days=200, minutes=n) for n in range(3000)], prefix="more")
    assert sqlite_steps(work) < few_newer * 1.2
