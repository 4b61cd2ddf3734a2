"""The public programme pages: list, filters, archive, detail, sitemap, home page."""

import pytest
from django.urls import reverse
from django.utils import translation

from programmes.models import Kind, Level

from .conftest import make_institution, make_opportunity

LIST = "/programmes/"


def test_the_list_shows_open_and_upcoming_with_their_state_and_partners(client, db, at):
    irkutsk = make_institution("irkutsk", "RU", "Irkutsk Technical")
    make_opportunity([(at(-3), at(10))], [irkutsk], title="Open now")
    make_opportunity([(at(5), at(20))], title="Opens later")
    make_opportunity([(at(-30), at(-10))], title="Closed one")
    html = client.get(LIST).text
    assert "Open now" in html and "Opens later" in html
    assert "Closed one" not in html
    assert "Open until" in html and "Opens " in html
    assert 'Irkutsk Technical</a><span class="country"> (Russia)</span>' in html
    assert 'href="webcal://testserver/programmes/deadlines.ics"' in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("kind=summer-school", ["Bremerhaven school"]),
        ("level=staff", ["Kangwon visits"]),
        ("country=de", ["Bremerhaven school"]),
        ("country=RU", ["Irkutsk exchange"]),
        ("", ["Bremerhaven school", "Irkutsk exchange", "Kangwon visits"]),
    ],
)
def test_the_list_filters_by_kind_level_country_and_partner(client, db, at, query, shown):
    irkutsk = make_institution("irkutsk", "RU")
    bremerhaven = make_institution("bremerhaven", "DE")
    kangwon = make_institution("kangwon", "KR")
    window = [(at(-1), at(9))]
    make_opportunity(window, [irkutsk], title="Irkutsk exchange")
    make_opportunity(window, [bremerhaven], title="Bremerhaven school", kind=Kind.SUMMER_SCHOOL)
    make_opportunity(window, [kangwon], title="Kangwon visits", level=Level.STAFF)
    html = client.get(f"{LIST}?{query}").text
    for title in ["Irkutsk exchange", "Bremerhaven school", "Kangwon visits"]:
        assert (f">{title}</a>" in html) == (title in shown), title


def test_the_partner_filter_keeps_the_partners_opportunities(client, db, at):
    irkutsk = make_institution("irkutsk", "RU")
    make_opportunity([(at(-1), at(9))], [irkutsk], title="With Irkutsk")
    make_opportunity([(at(-1), at(9))], title="Without")
    html = client.get(f"{LIST}?partner={irkutsk.pk}").text
    assert ">With Irkutsk</a>" in html and ">Without</a>" not in html


@pytest.mark.parametrize(
    "query", ["kind=nope", "level=%00", "country=ZZZ", "partner=abc", "partner=-1", "page=x"]
)
def test_invalid_filters_are_ignored_not_errors(client, db, at, query):
    make_opportunity([(at(-1), at(9))], title="Still listed")
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert "Still listed" in response.text


def test_a_closed_opportunity_is_in_the_archive_and_keeps_its_page(client, db, at):
    closed = make_opportunity([(at(-30), at(-10))], title="Closed one")
    assert "Closed one" in client.get("/programmes/archive/").text
    response = client.get(closed.get_absolute_url())
    assert response.status_code == 200
    assert "Applications closed" in response.text


def test_the_detail_page_shows_windows_in_the_office_time_zone_and_links_partners(client, db, at):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    shanghai = ZoneInfo("Asia/Shanghai")
    irkutsk = make_institution("irkutsk", "RU", "Irkutsk Technical")
    opportunity = make_opportunity(
        [
            (
                datetime(2026, 1, 5, 9, 0, tzinfo=shanghai),
                datetime(2099, 3, 15, 23, 59, tzinfo=shanghai),
            )
        ],
        [irkutsk],
        eligibility="<p>Third-year students</p><script>x()</script>",
    )
    html = client.get(opportunity.get_absolute_url()).text
    assert "15 March 2099, 23:59 Beijing time (UTC+8)" in html
    assert f'href="{irkutsk.get_absolute_url()}"' in html
    assert "<p>Third-year students</p>" in html and "<script>x()" not in html
    assert (
        f'<link rel="canonical" href="http://testserver{opportunity.get_absolute_url()}">' in html
    )
    assert 'hreflang="zh-hans"' in html
    with translation.override("ru"):
        russian = client.get(opportunity.get_absolute_url()).text
    assert "15 марта 2099" in russian


def test_another_languages_slug_redirects_to_the_canonical_address(client, db, at):
    opportunity = make_opportunity(
        [(at(-1), at(9))], title="Summer school", title_ru="Летняя школа"
    )
    response = client.get("/ru/programmes/summer-school/")
    assert response.status_code == 301
    assert (
        response["Location"]
        == "/ru/programmes/%D0%BB%D0%B5%D1%82%D0%BD%D1%8F%D1%8F-%D1%88%D0%BA%D0%BE%D0%BB%D0%B0/"
    )
    assert client.get(opportunity.get_absolute_url()).status_code == 200


def test_drafts_and_scheduled_are_never_public(client, states):
    secret = ["Secret draft", "Secret scheduled"]
    pages = [LIST, "/programmes/archive/", "/", "/sitemap-programmes.xml"]
    ics = client.get("/programmes/deadlines.ics").content.decode()
    for text in [*(client.get(page).text for page in pages), ics]:
        for title in secret:
            assert title not in text
    for key in ["draft", "scheduled"]:
        assert client.get(states[key].get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_at_its_address(admin_client, states):
    response = admin_client.get(states["draft"].get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this programme is not public yet" in response.text


def test_the_sitemap_lists_public_opportunities_per_language(client, db, at):
    opportunity = make_opportunity([(at(-30), at(-10))], title="Closed", title_ru="Закрыто")
    xml = client.get("/sitemap-programmes.xml").text
    assert f"http://testserver{opportunity.get_absolute_url()}" in xml
    assert "/ru/programmes/" in xml
    assert "/zh-hans/programmes/" not in xml.split("<loc>")[-1]  # no page of its own


def test_the_home_page_shows_the_next_deadlines_and_hides_the_block_without(client, db, at):
    assert "Next deadlines" not in client.get("/").text
    make_opportunity([(at(-1), at(3))], title="Apply soon")
    html = client.get("/").text
    assert "Next deadlines" in html and "Apply soon" in html


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_takes_a_fixed_number_of_queries(client, db, at, count, django_assert_num_queries):
    for number in range(count):
        partner = make_institution(f"p{number}", "RU")
        make_opportunity([(at(-1), at(9)), (at(20), at(30))], [partner], title=f"P {number}")
    client.get("/news/")  # the office's details, read once per content version
    with django_assert_num_queries(5):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_the_detail_and_feed_take_a_fixed_number_of_queries(
    client, db, at, count, django_assert_num_queries
):
    partners = [make_institution(f"p{number}", "RU") for number in range(count)]
    opportunity = make_opportunity([(at(-1 - n), at(9 + n)) for n in range(count)], partners)
    client.get("/news/")
    with django_assert_num_queries(4):
        assert client.get(opportunity.get_absolute_url()).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("programmes:deadlines_ics")).status_code == 200


def test_the_home_page_costs_one_query_more_for_its_deadlines_then_none(
    client, db, at, django_assert_num_queries
):
    make_opportunity([(at(-1), at(3))], title="Apply soon")
    client.get("/news/")  # the office's details, read once per content version
    # Two queries without the deadlines (latest, partners: the most read was kept by
    # the news list), one for them.
    with django_assert_num_queries(3):
        assert "Apply soon" in client.get("/").text
    # Kept for the content version: another language's home page reads them no more.
    with django_assert_num_queries(2):
        assert "Apply soon" in client.get("/ru/").text


def test_the_sitemap_section_costs_the_same_few_queries_however_many_it_holds(
    client, db, at, django_assert_max_num_queries
):
    for number in range(12):
        make_opportunity([(at(-1), at(9))], title=f"P {number}", title_ru=f"П {number}")
    # A count, the ids of one page, their rows.
    with django_assert_max_num_queries(3):
        assert client.get("/sitemap-programmes.xml").text.count("<url>") == 24


def test_public_documents_are_attached_and_staff_only_ones_never_shown(client, db, at):
    from django.core.files.base import ContentFile

    from documents.models import Document

    def document(title, visibility):
        return Document.objects.create(
            title=title,
            file=ContentFile(b"%PDF-1.4\n", name="form.pdf"),
            original_name=f"{title}.pdf",
            kind=Document.Kind.PDF,
            visibility=visibility,
        )

    opportunity = make_opportunity([(at(-1), at(9))])
    opportunity.documents.set(
        [document("application-form", "public"), document("internal-notes", "staff")]
    )
    html = client.get(opportunity.get_absolute_url()).text
    assert "application-form" in html
    assert "internal-notes" not in html


def test_with_no_programme_open_the_list_says_so_once_without_a_count_of_nought(client, db):
    html = client.get(LIST).content.decode()

    assert "No programme is open for applications at the moment." in html
    assert "0 programmes open" not in html
