"""The private Django APIs the code uses on purpose, pinned: if an upgrade of Django
removes one or changes its shape, these fail with a message naming it, rather than a
page failing somewhere with an AttributeError or a wrong result.

Checked against Django 6.1.3. Each user says so in the comment beside the call.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.paginator import Page, Paginator
from django.db.models import F
from django.db.models.sql import UpdateQuery

from news.models import NewsRelease
from tests.news.conftest import make_news_release


def test_an_update_query_still_compiles_with_the_returning_fields_it_is_given():
    # news.models.counting.counting_update
    field = NewsRelease._meta.get_field("view_count")
    update = NewsRelease.objects.filter(pk=1).query.chain(UpdateQuery)
    update.add_update_fields([(field, None, F("view_count") + 1)])
    compiler = update.get_compiler("default")
    compiler.returning_fields = [NewsRelease._meta.pk, field]
    sql, _params = compiler.as_sql()
    assert sql.startswith("UPDATE ") and " RETURNING " in sql and sql.endswith('"view_count"'), (
        f"An UpdateQuery's compiler now writes {sql!r}: see counting_update()"
    )


def test_paginator_still_hands_each_page_to_its_get_page_hook():
    # core.sitemaps.TranslatedPaginator
    calls = []

    class Recording(Paginator):
        def _get_page(self, object_list, number, paginator):
            calls.append((list(object_list), number, paginator))
            return super()._get_page(object_list, number, paginator)

    paginator = Recording(range(5), 2)
    page = paginator.page(2)
    assert calls == [([2, 3], 2, paginator)], (
        "Paginator.page() no longer calls _get_page(slice, number, paginator): "
        "see core.sitemaps.TranslatedPaginator"
    )
    assert isinstance(page, Page) and list(page) == [2, 3]


@pytest.mark.django_db
def test_a_field_file_still_says_whether_it_is_stored_yet():
    # core.images.fields.RasterImageField.pre_save
    release = make_news_release()
    assert release.cover._committed is True, "FieldFile._committed: see RasterImageField"
    release.cover = ContentFile(b"not stored yet", name="cover.jpg")
    assert release.cover._committed is False, "FieldFile._committed: see RasterImageField"
