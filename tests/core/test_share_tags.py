"""Link-preview tags (OpenGraph, Twitter cards) on the three page types that are shared:
a release, a partner institution and an office page, in each language."""

import io
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from tests.core.sample_images import image_bytes
from tests.news.conftest import make_news_release
from tests.pages.conftest import make_page
from tests.partners.conftest import make_institution

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
LOCALES = {"en": "en_US", "zh-hans": "zh_CN", "ru": "ru_RU"}


class MetaTags(HTMLParser):
    """Every <meta property|name=... content=...> of a page, as a dict of lists."""

    def __init__(self):
        super().__init__()
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            self.tags.setdefault(key, []).append(attrs.get("content"))


def meta_of(response):
    assert response.status_code == 200
    parser = MetaTags()
    parser.feed(response.content.decode())
    return parser.tags


def one(tags, key):
    (value,) = tags[key]
    return value


def address_in(language, item):
    with translation.override(language):
        return item.get_absolute_url()


def stored_image(name, content):
    return default_storage.save(name, ContentFile(content))


def image_format_behind(url):
    """The format Pillow reads in the bytes that `url` (absolute, ours) names."""
    path = urlsplit(url).path
    if path.startswith(settings.MEDIA_URL):
        with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as file:
            content = file.read()
    else:
        with open(finders.find(path.removeprefix(settings.STATIC_URL)), "rb") as file:
            content = file.read()
    with Image.open(io.BytesIO(content)) as image:
        return image.format, image.size


def translated_release(**overrides):
    return make_news_release(
        title_en="Exchange week",
        title_ru="Неделя обмена",
        body_en="<p>Week.</p>",
        body_ru="<p>Неделя.</p>",
        summary_en="A week of exchange.",
        summary_ru="Неделя обмена студентами.",
        **overrides,
    )


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_a_release_has_complete_article_tags_in_each_language(client, office, language):
    release = translated_release()
    url = HOST + address_in(language, release)

    tags = meta_of(client.get(url))

    assert one(tags, "og:type") == "article"
    assert one(tags, "og:url") == url
    assert one(tags, "og:site_name") == office.name
    assert one(tags, "og:locale") == LOCALES[language]
    # It is written in English and Russian, not in Chinese.
    expected_alternates = {"en_US", "ru_RU"} - {LOCALES[language]}
    assert set(tags["og:locale:alternate"]) == expected_alternates
    title = {"ru": "Неделя обмена"}.get(language, "Exchange week")
    description = {"ru": "Неделя обмена студентами."}.get(language, "A week of exchange.")
    assert one(tags, "og:title") == one(tags, "twitter:title") == title
    assert one(tags, "og:description") == one(tags, "twitter:description") == description
    published = datetime.fromisoformat(one(tags, "article:published_time"))
    assert published == release.release_time
    modified = datetime.fromisoformat(one(tags, "article:modified_time"))
    assert modified == release.updated_at


def test_a_release_in_one_language_names_no_alternate_locale(client):
    release = make_news_release()

    tags = meta_of(client.get(release.get_absolute_url()))

    assert one(tags, "og:locale") == "en_US"
    assert "og:locale:alternate" not in tags


def test_a_release_cover_is_shared_as_a_1200_pixel_jpeg(client):
    cover = stored_image("news/covers/cover.png", image_bytes("PNG", size=(2400, 1260)))
    release = make_news_release(cover=cover, cover_alt_en="Students on the quad")

    tags = meta_of(client.get(release.get_absolute_url()))

    image_url = one(tags, "og:image")
    assert image_url.startswith(HOST + settings.MEDIA_URL)
    assert one(tags, "twitter:image") == image_url
    assert image_format_behind(image_url) == ("JPEG", (1200, 630))
    assert one(tags, "og:image:type") == "image/jpeg"
    assert (one(tags, "og:image:width"), one(tags, "og:image:height")) == ("1200", "630")
    assert one(tags, "og:image:alt") == "Students on the quad"
    assert one(tags, "twitter:card") == "summary_large_image"


def test_an_item_without_a_picture_is_shared_with_the_site_default_png(client, office):
    release = make_news_release()

    tags = meta_of(client.get(release.get_absolute_url()))

    image_url = one(tags, "og:image")
    assert image_url.startswith(HOST + settings.STATIC_URL)
    assert image_format_behind(image_url) == ("PNG", (1200, 630))
    assert (one(tags, "og:image:width"), one(tags, "og:image:height")) == ("1200", "630")
    assert one(tags, "og:image:alt") == office.name
    assert one(tags, "twitter:card") == "summary_large_image"


def test_a_release_preview_has_no_share_tags(news_editor_client):
    release = make_news_release(status="draft")

    tags = meta_of(news_editor_client.get(release.get_absolute_url()))

    assert "og:url" not in tags
    assert "og:image" not in tags


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_a_partner_page_has_complete_tags_with_its_logo_as_png(client, language):
    logo = stored_image("partners/logos/logo.png", image_bytes("PNG", (400, 400), "RGBA", "red"))
    institution = make_institution(
        name_ru="Иркутский технический университет",
        name_zh_hans="伊尔库茨克国立技术大学",
        logo=logo,
        description_en="<p>A <b>technical</b> university.</p>",
        description_ru="<p>Технический университет.</p>",
    )
    url = HOST + address_in(language, institution)

    tags = meta_of(client.get(url))

    assert one(tags, "og:type") == "website"
    assert one(tags, "og:url") == url
    assert one(tags, "og:locale") == LOCALES[language]
    # The Chinese version has its own name but no description of its own.
    expected_alternates = {"en_US", "ru_RU"} - {LOCALES[language]}
    assert set(tags.get("og:locale:alternate", [])) == expected_alternates
    with translation.override(language):
        institution.refresh_from_db()
        assert one(tags, "og:title") == institution.name
    assert "<" not in one(tags, "og:description")
    image_url = one(tags, "og:image")
    assert image_format_behind(image_url) == ("PNG", (400, 400))
    assert one(tags, "og:image:type") == "image/png"
    assert one(tags, "twitter:card") == "summary"
    assert "article:published_time" not in tags


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_an_office_page_has_complete_tags_in_each_language(client, language):
    page = make_page(title="Study with us", summary_en="How to come and study here.")
    url = HOST + address_in(language, page)

    tags = meta_of(client.get(url))

    assert one(tags, "og:type") == "website"
    assert one(tags, "og:url") == url
    assert one(tags, "og:locale") == LOCALES[language]
    assert set(tags["og:locale:alternate"]) == set(LOCALES.values()) - {LOCALES[language]}
    assert one(tags, "og:title") == one(tags, "twitter:title")
    assert one(tags, "og:description") == one(tags, "twitter:description")
    assert image_format_behind(one(tags, "og:image"))[0] == "PNG"


def test_an_office_page_cover_is_shared_as_a_jpeg(client):
    cover = stored_image("pages/covers/cover.webp", image_bytes("WEBP", size=(1600, 900)))
    page = make_page(title="Go abroad", cover=cover)

    tags = meta_of(client.get(page.get_absolute_url()))

    assert image_format_behind(one(tags, "og:image")) == ("JPEG", (1200, 675))


def test_a_partner_without_a_logo_is_shared_with_the_large_default_picture(client):
    institution = make_institution()

    tags = meta_of(client.get(institution.get_absolute_url()))

    assert image_format_behind(one(tags, "og:image")) == ("PNG", (1200, 630))
    assert one(tags, "twitter:card") == "summary_large_image"
