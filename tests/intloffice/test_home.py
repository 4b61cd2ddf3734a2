"""The home page: the pinned or newest release leads with its cover, then the latest
news, deadlines and partners, each block left out when it has nothing to show."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile

from core.images import clean_image
from tests.core.sample_images import image_bytes
from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution

pytestmark = pytest.mark.django_db


def headings(html, level):
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


def picture(image_format="JPEG", size=(1300, 700)):
    extension = image_format.lower()
    return clean_image(ContentFile(image_bytes(image_format, size=size), name=f"a.{extension}"))


def test_an_empty_site_has_one_heading_of_its_own_and_says_there_is_no_news_yet(client):
    html = client.get("/").text

    assert len(headings(html, 1)) == 1
    assert 'class="visually-hidden">' in re.search(r"<h1[^>]*>", html).group(0) + ">"
    assert headings(html, 2) == ["Latest news"]
    assert "No news yet." in html
    assert "Most read" not in html


def test_a_site_whose_news_was_never_read_shows_no_empty_most_read_block(client, now):
    for days in (400, 500, 600):
        make_news_release(title=f"News of {days} days ago", release_time=now - timedelta(days=days))
    make_institution()

    html = client.get("/").text

    assert "Most read" not in html
    assert headings(html, 2) == ["News of 400 days ago", "Latest news", "Partner institutions"]
    assert "No news yet." not in html


def test_the_pinned_release_leads_before_newer_ones(client, now):
    make_news_release(title="Newest", release_time=now - timedelta(hours=1))
    make_news_release(
        title="Pinned", release_time=now - timedelta(days=30), pinned_until=now + timedelta(days=3)
    )

    html = client.get("/").text

    lead = re.search(r'<article class="lead-release[^"]*".*?</article>', html, re.S).group(0)
    assert headings(lead, 2) == ["Pinned"]
    assert headings(html, 3)[0] == "Newest"


def test_the_lead_cover_is_fetched_first_and_the_card_pictures_lazily(client, now):
    make_news_release(title="Lead", cover=picture())
    make_news_release(title="Older", cover=picture(), release_time=now - timedelta(days=2))
    make_institution(logo=picture("PNG", size=(480, 480)))

    images = re.findall(r"<img [^>]*>", client.get("/").text)

    assert len(images) == 3
    assert 'fetchpriority="high"' in images[0]
    assert all('loading="lazy"' in image for image in images[1:])
    assert all(
        "srcset=" in image and 'width="' in image and 'height="' in image for image in images
    )


def test_the_contact_details_are_shown_once_in_the_footer(client, office):
    html = client.get("/").text

    assert html.count(office.telephone) == 1
    assert "Contact us" not in html


def test_the_home_page_with_six_pictures_costs_eight_queries_then_none_from_the_page_cache(
    client, now, django_assert_num_queries
):
    for day in range(6):
        make_news_release(
            title=f"Day {day}", release_time=now - timedelta(days=day), cover=picture()
        )
    for number in range(6):
        make_institution(name=f"University {number}", logo=picture("PNG", size=(480, 480)))

    # Nothing was read: one more query finds that nothing ever was (no block at all).
    with django_assert_num_queries(8):
        client.get("/")
    with django_assert_num_queries(0):
        assert "University 5" in client.get("/").text
