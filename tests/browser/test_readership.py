"""Readership in the admin, in Chromium: the chart of views per day and language is
drawn under the strict Content-Security-Policy without a single violation, on a phone
and a desktop, in English and Russian, and the list of releases shows sparklines."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import NewsRelease
from news.models.readership import DailyViews
from tests.conftest import STAFF_PASSWORD, make_staff_user
from tests.news.conftest import make_news_release

from .csp_watch import CspWatch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def reader(django_user_model):
    return make_staff_user(django_user_model, "readership-reader", "view_newsrelease")


@pytest.fixture
def release():
    release = make_news_release(title="Летняя школа 夏令营")
    NewsRelease.objects.published().count_visit(release.pk, language="ru")
    today = timezone.localdate()
    for days_ago in range(1, 80, 3):
        DailyViews.objects.create(
            release=release, day=today - timedelta(days=days_ago), language="zh-hans", views=4
        )
    return release


def log_in(page, user, prefix):
    page.goto(f"{prefix}/admin/login/?next={prefix}/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#content")).to_be_visible()


@pytest.mark.parametrize(("prefix", "width"), [("", 1280), ("/ru", 320)])
def test_the_readership_pages_draw_their_charts_without_a_csp_violation(
    page, reader, release, prefix, width
):
    watch = CspWatch(page)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, reader, prefix)
    page.locator("#panel-most-read .office-panel-more a").click()
    chart = page.locator("#readership-chart svg.chart-bars")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    expect(page.locator(".chart-legend")).to_contain_text("Русский")
    assert chart.locator("rect.chart-bar").count() == 11  # 10 past days and today
    assert chart.bounding_box()["height"] > 150

    page.locator(".readership-periods a", has_text="90").click()
    assert chart.locator("rect.chart-bar").count() == 28
    page.locator(".chart-table summary").click()
    expect(page.locator(".chart-table tfoot")).to_contain_text("109")

    page.locator(".readership-most-read a", has_text="Летняя школа").first.click()
    expect(page.locator("h1")).to_contain_text("Летняя школа 夏令营")
    expect(chart).to_be_visible()

    page.goto(f"{prefix}/admin/news/newsrelease/")
    spark = page.locator("#result_list .field-views svg.sparkline").first
    expect(spark).to_be_visible()
    assert watch.violations == []
