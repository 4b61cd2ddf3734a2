"""Who counts as a reader: every real browser of the site's audience, and no crawler,
unfurler, AI fetcher or script, over corpora of real User-Agents (tests/data/)."""

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


def user_agents(name):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


BROWSERS = user_agents("browser_user_agents.txt")
CRAWLERS = user_agents("crawler_user_agents.txt")


def views_after_visit(client, release, agent):
    response = client.get(release.get_absolute_url(), HTTP_USER_AGENT=agent)
    assert response.status_code == 200
    release.refresh_from_db()
    return release.view_count


@pytest.mark.parametrize("corpus", [BROWSERS, CRAWLERS], ids=["browsers", "crawlers"])
def test_each_corpus_holds_at_least_a_hundred_distinct_user_agents(corpus):
    assert len(corpus) >= 100
    assert len(set(corpus)) == len(corpus)


@pytest.mark.django_db
@pytest.mark.parametrize("agent", BROWSERS)
def test_a_visit_from_a_real_browser_counts(client, release, agent):
    assert views_after_visit(client, release, agent) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("agent", CRAWLERS)
def test_a_visit_from_a_crawler_unfurler_or_script_does_not_count(client, release, agent):
    assert views_after_visit(client, release, agent) == 0
