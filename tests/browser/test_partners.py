"""A staff member records a partner in the admin; a visitor finds it in the directory."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import NewsRelease
from partners.models import Institution, RankingSystem, Scope
from tests.conftest import make_staff_user

# serialized_rollback: keep what migrations created (groups, ranking systems) for
# the next test, since transactional tests empty the database afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
PARTNER_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("view", "add", "change", "delete")
    for model in ("institution", "ranking", "agreement")
]


@pytest.fixture
def ranking_systems(db):
    # Transactional tests flush the tables, so the seeded systems are made again here.
    for name, scope in [
        ("THE World University Rankings", Scope.WORLD),
        ("RAEX-100 Best Universities of Russia", Scope.NATIONAL),
    ]:
        RankingSystem.objects.get_or_create(name=name, defaults={"scope": scope})


def log_in(page, username, next_url):
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_staff_adds_a_partner_and_a_visitor_finds_it_by_cyrillic_name_and_by_country(
    page, browser, live_server, django_user_model, ranking_systems
):
    make_staff_user(django_user_model, "manager", *PARTNER_PERMISSIONS)
    Institution.objects.create(name="Kasetsart University", slug="ku", city="Bangkok", country="TH")
    log_in(page, "manager", "/admin/partners/institution/add/")

    page.locator("#id_name_en").press_sequentially("Irkutsk National Research Technical University")
    expect(page.locator("#id_slug_en")).to_have_value(
        "irkutsk-national-research-technical-university"
    )
    page.locator("#id_other_names").fill(
        "Irkutsk State University of Technology\n"
        "Иркутский национальный исследовательский технический университет"
    )
    page.locator("#id_city_en").fill("Irkutsk")
    page.locator("#id_country").select_option("RU")
    page.locator("#id_founded_year").fill("1930")

    page.locator("#id_rankings-0-system").select_option(label="THE World University Rankings")
    page.locator("#id_rankings-0-year").fill("2021")
    page.locator("#id_rankings-0-rank_from").fill("350")
    page.locator("#id_rankings-0-rank_to").fill("301")
    page.locator("#rankings-group .add-row a").click()
    page.locator("#id_rankings-1-system").select_option(
        label="RAEX-100 Best Universities of Russia"
    )
    page.locator("#id_rankings-1-year").fill("2021")
    page.locator("#id_rankings-1-rank_from").fill("31")

    page.locator("#agreements-group .add-row a").click()
    page.locator("#id_agreements-0-kind").select_option(label="Memorandum of cooperation")
    page.locator("#id_agreements-0-signed_on").fill("2021-05-26")
    page.locator("#id_agreements-0-programmes_en").fill(
        "Polymer materials and engineering\nAircraft manufacturing engineering"
    )
    page.locator("#id_agreements-0-signatories_en").fill("Guo Xinwei\nSavkin")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator("#rankings-group .errorlist")).to_have_text(
        "A band runs from the better rank to the worse one: "
        "enter 301 as the rank and 350 as the band's end."
    )
    page.locator("#id_rankings-0-rank_from").fill("301")
    page.locator("#id_rankings-0-rank_to").fill("350")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    institution = Institution.objects.get(slug="irkutsk-national-research-technical-university")
    assert institution.rankings.count() == 2
    assert institution.agreements.count() == 1
    release = NewsRelease.objects.create(
        title="Binzhou University and Irkutsk National Research Technical University "
        "sign a cooperation agreement",
        slug="irkutsk-agreement",
        body="<p>The two universities signed a memorandum of cooperation.</p>",
        author="闫倩倩",
        release_time=timezone.now() - datetime.timedelta(hours=1),
        status=NewsRelease.Status.PUBLISHED,
    )
    release.partners.add(institution)

    visitor = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    visitor.goto("/partners/")
    # The directory's own box, in the page (the header holds the site's).
    directory = visitor.locator("main")
    directory.get_by_role("searchbox").fill("иркутский национальный")
    directory.get_by_role("button", name="Search").click()
    cards = visitor.locator(".partner-card h3")
    expect(cards).to_have_text(["Irkutsk National Research Technical University"])

    visitor.goto("/partners/")
    expect(cards).to_have_count(2)
    visitor.locator("#partners-country").select_option(label="Russia (1)")
    directory.get_by_role("button", name="Search").click()
    expect(cards).to_have_text(["Irkutsk National Research Technical University"])
    expect(visitor.locator(".partner-card")).to_contain_text("THE 2021: 301–350")

    cards.get_by_role("link").click()
    expect(visitor.locator("h1")).to_have_text("Irkutsk National Research Technical University")
    expect(visitor.locator("table.data-table")).to_contain_text("301–350")
    expect(visitor.locator(".agreement")).to_contain_text("Aircraft manufacturing engineering")
    visitor.get_by_role("link", name=release.title).click()
    expect(visitor.locator("h1")).to_have_text(release.title)
    visitor.context.close()
