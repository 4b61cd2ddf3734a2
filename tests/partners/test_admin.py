import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from partners.models import Agreement, AgreementStatus, Institution, Ranking
from tests.conftest import in_default_language, make_staff_user

from .conftest import CHANGELIST

pytestmark = pytest.mark.django_db


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
        **management_form("former_names", 0),
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
