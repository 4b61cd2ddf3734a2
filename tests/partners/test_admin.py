import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from partners.models import Agreement, AgreementStatus, Institution, Ranking
from tests.conftest import in_default_language, make_staff_user

from .conftest import make_agreement, make_institution, make_ranking

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:partners_institution_changelist")
ADD = reverse("admin:partners_institution_add")


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def institution_form(systems, rankings=(), agreements=(), **overrides):
    data = {
        "name": "Irkutsk National Research Technical University",
        "other_names": "Иркутский национальный исследовательский технический университет",
        "slug": "irkutsk-national-research-technical-university",
        "city": "Irkutsk",
        "country": "RU",
        "founded_year": "1930",
        "website": "https://www.istu.edu/eng/",
        "description": "<p>A technical university.</p>",
        "strengths": "Aerospace",
        **management_form("rankings", len(rankings)),
        **management_form("agreements", len(agreements)),
    }
    for index, (system, year, rank_from, rank_to) in enumerate(rankings):
        data |= {
            f"rankings-{index}-system": str(systems[system].pk),
            f"rankings-{index}-year": str(year),
            f"rankings-{index}-rank_from": str(rank_from),
            f"rankings-{index}-rank_to": str(rank_to or ""),
        }
    for index, fields in enumerate(agreements):
        data |= {f"agreements-{index}-{name}": str(value) for name, value in fields.items()}
    data.update(overrides)
    return in_default_language(data)


MEMORANDUM = {
    "kind": "memorandum",
    "signed_on": "2021-05-26",
    "valid_until": "",
    "programmes": "Polymer materials and engineering\nAircraft manufacturing engineering",
    "signatories": "Guo Xinwei\nSavkin",
    "status_override": "",
}


def test_a_partner_manager_adds_an_institution_with_rankings_and_an_agreement_inline(
    partner_manager_client, systems
):
    response = partner_manager_client.post(
        ADD,
        institution_form(
            systems,
            rankings=[("THE", 2021, 301, 350), ("RAEX", 2021, 31, None)],
            agreements=[MEMORANDUM],
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    institution = Institution.objects.get()
    assert sorted(r.rank_display for r in institution.rankings.all()) == ["301–350", "31"]
    agreement = institution.agreements.get()
    assert agreement.signed_on == datetime.date(2021, 5, 26)
    assert agreement.status == AgreementStatus.IN_FORCE


def test_a_band_in_reverse_order_is_refused_with_a_clear_message(partner_manager_client, systems):
    response = partner_manager_client.post(
        ADD, institution_form(systems, rankings=[("THE", 2021, 350, 301)])
    )
    assert response.status_code == 200
    assert (
        "A band runs from the better rank to the worse one: "
        "enter 301 as the rank and 350 as the band&#x27;s end." in response.text
    )
    assert not Institution.objects.exists()


def test_two_rankings_for_the_same_system_and_year_are_refused(partner_manager_client, systems):
    response = partner_manager_client.post(
        ADD,
        institution_form(systems, rankings=[("THE", 2021, 301, 350), ("THE", 2021, 1, None)]),
    )
    assert response.status_code == 200
    assert "Please correct the duplicate data for system and year" in response.text
    assert not Ranking.objects.exists()


def test_a_second_ranking_for_a_saved_system_and_year_is_refused(
    partner_manager_client, irkutsk, systems
):
    ranking = irkutsk.rankings.get(system=systems["THE"])
    agreement = irkutsk.agreements.get()
    data = institution_form(
        systems,
        rankings=[("THE", 2021, 301, 350), ("RAEX", 2021, 31, None), ("THE", 2021, 1, None)],
        agreements=[MEMORANDUM],
    )
    raex = irkutsk.rankings.get(system=systems["RAEX"])
    data |= {
        "rankings-INITIAL_FORMS": "2",
        "rankings-0-id": str(ranking.pk),
        "rankings-0-institution": str(irkutsk.pk),
        "rankings-1-id": str(raex.pk),
        "rankings-1-institution": str(irkutsk.pk),
        "agreements-INITIAL_FORMS": "1",
        "agreements-0-id": str(agreement.pk),
        "agreements-0-institution": str(irkutsk.pk),
        "slug": irkutsk.slug,
    }
    change = reverse("admin:partners_institution_change", args=[irkutsk.pk])
    response = partner_manager_client.post(change, data)
    assert response.status_code == 200
    assert "This institution already has a ranking in this system for this year." in response.text
    assert irkutsk.rankings.count() == 2


def test_an_agreement_ending_before_it_is_signed_is_refused(partner_manager_client, systems):
    ends_early = {**MEMORANDUM, "valid_until": "2021-05-25"}
    response = partner_manager_client.post(ADD, institution_form(systems, agreements=[ends_early]))
    assert response.status_code == 200
    assert "The end date cannot be before the signing date." in response.text
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("founded_year", "2999", "is in the future"),
        ("founded_year", "42", "greater than or equal to 800"),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("country", "XX", "Select a valid choice."),
    ],
)
def test_institution_fields_are_validated(partner_manager_client, systems, field, value, message):
    response = partner_manager_client.post(ADD, institution_form(systems, **{field: value}))
    assert response.status_code == 200
    assert message in response.text


def test_the_description_is_cleaned_when_saved_from_the_admin(partner_manager_client, systems):
    form = institution_form(
        systems, description='<p>Hi<img src=x onerror="alert(1)"><script>x()</script></p>'
    )
    assert partner_manager_client.post(ADD, form).status_code == 302
    assert Institution.objects.get().description == '<p>Hi<img src="x"></p>'


def test_the_description_is_edited_with_the_rich_text_editor(partner_manager_client):
    response = partner_manager_client.get(ADD)
    textareas = re.findall(r'<textarea name="description_[^>]*>', response.text)
    assert len(textareas) == 3  # one a language
    for textarea in textareas:
        assert "data-rich-text" in textarea
        assert "data-upload-url" not in textarea


def test_a_staff_member_without_partner_permissions_cannot_open_the_partners_admin(
    client, django_user_model
):
    client.force_login(make_staff_user(django_user_model, "newsdesk", "view_newsrelease"))
    assert client.get(CHANGELIST).status_code == 403


def changelist_rows(response):
    return list(response.context["cl"].result_list)


def test_changelist_shows_the_latest_world_ranking_and_the_agreements_in_force(
    admin_client, irkutsk, systems
):
    make_ranking(irkutsk, systems["THE"], year=2024, rank_from=401, rank_to=500)
    make_ranking(irkutsk, systems["RAEX"], year=2025, rank_from=20, rank_to=None)
    make_agreement(
        irkutsk, signed_on=datetime.date(2015, 1, 1), valid_until=datetime.date(2020, 1, 1)
    )
    make_agreement(irkutsk, signed_on=None)
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    row = response.text.split('class="field-name"')[1].split("</tr>")[0]
    for cell in ["Irkutsk", "Russia", "1930", "THE 2024: 401–500", '<td class="field-agreements_in_force">1</td>']:  # fmt: skip
        assert cell in row


@pytest.mark.parametrize(
    "query", ["иркутский", "ИРКУТСКИЙ НАЦИОНАЛЬНЫЙ", "irkutsk", "IRKUTSK STATE"]
)
def test_changelist_search_finds_every_name_and_the_city_in_any_case(admin_client, irkutsk, query):
    make_institution(name="Kasetsart University", other_names="", city="Bangkok", slug="ku")
    assert changelist_rows(admin_client.get(CHANGELIST, {"q": query})) == [irkutsk]


def test_changelist_filters_by_country_and_agreement_kind(admin_client, irkutsk):
    kasetsart = make_institution(name="Kasetsart University", slug="ku", country="TH")
    make_agreement(kasetsart, kind="staff_exchange")
    make_agreement(kasetsart, kind="staff_exchange", signed_on=datetime.date(2022, 1, 1))
    assert changelist_rows(admin_client.get(CHANGELIST, {"country": "TH"})) == [kasetsart]
    by_kind = admin_client.get(CHANGELIST, {"agreements__kind": "staff_exchange"})
    assert changelist_rows(by_kind) == [kasetsart]
    assert 'class="field-agreements_in_force">2<' in by_kind.text


def test_changelist_filter_finds_exactly_the_institutions_with_an_agreement_expiring_soon(
    admin_client, db
):
    today = timezone.localdate()
    expiring = make_institution(name="Expiring", slug="expiring")
    make_agreement(
        expiring,
        signed_on=datetime.date(2020, 1, 1),
        valid_until=today + datetime.timedelta(days=30),
    )
    later = make_institution(name="Later", slug="later")
    make_agreement(
        later, signed_on=datetime.date(2020, 1, 1), valid_until=today + datetime.timedelta(days=400)
    )
    expired = make_institution(name="Expired", slug="expired")
    make_agreement(
        expired, signed_on=datetime.date(2020, 1, 1), valid_until=today - datetime.timedelta(days=1)
    )
    response = admin_client.get(CHANGELIST, {"agreements": "expiring"})
    assert changelist_rows(response) == [expiring]
    assert "Expiring within 6 months" in response.text


@pytest.mark.parametrize("column", range(1, 7))
@pytest.mark.parametrize("direction", ["", "-"])
def test_changelist_sorts_by_every_column(admin_client, irkutsk, systems, column, direction):
    unranked = make_institution(name="Unranked", slug="unranked", founded_year=None)
    response = admin_client.get(CHANGELIST, {"o": f"{direction}{column}"})
    assert set(changelist_rows(response)) == {irkutsk, unranked}


def test_changelist_sorts_by_latest_world_rank_with_unranked_institutions_last(
    admin_client, systems
):
    better = make_institution(name="B", slug="b")
    make_ranking(better, systems["QS"], year=2024, rank_from=100, rank_to=None)
    worse = make_institution(name="A", slug="a")
    make_ranking(worse, systems["QS"], year=2024, rank_from=900, rank_to=None)
    unranked = make_institution(name="C", slug="c")
    assert changelist_rows(admin_client.get(CHANGELIST, {"o": "5"})) == [better, worse, unranked]


@pytest.mark.parametrize("size", [2, 20])
def test_changelist_takes_the_same_number_of_queries_whatever_the_data_size(
    admin_client, systems, django_assert_max_num_queries, size
):
    for number in range(size):
        institution = make_institution(name=f"U{number}", slug=f"u{number}")
        make_ranking(institution, systems["THE"], year=2024)
        make_ranking(institution, systems["QS"], year=2023)
        make_agreement(institution)
    admin_client.get(CHANGELIST)  # warm the session and the content types
    with django_assert_max_num_queries(8):
        admin_client.get(CHANGELIST)


def test_news_admin_autocomplete_finds_an_institution_by_its_cyrillic_name(admin_client, irkutsk):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "newsrelease",
            "field_name": "partners",
            "term": "ИРКУТСКИЙ",
        },
    )
    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(irkutsk.pk)]


def png_file(name="logo.png", size=(400, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_an_uploaded_logo_is_re_encoded_under_a_random_name_and_shown_as_a_rendition(
    partner_manager_client, client, systems
):
    form = institution_form(systems, logo=png_file("../../evil name.png"))
    assert partner_manager_client.post(ADD, form).status_code == 302
    institution = Institution.objects.get()
    assert institution.logo.name.startswith("partners/logos/")
    assert "evil" not in institution.logo.name
    card = client.get(reverse("partners:list")).text.split('class="card partner-card has-image"')[1]
    assert re.search(r'<img class="partner-logo" src="/media/renditions/[^"]+\.160w\.webp"', card)
    assert 'width="160" height="80"' in card


def test_a_file_that_is_not_an_image_is_refused_as_a_logo(partner_manager_client, systems):
    fake = SimpleUploadedFile("logo.png", b"<html><script>alert(1)</script>", "image/png")
    response = partner_manager_client.post(ADD, institution_form(systems, logo=fake))
    assert response.status_code == 200
    assert "The file is not a JPEG, PNG, WebP or GIF image." in response.text
    assert not Institution.objects.exists()
