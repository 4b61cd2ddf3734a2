"""`{% responsive_image %}`: an <img> over every rendition a field makes, with its
size always set and lazy loading unless it is the picture at the top of a page."""

import re

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template

from core.images import clean_image
from news.models import NewsRelease
from tests.news.conftest import make_news_release

from .sample_images import image_bytes

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def release_with_cover(size=(1300, 700), **fields):
    release = make_news_release(**fields)
    release.cover = clean_image(ContentFile(image_bytes("JPEG", size=size), name="cover.jpg"))
    release.save()
    return NewsRelease.objects.get(pk=release.pk)


def attribute(html, name):
    match = re.search(rf'\s{name}="([^"]*)"', html)
    return match and match.group(1)


def test_an_image_offers_every_width_the_field_makes_with_its_size_set():
    release = release_with_cover(cover_alt="Two rectors sign the memorandum")

    html = render(
        '{% responsive_image release.cover alt=release.cover_alt sizes="20rem" %}', release=release
    )

    widths = [int(width) for width in re.findall(r" (\d+)w", attribute(html, "srcset"))]
    assert widths == [480, 960, 1200]
    assert attribute(html, "sizes") == "20rem"
    assert (attribute(html, "width"), attribute(html, "height")) == ("480", "258")
    assert attribute(html, "alt") == "Two rectors sign the memorandum"
    assert attribute(html, "loading") == "lazy"
    assert attribute(html, "decoding") == "async"
    assert attribute(html, "fetchpriority") is None


def test_the_image_at_the_top_of_a_page_is_fetched_first_and_not_lazily():
    release = release_with_cover()

    html = render("{% responsive_image release.cover eager=True %}", release=release)

    assert attribute(html, "fetchpriority") == "high"
    assert attribute(html, "loading") is None
    assert attribute(html, "alt") == ""


def test_a_small_original_is_offered_once_at_its_own_width():
    release = release_with_cover(size=(600, 400))

    html = render("{% responsive_image release.cover %}", release=release)

    assert attribute(html, "srcset").count(" 600w") == 1
    assert (attribute(html, "width"), attribute(html, "height")) == ("480", "320")


def test_no_image_renders_nothing():
    assert render("{% responsive_image release.cover %}", release=make_news_release()) == ""


def test_the_tag_makes_no_database_queries(django_assert_num_queries):
    release = release_with_cover()
    with django_assert_num_queries(0):
        render("{% responsive_image release.cover %}", release=release)


def test_news_cards_and_the_release_page_show_responsive_covers(client):
    release = release_with_cover()

    card = re.search(r"<img [^>]*>", client.get("/news/").text).group(0)
    cover = re.search(
        r'<figure class="cover"><img [^>]*>', client.get(release.get_absolute_url()).text
    ).group(0)

    assert attribute(card, "srcset") and attribute(card, "loading") == "lazy"
    assert attribute(cover, "srcset") and attribute(cover, "fetchpriority") == "high"
    assert attribute(card, "width") and attribute(cover, "height")
