"""The site search from the header's box, on a phone-sized screen, in Russian and
Chinese: grouped results with the words found marked, and a result followed."""

import re

import pytest
from playwright.sync_api import expect

from tests.news.conftest import make_news_release
from tests.partners.conftest import make_institution

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def content(db, settings):
    settings.PUBLIC_PAGE_SECONDS = 0
    make_news_release(
        title="Delegation from Irkutsk",
        title_ru="Делегация из Иркутска",
        title_zh_hans="伊尔库茨克代表团来访",
        summary="Talks on a joint programme.",
        summary_ru="Переговоры о совместной программе с Иркутском.",
        summary_zh_hans="双方商谈与伊尔库茨克合作办学。",
        body="<p>The delegation met the rector.</p>",
    )
    make_institution(
        name_ru="Иркутский национальный исследовательский технический университет",
        name_zh_hans="伊尔库茨克国立技术大学",
        city_ru="Иркутск",
        city_zh_hans="伊尔库茨克",
    )


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize(
    ("prefix", "query", "marked", "partner"),
    [
        ("/ru", "Иркутск", "Иркутском", "Иркутский национальный"),
        ("/zh-hans", "伊尔库茨克", "伊尔库茨克", "伊尔库茨克国立技术大学"),
    ],
)
def test_a_reader_on_a_phone_searches_from_the_header(
    page, content, prefix, query, marked, partner
):
    page.set_viewport_size(PHONE)
    page.goto(f"{prefix}/")
    box = page.locator("header .site-search input[type=search]")
    expect(box).to_be_visible()
    # The box has its own line: it covers neither the navigation nor the languages.
    for other in ["header .site-nav", "header .language-switcher"]:
        assert not boxes_overlap(box.bounding_box(), page.locator(other).bounding_box())
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    box.fill(query)
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"{prefix}/search/\?q="))
    groups = page.locator(".search-group")
    expect(groups).to_have_count(2)
    expect(groups.nth(0).locator("h2")).to_contain_text(
        "新闻" if prefix == "/zh-hans" else "Новости"
    )
    expect(page.locator(".search-snippet mark").first).to_have_text(marked)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    groups.nth(1).locator("h3 a").first.click()
    expect(page.locator("h1")).to_contain_text(partner)
    assert "/partners/" in page.url


@pytest.mark.parametrize("admin_prefix", ["", "/ru"])
def test_a_name_staff_add_in_the_admin_is_found_by_the_site_search(
    page, browser, live_server, django_user_model, settings, admin_prefix
):
    from partners.models import Institution
    from tests.browser.test_partners import PARTNER_PERMISSIONS, log_in
    from tests.conftest import make_staff_user

    settings.PUBLIC_PAGE_SECONDS = 0
    make_staff_user(django_user_model, "manager", *PARTNER_PERMISSIONS)
    institution = make_institution(other_names="")
    change = f"{admin_prefix}/admin/partners/institution/{institution.pk}/change/"
    log_in(page, "manager", change)
    page.locator("#id_other_names").fill("Политех Байкала")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert Institution.objects.get().other_names == "Политех Байкала"

    reader = browser.new_context(base_url=live_server.url).new_page()
    reader.set_viewport_size(PHONE)
    reader.goto("/ru/search/?q=байкала")
    result = reader.locator(".search-group .search-result")
    expect(result).to_have_count(1)
    expect(result.locator("mark")).to_have_text("Байкала")
    reader.context.close()
