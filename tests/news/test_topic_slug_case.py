"""Two topics whose slugs differ only in case would be two addresses a reader cannot
tell apart (?topic=Scholarships and ?topic=scholarships): the second is refused."""

import pytest
from django.urls import reverse

from news.models import Topic

pytestmark = pytest.mark.django_db


def test_a_topic_slug_differing_only_in_case_is_refused_and_nothing_saved(admin_client):
    Topic.objects.create(slug="scholarships", name_en="Scholarships")
    response = admin_client.post(
        reverse("admin:news_topic_add"),
        {"name_en": "Grants", "slug": "Scholarships", "order": "1"},
    )
    assert response.status_code == 200
    assert "Another topic already has this slug." in response.text
    assert list(Topic.objects.values_list("slug", flat=True)) == ["scholarships"]
