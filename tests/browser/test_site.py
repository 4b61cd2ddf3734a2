import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_footer_shows_the_office_address(page, office):
    page.goto("/")
    footer = page.locator("footer.site-footer")
    expect(footer).to_contain_text("Huanghe Road, Binzhou City, Shandong 256600")
    expect(footer).to_contain_text("+86-543-3194976")
    expect(page.locator("html")).to_have_attribute("lang", "en")
