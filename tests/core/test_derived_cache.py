"""What is derived from the content and cached (core.pagecache.cached_for_this_version).

It belongs to a content version: a change of the content shows at once on the next
page, with every cache in place and nothing deleting entries on save, and an entry
of an old version is replaced, never left behind in a cache that drops nothing.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Office
from core.pagecache import cached_for_this_version, content_version, derived_key
from news.models import NewsRelease
from tests.conftest import in_default_language
from tests.news.conftest import make_news_release

BROWSER = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36"}


def footer(client, path="/news/"):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == 200
    return response.text.split('<footer class="site-footer">')[1]


def released_in(year):
    return make_news_release(release_time=timezone.make_aware(timezone.datetime(year, 6, 9)))


def test_the_value_is_computed_once_per_content_version(db):
    calls = []

    def compute():
        calls.append(content_version())
        return len(calls)

    assert cached_for_this_version("sample", compute) == 1
    assert cached_for_this_version("sample", compute) == 1
    Office.objects.create(name="Office")
    assert cached_for_this_version("sample", compute) == 2
    assert cached_for_this_version("sample", compute) == 2
    assert calls[0] != calls[1]


def test_an_old_version_entry_is_replaced_not_left_behind(db):
    cached_for_this_version("sample", lambda: "before")
    Office.objects.create(name="Office")
    cached_for_this_version("sample", lambda: "after")
    assert cache.get(derived_key("sample")) == (content_version(), "after")


def test_office_details_and_years_cost_no_query_while_nothing_changes(office):
    released_in(2021)
    assert Office.current() == office
    assert NewsRelease.objects.published_years() == [2021]
    with CaptureQueriesContext(connection) as queries:
        assert Office.current() == office
        assert NewsRelease.objects.published_years() == [2021]
    assert len(queries) == 0


def test_an_office_edit_in_the_admin_shows_at_once_to_visitors(staff_client, office):
    visitor = Client()
    assert "+86-543-3194976" in footer(visitor)
    assert Office.current().telephone == "+86-543-3194976"
    response = staff_client.post(
        f"/admin/core/office/{office.pk}/change/",
        in_default_language(
            {
                "name": office.name,
                "university": office.university,
                "address": office.address,
                "telephone": "+86-543-0000000",
                "email": office.email,
            }
        ),
    )
    assert response.status_code == 302, response.text
    assert "+86-543-0000000" in footer(visitor)
    assert "+86-543-0000000" in footer(visitor, "/")


def test_the_first_office_details_replace_the_placeholder_at_once(db):
    visitor = Client()
    assert Office.current().pk is None
    footer(visitor)
    Office.objects.create(name="Office of International Affairs", telephone="+86-543-1")
    assert "Office of International Affairs" in footer(visitor)
    assert Office.current().pk == 1


def test_deleted_office_details_leave_the_footer_at_once(office):
    visitor = Client()
    assert office.address in footer(visitor)
    office.delete()
    assert office.address not in footer(visitor)


@pytest.mark.parametrize("path", ["/news/", "/ru/news/"])
def test_a_release_in_a_new_year_shows_in_the_cached_archive_at_once(client, office, path):
    released_in(2021)
    assert client.get(path, headers=BROWSER).context["years"] == [2021]
    released_in(2024)
    response = client.get(path, headers=BROWSER)
    assert response.context["years"] == [2021, 2024]
    assert NewsRelease.objects.published_years() == [2021, 2024]


def test_a_deleted_release_takes_its_year_out_of_the_archive_at_once(client, office):
    released_in(2021)
    last_of_its_year = released_in(2024)
    assert client.get("/news/", headers=BROWSER).context["years"] == [2021, 2024]
    last_of_its_year.delete()
    assert client.get("/news/", headers=BROWSER).context["years"] == [2021]


def test_a_change_sets_a_new_version_again_when_it_is_committed(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Office.objects.create(name="Office")
        # A request here, before the commit, reads the old rows...
        cached_for_this_version("sample", lambda: "rows before the commit")
    # ...and what it cached is not taken for this version's.
    assert cached_for_this_version("sample", lambda: "committed rows") == "committed rows"
