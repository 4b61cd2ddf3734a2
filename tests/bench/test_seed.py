"""The benchmark's seeding, at a tiny scale: the data it makes is what the site makes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.seed import seed
from core.languages import content_languages, localized_name
from core.sanitize import clean_html
from news.models import DailyViews, NewsRelease
from partners.models import Agreement, Institution, Ranking
from tests.counting import counting_statements

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"


@pytest.fixture
def seeded(db):
    return seed(30)


def test_seeding_makes_releases_and_proportional_partners(seeded):
    assert seeded["releases"] == 30
    assert seeded["institutions"] == 8
    assert Ranking.objects.exists()
    assert Agreement.objects.filter(institution__in=Institution.objects.all()).count() >= 8


def test_every_seeded_release_has_days_of_views_adding_up_to_its_count_within_a_year(seeded):
    today = timezone.localdate()
    days = dict(
        NewsRelease.objects.annotate(days=Sum("daily_views__views")).values_list("pk", "days")
    )
    totals = dict(NewsRelease.objects.values_list("pk", "view_count"))
    assert {pk: days[pk] or 0 for pk in totals} == totals
    assert sum(totals.values()) > 0
    assert not DailyViews.objects.filter(day__gt=today).exists()
    assert not DailyViews.objects.filter(day__lte=today - timedelta(days=365)).exists()


def stored_row(instance):
    """The instance's row as the database holds it, but for when it was last edited."""
    model = type(instance)
    fields = [f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
    return model.objects.filter(pk=instance.pk).values(*fields).get()


def row_saved_afresh(instance):
    """The row that save() stores for the same typed fields, its slugs made anew."""
    for language in content_languages():
        setattr(instance, localized_name("slug", language), None)
    instance.search_text = ""
    instance.save()
    return stored_row(instance)


@pytest.mark.parametrize("model", [NewsRelease, Institution])
def test_seeded_rows_are_what_save_stores(seeded, model):
    for instance in model.objects.all():
        seeded_row = stored_row(instance)
        assert seeded_row == row_saved_afresh(instance)
        assert seeded_row["slug"]
        assert seeded_row["search_text"]


def test_seeded_releases_are_searchable_and_clean(seeded):
    for release in NewsRelease.objects.all():
        assert release.search_title
        assert NewsRelease.objects.search(release.title).contains(release)
        assert release.body == clean_html(release.body)
        assert len(release.body.encode()) > 1000
        assert release.get_absolute_url()


def test_seeded_institutions_are_found_by_every_name_and_city(seeded):
    for institution in Institution.objects.all():
        for name in [institution.name, *institution.other_names_list, institution.city]:
            assert Institution.objects.search(name).contains(institution)


def test_seeding_mixes_languages_statuses_and_covers(seeded):
    titles = " ".join(NewsRelease.objects.values_list("title", flat=True))
    assert any("\u4e00" <= character <= "\u9fff" for character in titles)
    assert NewsRelease.objects.published().count() < 30
    assert NewsRelease.objects.exclude(cover="").exists()
    assert NewsRelease.objects.filter(partners__isnull=False).exists()


def page_query_counts(client, settings):
    """SQL queries of each page type: rendered afresh, and served again within the
    page cache's lifetime (as under load)."""
    release = NewsRelease.objects.published().filter(partners__isnull=False).first()
    institution = Institution.objects.filter(news_releases__isnull=False).first()
    paths = {
        "home": "/",
        "news_list": "/news/",
        "news_list_deep": "/news/?page=2",
        "news_search": "/news/?q=university",
        "news_detail": release.get_absolute_url(),
        "partner_list": "/partners/",
        "partner_detail": institution.get_absolute_url(),
        "feed": "/news/feed/",
    }
    counts = {}
    for name, path in paths.items():
        settings.PUBLIC_PAGE_SECONDS = 0
        client.get(path, headers={"user-agent": BROWSER})  # fills the office details' cache
        rendered = count_queries(client, path, name)
        settings.PUBLIC_PAGE_SECONDS = 5
        client.get(path, headers={"user-agent": BROWSER})
        counts[name] = (rendered, count_queries(client, path, name))
    return counts


def count_queries(client, path, name):
    # A reader of its own each time: a release's page counts a browser's visit once.
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, headers={"user-agent": BROWSER})
    assert response.status_code == 200, name
    return len(queries)


# (rendered afresh, served from the page cache); a release's page counts the visit even
# when cached: its UPDATE brings the live count back, and an upsert adds it to the day.
# A release's page reads its topics and its public documents; the directory its map's
# cities; a partner's page its former names, predecessors, its agreements' public
# documents and their cooperation conditions.
EXPECTED_QUERIES = {
    "home": (3, 0),  # the most read of the period is kept a minute
    "news_list": (2, 0),
    "news_list_deep": (2, 0),
    "news_search": (2, 0),
    "news_detail": (5 + len(counting_statements()), len(counting_statements())),
    "partner_list": (5, 0),
    "partner_detail": (8, 0),
    "feed": (1, 0),
}


def test_query_counts_are_fixed_and_do_not_grow_with_the_data(db, client, settings):
    seed(30)
    assert page_query_counts(client, settings) == EXPECTED_QUERIES
    NewsRelease.objects.all().delete()
    Institution.objects.all().delete()
    seed(90, random_seed=8)
    assert page_query_counts(client, settings) == EXPECTED_QUERIES
