"""An institution's page: its facts, rankings, agreements and news, its query count and
its Unicode slugs; the sitemap and the navigation."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsRelease
from partners.models import FormerName
from tests import sitemap
from tests.news.conftest import make_news_release

from .conftest import DIRECTORY, make_agreement, make_institution, make_ranking

pytestmark = pytest.mark.django_db


# The detail page


def test_detail_page_shows_the_facts_rankings_and_agreements(client, irkutsk, systems):
    irkutsk.website = "https://www.istu.edu/eng/"
    irkutsk.description = "<p>A <strong>technical</strong> university.</p>"
    irkutsk.strengths = "Geological prospecting\nAerospace\nClean energy"
    irkutsk.save()
    response = client.get(irkutsk.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "<h1>Irkutsk National Research Technical University</h1>" in text
    assert "Иркутский национальный исследовательский технический университет" in text
    assert "Irkutsk State University of Technology" in text
    assert "<dd>1930</dd>" in text
    assert '<a href="/partners/?country=RU">Russia</a>' in text
    assert 'href="https://www.istu.edu/eng/"' in text
    assert "<p>A <strong>technical</strong> university.</p>" in text
    assert "<li>Aerospace</li>" in text
    rows = text.split("<tbody>")[1].split("</tbody>")[0]
    assert "<td>THE World University Rankings</td>" in rows
    assert "<td>301–350</td>" in rows
    assert "<td>World</td>" in rows
    assert "<td>31</td>" in rows
    assert "<td>National</td>" in rows
    assert rows.index("THE World University Rankings") < rows.index("RAEX-100"), "world first"
    assert "Memorandum of cooperation" in text
    assert "In force" in text
    assert 'datetime="2021-05-26"' in text
    assert "<li>Polymer materials and engineering</li>" in text
    assert "<li>Aircraft manufacturing engineering</li>" in text
    assert "Guo Xinwei; Savkin" in text


def test_detail_page_lists_only_published_news_mentioning_the_institution_newest_first(
    client, irkutsk
):
    now = timezone.now()
    older = make_news_release(title="Older news", release_time=now - datetime.timedelta(days=9))
    newer = make_news_release(title="Newer news", release_time=now - datetime.timedelta(days=1))
    draft = make_news_release(title="Draft news", status=NewsRelease.Status.DRAFT)
    scheduled = make_news_release(
        title="Scheduled news", release_time=now + datetime.timedelta(minutes=1)
    )
    unrelated = make_news_release(title="Unrelated news")
    for release in (older, newer, draft, scheduled):
        release.partners.add(irkutsk)

    response = client.get(irkutsk.get_absolute_url())
    assert [release.title for release in response.context["news_releases"]] == [
        "Newer news",
        "Older news",
    ]
    news = response.text.split('id="news-heading"')[1]
    assert f'href="{newer.get_absolute_url()}"' in news
    assert news.index("Newer news") < news.index("Older news")
    for hidden in (draft, scheduled, unrelated):
        assert hidden.title not in response.text


def test_detail_page_says_when_no_news_mentions_the_institution(client, irkutsk):
    response = client.get(irkutsk.get_absolute_url())
    assert "No news releases mention this institution yet." in response.text


@pytest.mark.parametrize("size", [1, 10])
def test_detail_page_takes_the_same_number_of_queries_whatever_the_data_size(
    client, systems, office, django_assert_max_num_queries, size
):
    institution = make_institution(successor=make_institution(name="Successor University"))
    for number in range(size):
        FormerName.objects.create(institution=institution, name=f"Old name {number}")
        make_institution(name=f"Predecessor {number}", successor=institution)
        make_ranking(institution, systems["THE"], year=2010 + number)
        make_ranking(institution, systems["RAEX"], year=2010 + number, rank_from=number + 1)
        make_agreement(institution, signed_on=datetime.date(2010 + number, 1, 1))
        make_news_release(title=f"News {number}").partners.add(institution)
    # The office, the menu of pages, the institution (with its successor), its former
    # names, predecessors, rankings, agreements (and their public documents and
    # cooperation conditions) and news releases.
    with django_assert_max_num_queries(10):
        response = client.get(institution.get_absolute_url())
    assert len(response.context["news_releases"]) == size


def test_detail_page_answers_to_a_chinese_or_cyrillic_slug(client, db):
    institution = make_institution(name="滨州 Партнёр")
    assert client.get(institution.get_absolute_url()).status_code == 200
    assert client.get("/partners/滨州-партнёр/").status_code == 200


def test_detail_page_of_an_unknown_slug_is_not_found(client, db):
    assert client.get("/partners/no-such-institution/").status_code == 404


def test_partners_are_in_the_sitemap(client, irkutsk):
    text = sitemap.all_text(client)
    assert f"http://testserver{irkutsk.get_absolute_url()}</loc>" in text
    assert "http://testserver/partners/</loc>" in text


@pytest.mark.parametrize(
    "url", [DIRECTORY, "/partners/irkutsk-national-research-technical-university/"]
)
def test_navigation_marks_the_partners_link_as_current_on_partner_pages(client, irkutsk, url):
    response = client.get(url)
    assert '<a href="/partners/" aria-current="page">Partners</a>' in response.text


def test_navigation_does_not_mark_partners_as_current_elsewhere(client, db):
    assert '<a href="/partners/">Partners</a>' in client.get("/").text
