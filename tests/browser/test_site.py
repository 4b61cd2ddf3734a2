import pytest
from playwright.sync_api import expect

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_page_footer_shows_the_office_address(page, office):
    page.goto("/")
    footer = page.locator("footer.site-footer")
    expect(footer).to_contain_text("Huanghe Road, Binzhou City, Shandong 256600")
    expect(footer).to_contain_text("+86-543-3194976")
    expect(page.locator("html")).to_have_attribute("lang", "en")
