"""A news editor adds a topic (English admin) and tags a release with it (Russian
admin); a reader of the Chinese site filters the news list by it and finds the
release's related releases."""

import pytest
from playwright.sync_api import expect

from news.models import NewsRelease, Topic
from tests.conftest import make_staff_user
from tests.news.conftest import make_news_release

# serialized_rollback: keep what migrations created for the next test, since
# transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
PERMISSIONS = [
    f"{action}_{model}"
    for action in ("view", "add", "change")
    for model in ("newsrelease", "topic")
]


def log_in(page, username, next_url):
    page.goto(f"/admin/login/?next={next_url}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    # Typing may only start once the next page has loaded: its admin scripts (the slug
    # filled in from the name) listen from then on.
    with page.expect_navigation(url=f"**{next_url}"):
        page.locator("input[type=submit]").click()


def test_staff_tag_a_release_and_a_chinese_reader_filters_by_the_topic(page, django_user_model):
    make_staff_user(django_user_model, "editor", *PERMISSIONS)
    tagged = make_news_release(title="Summer school in Irkutsk", title_zh_hans="伊尔库茨克暑期学校")
    other = make_news_release(title="Thirty students leave for Irkutsk")
    unrelated = make_news_release(title="Campus sports day")

    # The English admin: a new topic, named in three languages.
    log_in(page, "editor", "/admin/news/topic/add/")
    page.locator("#id_name_en").press_sequentially("Summer schools")
    expect(page.locator("#id_slug")).to_have_value("summer-schools")
    page.get_by_role("tab", name="简体中文").first.click()
    page.locator("#id_name_zh_hans").fill("暑期学校")
    page.get_by_role("tab", name="Русский").first.click()
    page.locator("#id_name_ru").fill("Летние школы")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Summer schools")
    topic = Topic.objects.get(slug="summer-schools")
    assert (topic.name_zh_hans, topic.name_ru) == ("暑期学校", "Летние школы")

    # A second topic of the same slug is refused, with the reason by the field.
    page.goto("/admin/news/topic/add/")
    page.locator("#id_name_en").fill("Summer programmes")
    page.locator("#id_name_en").press("Tab")
    page.locator("#id_slug").fill("summer-schools")
    page.locator("input[name=_save]").click()
    expect(page.locator(".field-slug .errorlist")).to_contain_text(
        "Another topic already has this slug."
    )
    assert Topic.objects.count() == 1

    # The Russian admin: the releases are tagged by ticking the topic's box.
    for release in (tagged, other):
        page.goto(f"/ru/admin/news/newsrelease/{release.pk}/change/")
        page.locator(".field-topics").get_by_label("Летние школы").check()
        page.locator("input[name=_save]").click()
        expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(NewsRelease.objects.filter(topics=topic).order_by("pk")) == [tagged, other]

    # The reader, in Chinese: the topic's chip filters the list.
    page.goto("/zh-hans/news/")
    page.locator(".topic-filter").get_by_role("link", name="暑期学校").click()
    assert page.url.endswith("/zh-hans/news/?topic=summer-schools")
    expect(page.locator(".topic-filter [aria-current=page]")).to_contain_text("暑期学校")
    expect(page.locator("h1")).to_contain_text("暑期学校")
    cards = page.locator(".cards h2")
    expect(cards).to_have_count(2)
    expect(page.locator(".cards")).not_to_contain_text(unrelated.title)

    # The release page links its topic and shows the other tagged release as related.
    page.get_by_role("link", name="伊尔库茨克暑期学校").click()
    expect(page.locator(".release-topics")).to_contain_text("暑期学校")
    related = page.locator(".related-releases li")
    expect(related).to_have_count(1)
    expect(related).to_contain_text(other.title)
    related.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(other.title)
