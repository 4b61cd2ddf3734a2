"""An institution's identity: its identifiers, former names and successor, as staff
enter them, as the searches find them and as its page shows them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from partners.identifiers import (
    normalize_erasmus_code,
    normalize_ror_id,
    normalize_schac_code,
)
from partners.models import FormerName, Institution
from tests.conftest import in_default_language

from .conftest import DIRECTORY, make_institution
from .test_admin import management_form

pytestmark = pytest.mark.django_db

# The University of Tasmania's ROR ID (https://ror.org/01nfmeh72).
TASMANIA_ROR = "01nfmeh72"


def messages_of(error):
    return " ".join(message for messages in error.message_dict.values() for message in messages)


def test_every_usual_spelling_of_an_identifier_is_stored_one_way():
    assert normalize_ror_id(" https://ror.org/01NFMEH72/ ") == TASMANIA_ROR
    assert normalize_ror_id("ror.org/01nfmeh72") == TASMANIA_ROR
    assert normalize_erasmus_code("pl warszaw01") == "PL WARSZAW01"
    assert normalize_erasmus_code("D BREMERH01") == "D  BREMERH01"
    assert normalize_erasmus_code("d   bremerh01") == "D  BREMERH01"
    assert normalize_schac_code("https://UW.edu.pl/en/") == "uw.edu.pl"


def test_identifiers_are_saved_normalized_whatever_way_they_were_given():
    institution = make_institution(
        ror_id="https://ror.org/01NFMEH72",
        erasmus_code="d bremerh01",
        schac_code="HS-Bremerhaven.de",
    )
    institution.refresh_from_db()
    assert (institution.ror_id, institution.erasmus_code, institution.schac_code) == (
        TASMANIA_ROR,
        "D  BREMERH01",
        "hs-bremerhaven.de",
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ror_id", "12345", "is not a ROR ID: it has nine characters"),
        ("ror_id", "01nfmeh73", "its last two digits do not check"),
        ("ror_id", "01nfmeu72", "is not a ROR ID"),
        ("erasmus_code", "WARSAW", "is not an Erasmus code"),
        ("schac_code", "not a domain", "is not a SCHAC code"),
        ("schac_code", "localhost", "is not a SCHAC code"),
    ],
)
def test_a_wrong_identifier_is_refused_with_a_message_saying_what_one_looks_like(
    field, value, message
):
    institution = make_institution()
    setattr(institution, field, value)
    with pytest.raises(ValidationError) as error:
        institution.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_two_institutions_cannot_share_an_identifier():
    make_institution(name="University of Tasmania", ror_id=TASMANIA_ROR)
    other = Institution(
        name="Another University",
        slug="another",
        city="Hobart",
        country="AU",
        ror_id=f"https://ror.org/{TASMANIA_ROR}",
    )
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "Another institution has this ROR ID." in messages_of(error.value)


def test_many_institutions_may_have_no_identifier():
    make_institution(name="One University")
    make_institution(name="Two University").full_clean()


def test_an_institution_cannot_succeed_itself_even_through_others():
    old, middle, new = (make_institution(name=name) for name in ["Old", "Middle", "New"])
    middle.successor = new
    middle.save()
    new.successor = old
    new.save()
    old.successor = middle
    with pytest.raises(ValidationError) as error:
        old.full_clean()
    assert "cannot succeed itself" in messages_of(error.value)


def test_a_former_name_cannot_end_before_it_began():
    former = FormerName(institution=make_institution(), name="Old", used_from=1993, used_until=1960)
    with pytest.raises(ValidationError) as error:
        former.full_clean()
    assert "before it was first used" in messages_of(error.value)


def test_the_admin_saves_identifiers_and_former_names_with_the_institution(
    partner_manager_client,
):
    data = in_default_language(
        {
            "name": "University of Tasmania",
            "slug": "university-of-tasmania",
            "city": "Hobart",
            "country": "AU",
            "ror_id": "https://ror.org/01nfmeh72",
            "schac_code": "utas.edu.au",
            **management_form("former_names", 1),
            **management_form("rankings", 0),
            **management_form("agreements", 0),
            "former_names-0-name": "Tasmanian University College",
            "former_names-0-used_from": "1890",
            "former_names-0-used_until": "1926",
        }
    )
    response = partner_manager_client.post(reverse("admin:partners_institution_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    institution = Institution.objects.get(slug="university-of-tasmania")
    assert institution.ror_id == TASMANIA_ROR
    assert [(f.name, f.used_from, f.used_until) for f in institution.former_names.all()] == [
        ("Tasmanian University College", 1890, 1926)
    ]
    # Added after the institution was saved, the former name still finds it.
    assert directory_finds(partner_manager_client, "tasmanian university college")


def test_the_admin_refuses_a_bad_ror_id_and_saves_nothing(partner_manager_client):
    data = in_default_language(
        {
            "name": "University of Tasmania",
            "slug": "university-of-tasmania",
            "city": "Hobart",
            "country": "AU",
            "ror_id": "01nfmeh73",
            **management_form("former_names", 1),
            **management_form("rankings", 0),
            **management_form("agreements", 0),
            "former_names-0-name": "Tasmanian University College",
        }
    )
    response = partner_manager_client.post(reverse("admin:partners_institution_add"), data)
    assert response.status_code == 200
    assert "its last two digits do not check" in response.content.decode()
    assert not Institution.objects.exists()
    assert not FormerName.objects.exists()


def directory_finds(client, query):
    response = client.get(DIRECTORY, {"q": query})
    return [institution.name for institution in response.context["object_list"]]


@pytest.mark.parametrize(
    "query",
    [
        TASMANIA_ROR,
        f"https://ror.org/{TASMANIA_ROR}",
        "D BREMERH01",
        "DBREMERH01",
        "d  bremerh01",
        "hs-bremerhaven.de",
        "Hochschule Bremerhaven",
    ],
)
def test_the_directory_finds_an_institution_by_any_of_its_identifiers(client, query):
    make_institution(name="University of Tasmania", slug="utas", ror_id=TASMANIA_ROR)
    bremerhaven = make_institution(
        name="Bremerhaven University of Applied Sciences",
        slug="bremerhaven",
        erasmus_code="D  BREMERH01",
        schac_code="hs-bremerhaven.de",
    )
    FormerName.objects.create(institution=bremerhaven, name="Hochschule Bremerhaven")
    names = directory_finds(client, query)
    assert len(names) == 1
    expected = "University of Tasmania" if "ror" in query or query == TASMANIA_ROR else None
    assert names[0] == (expected or "Bremerhaven University of Applied Sciences")


def test_a_removed_former_name_no_longer_finds_the_institution(client):
    institution = make_institution(name="Hobart University", slug="hobart")
    former = FormerName.objects.create(institution=institution, name="Tasmanian College")
    assert directory_finds(client, "tasmanian college") == ["Hobart University"]
    former.delete()
    assert directory_finds(client, "tasmanian college") == []


def test_the_site_search_finds_an_institution_by_its_former_name_and_codes(client):
    institution = make_institution(
        name="Bremerhaven University of Applied Sciences",
        slug="bremerhaven",
        erasmus_code="D BREMERH01",
        schac_code="hs-bremerhaven.de",
    )
    FormerName.objects.create(institution=institution, name="Hochschule Bremerhaven")
    for query in ["Hochschule Bremerhaven", "BREMERH01", "hs-bremerhaven.de"]:
        response = client.get(reverse("search"), {"q": query})
        assert institution.get_absolute_url() in response.content.decode(), query


def test_the_page_shows_identifiers_linked_where_they_have_a_public_page(client, office):
    institution = make_institution(
        ror_id=TASMANIA_ROR, erasmus_code="D BREMERH01", schac_code="istu.edu"
    )
    page = client.get(institution.get_absolute_url()).content.decode()
    assert f'href="https://ror.org/{TASMANIA_ROR}"' in page
    assert "D  BREMERH01" in page
    assert "istu.edu" in page


def test_the_page_lists_former_names_with_their_years_as_each_language_writes_them(client, office):
    institution = make_institution()
    FormerName.objects.create(
        institution=institution,
        name_en="Irkutsk Polytechnic Institute",
        name_zh_hans="伊尔库茨克工学院",
        used_from=1960,
        used_until=1993,
    )
    FormerName.objects.create(
        institution=institution, name_en="Siberian Mining Institute", used_until=1931
    )
    page = client.get(institution.get_absolute_url()).content.decode()
    assert 'Irkutsk Polytechnic Institute</span><span class="years"> (1960–1993)' in page
    assert 'Siberian Mining Institute</span><span class="years"> (until 1931)' in page
    with translation.override("zh-hans"):
        chinese = client.get(institution.get_absolute_url()).content.decode()
    assert '伊尔库茨克工学院</span><span class="years">（1960–1993）' in chinese


def test_the_page_of_a_merged_institution_points_to_its_successor_and_back(client, office):
    kangwon = make_institution(name="Kangwon National University", slug="kangwon")
    samcheok = make_institution(
        name="Samcheok National University", slug="samcheok", successor=kangwon
    )
    old_page = client.get(samcheok.get_absolute_url()).content.decode()
    assert "no longer exists under this name" in old_page
    assert f'href="{kangwon.get_absolute_url()}"' in old_page
    new_page = client.get(kangwon.get_absolute_url()).content.decode()
    assert "no longer exists under this name" not in new_page
    assert f'href="{samcheok.get_absolute_url()}"' in new_page
    directory = client.get(DIRECTORY).content.decode()
    assert "Succeeded by Kangwon National University" in directory


def test_a_chain_of_successors_points_to_the_one_that_exists_today(client, office):
    today = make_institution(name="Today University", slug="today")
    middle = make_institution(name="Middle University", slug="middle", successor=today)
    oldest = make_institution(name="Oldest College", slug="oldest", successor=middle)
    page = client.get(oldest.get_absolute_url()).content.decode()
    assert f'href="{today.get_absolute_url()}"' in page


def test_a_cycle_of_successors_never_names_the_institution_its_own_successor(client, office):
    first = make_institution(name="First University", slug="first")
    second = make_institution(name="Second University", slug="second", successor=first)
    # Two staff members saving at once pass the form's check of cycles.
    first.successor = second
    first.save()

    page = client.get(first.get_absolute_url()).content.decode()

    assert f'Its successor: <a href="{second.get_absolute_url()}"' in page
