"""Topics: the news list filtered by one, the admin's list and form, the history of a
release's topics, and the demo's topics."""

from datetime import timedelta

import pytest
from django.urls import reverse

from news.models import NewsRelease, Topic
from tests.i18n.conftest import make_release
from tests.i18n.test_history import edit

from .conftest import make_news_release

pytestmark = pytest.mark.django_db


def make_topic(slug, name=None, order=0, **names):
    return Topic.objects.create(slug=slug, name_en=name or slug.title(), order=order, **names)


@pytest.fixture
def scholarships():
    return make_topic("scholarships", "Scholarships", name_zh_hans="奖学金", name_ru="Стипендии")


@pytest.fixture
def visits():
    return make_topic("visits", "Visits", order=5)


def tagged(*topics, **fields):
    release = make_news_release(**fields)
    release.topics.set(topics)
    return release


def titles(response):
    return [release.title for release in response.context["page_obj"].object_list]


def test_the_list_filters_by_topic_and_says_which(client, scholarships, visits):
    tagged(scholarships, title="Scholarship session")
    tagged(visits, title="Kazan delegation")
    response = client.get("/news/?topic=scholarships")
    assert titles(response) == ["Scholarship session"]
    html = response.text
    assert "<h1>News: Scholarships</h1>" in html
    assert "<title>Scholarships · News" in html
    assert '<a href="?topic=scholarships" aria-current="page">Scholarships' in html
    assert "1 release on Scholarships." in html


def test_the_chips_list_topics_in_order_with_their_public_counts(client, scholarships, visits):
    tagged(scholarships, visits)
    tagged(visits)
    tagged(scholarships, status=NewsRelease.Status.DRAFT)
    make_topic("empty", "Nothing yet")
    html = client.get("/news/").text
    assert '<a href="?topic=scholarships">Scholarships <span class="topic-count">1</span>' in html
    assert '<a href="?topic=visits">Visits <span class="topic-count">2</span>' in html
    assert html.index("?topic=scholarships") < html.index("?topic=visits")
    assert "Nothing yet" not in html  # no public release: no chip


def test_the_chips_are_in_the_readers_language(client, scholarships):
    tagged(scholarships)
    html = client.get("/ru/news/?topic=scholarships").text
    assert "Стипендии" in html
    html = client.get("/zh-hans/news/").text
    assert "奖学金" in html


def test_an_unknown_topic_is_not_found(client, scholarships):
    assert client.get("/news/?topic=no-such-topic").status_code == 404
    assert client.get("/news/?topic=%E2%80%AE%00x").status_code in (400, 404)
    assert client.get("/news/feed/?topic=no-such-topic").status_code == 404
    assert client.get("/news/feed/?topic=%E2%80%AE%00x").status_code == 404


def test_a_topic_without_public_releases_shows_an_empty_list(client, scholarships):
    tagged(scholarships, status=NewsRelease.Status.DRAFT)
    response = client.get("/news/?topic=scholarships")
    assert response.status_code == 200
    assert "No news releases on this topic yet." in response.text


def test_topic_combines_with_year_and_search(client, scholarships, now):
    last_year = now - timedelta(days=400)
    tagged(scholarships, title="Scholarship memorandum", release_time=last_year)
    tagged(scholarships, title="Scholarship session", body="<p>Deadlines.</p>")
    tagged(title="Memorandum without topic")
    year = last_year.year
    assert titles(client.get(f"/news/?topic=scholarships&year={year}")) == [
        "Scholarship memorandum"
    ]
    assert titles(client.get("/news/?topic=scholarships&q=memorandum")) == [
        "Scholarship memorandum"
    ]
    html = client.get("/news/?topic=scholarships&q=memorandum").text
    # The search form keeps the topic, and the year links keep the search and topic.
    assert '<input type="hidden" name="topic" value="scholarships">' in html
    assert f'href="?q=memorandum&amp;topic=scholarships&amp;year={year}"' in html


def test_canonical_and_hreflang_keep_the_topic(client, scholarships):
    tagged(scholarships)
    html = client.get("/news/?topic=scholarships&utm_source=x").text
    assert '<link rel="canonical" href="http://testserver/news/?topic=scholarships">' in html
    assert 'hreflang="ru" href="http://testserver/ru/news/?topic=scholarships"' in html


def test_the_feed_takes_a_topic(client, scholarships):
    tagged(scholarships, title="Scholarship session")
    tagged(title="Other news")
    feed = client.get("/news/feed/?topic=scholarships").text
    assert "Scholarship session" in feed and "Other news" not in feed
    assert "news on Scholarships" in feed


def test_a_release_page_links_its_topics(client, scholarships):
    release = tagged(scholarships)
    html = client.get(release.get_absolute_url()).text
    assert '<a href="/news/?topic=scholarships">Scholarships</a>' in html


# The admin ---------------------------------------------------------------------------

TOPICS = reverse("admin:news_topic_changelist")
ADD_TOPIC = reverse("admin:news_topic_add")


def topic_form(**overrides):
    return {"name_en": "Summer schools", "slug": "summer-schools", "order": "10", **overrides}


def test_staff_add_a_topic_in_the_admin(news_editor_client):
    response = news_editor_client.post(ADD_TOPIC, topic_form(name_ru="Летние школы"))
    assert response.status_code == 302
    topic = Topic.objects.get(slug="summer-schools")
    assert (topic.name_en, topic.name_ru) == ("Summer schools", "Летние школы")
    assert [row.history_type for row in topic.history.all()] == ["+"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"slug": "scholarships"}, "Another topic already has this slug."),
        ({"name_en": "SCHOLARSHIPS"}, "Another topic already has this name."),
        ({"slug": "летние"}, "Enter a valid “slug”"),
        ({"name_en": ""}, "This field is required."),
    ],
)
def test_a_clashing_or_invalid_topic_is_refused_with_a_message(
    admin_client, scholarships, data, message
):
    response = admin_client.post(ADD_TOPIC, topic_form(**data))
    assert response.status_code == 200
    assert message in response.text
    assert Topic.objects.count() == 1


def test_the_topic_list_counts_public_releases(admin_client, scholarships):
    tagged(scholarships)
    tagged(scholarships)
    tagged(scholarships, status=NewsRelease.Status.DRAFT)
    html = admin_client.get(TOPICS).text
    assert '<td class="field-public_releases">2</td>' in html


def test_the_release_form_offers_topics_as_boxes(admin_client, scholarships):
    release = make_news_release()
    html = admin_client.get(reverse("admin:news_newsrelease_change", args=[release.pk])).text
    assert 'type="checkbox" name="topics"' in html
    assert "css/admin-topics.css" in html


def test_the_history_records_topic_changes(admin_client, scholarships, visits):
    release = make_release()
    rows = release.history.count()
    edit(admin_client, release, topics=[str(scholarships.pk), str(visits.pk)])
    assert release.history.count() == rows + 1
    latest = release.history.latest()
    assert {row.topic for row in latest.topics.all()} == {scholarships, visits}
    edit(admin_client, release, topics=[str(visits.pk)])
    url = reverse("admin:news_newsrelease_history", args=[release.pk])
    entry = admin_client.get(url).context["page_obj"][0]
    assert entry.changed_field_labels == ["Topics"]


# The demo ----------------------------------------------------------------------------


def test_every_demo_release_has_one_to_three_topics_and_reloading_adds_none():
    from documents import demo as documents_demo
    from news import demo
    from partners import demo as partners_demo

    documents_demo.load()
    partners_demo.load()
    demo.load()
    topic_rows = Topic.objects.count()
    links = NewsRelease.topics.through.objects.count()
    assert topic_rows >= 8
    for release in NewsRelease.objects.prefetch_related("topics"):
        assert 1 <= len(release.topics.all()) <= 3, release.title
    for topic in Topic.objects.all():
        assert topic.name_en and topic.name_zh_hans and topic.name_ru
    demo.load()
    assert Topic.objects.count() == topic_rows
    assert NewsRelease.topics.through.objects.count() == links
