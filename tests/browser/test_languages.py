"""Three languages in Chromium: a reader switches language on a release and keeps
reading the same release, counted once per visit; a browser set to Russian or
Chinese is greeted in its language; a release not yet translated says so; a form on
another site cannot change the language."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from news.models import NewsRelease
from tests.news.conftest import make_news_release
from tests.user_agents import BROWSER

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def visitor_context(browser, live_server):
    contexts = []

    def open_page(locale):
        context = browser.new_context(base_url=live_server.url, user_agent=BROWSER, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def memorandum(db):
    return make_news_release(
        title_en="Binzhou University and Irkutsk sign a memorandum",
        body_en="<p>The two universities will open joint programmes.</p>",
        title_zh_hans="滨州学院与伊尔库茨克国立研究技术大学签署合作备忘录",
        body_zh_hans="<p>两校将开设联合本科专业。</p>",
        title_ru="Бинчжоуский университет и ИРНИТУ подписали меморандум",
        body_ru="<p>Университеты откроют совместные программы.</p>",
    )


def views_shown(page):
    return int(re.search(r"\d+", page.locator(".views").first.inner_text()).group())


def test_switching_to_chinese_on_a_release_shows_the_same_release_counted_once(
    visitor_context, memorandum
):
    page = visitor_context("en-US")
    page.goto(memorandum.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Binzhou University and Irkutsk sign a memorandum")
    assert views_shown(page) == 1

    page.locator(".language-switcher").get_by_role("button", name="简体中文").click()

    expect(page).to_have_url(re.compile(rf"/zh-hans/news/{memorandum.pk}/[^/]+/$"))
    assert "滨州学院" in page.url or "%E6%BB%A8" in page.url  # the Chinese slug
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("h1")).to_have_text("滨州学院与伊尔库茨克国立研究技术大学签署合作备忘录")
    expect(page.locator(".site-nav")).to_contain_text("新闻")
    # The same reader in another language: the same visit.
    assert views_shown(page) == 1

    page.locator(".language-switcher").get_by_role("button", name="Русский").click()
    expect(page.locator("h1")).to_have_text("Бинчжоуский университет и ИРНИТУ подписали меморандум")
    assert views_shown(page) == 1
    assert NewsRelease.objects.get(pk=memorandum.pk).view_count == 1


def test_a_browser_set_to_russian_is_greeted_in_russian_until_it_chooses_english(
    visitor_context, memorandum
):
    page = visitor_context("ru-RU")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(".site-nav")).to_contain_text("Новости")

    page.locator(".language-switcher").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/news/")  # the choice is remembered: no redirect to /ru/ any more
    expect(page).to_have_url(re.compile(r"/news/$"))
    expect(page.locator(".site-nav")).to_contain_text("News")


def test_a_release_without_russian_text_is_shown_in_english_with_a_note(visitor_context):
    release = make_news_release(title="Summer school in Irkutsk", body="<p>Four weeks.</p>")
    page = visitor_context("en-US")
    page.goto(f"/ru/news/{release.pk}/{release.slug}/")

    expect(page.locator(".translation-fallback")).to_be_visible()
    expect(page.locator(".translation-fallback")).to_contain_text("Русский")
    expect(page.locator("h1")).to_have_text("Summer school in Irkutsk")
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    expect(page.locator(".site-nav")).to_contain_text("Новости")


# A page of another site with a form aimed at our switcher, as an attacker would write it.
HOSTILE_PAGE = """<!doctype html><html lang="en"><title>Win a prize</title>
<form method="post" action="{action}"><input type="hidden" name="next" value="/ru/">
<button type="submit">Claim</button></form></html>"""


def test_a_form_on_another_site_cannot_change_the_language_but_our_switcher_can(
    visitor_context, live_server, memorandum
):
    page = visitor_context("en-US")
    hostile = HOSTILE_PAGE.format(action=f"{live_server.url}/language/")
    page.route("http://evil.example/**", lambda route: route.fulfill(body=hostile))
    page.goto("http://evil.example/")

    page.get_by_role("button", name="Claim").click()

    expect(page.locator("h1")).to_have_text("Access denied")
    assert [c["name"] for c in page.context.cookies()] == []
    page.goto(f"{live_server.url}/news/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(".language-switcher").get_by_role("button", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/news/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    cookies = page.context.cookies()
    assert [c["value"] for c in cookies if c["name"] == settings.LANGUAGE_COOKIE_NAME] == ["ru"]
