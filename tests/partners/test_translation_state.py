"""Each translation of an institution (its name and description) is original, up to
date, out of date or missing, in the model, the admin list and its filter."""

import pytest
from django.urls import reverse

from core.translation_state import MISSING, ORIGINAL, OUT_OF_DATE, UP_TO_DATE
from partners.models import Institution

from .conftest import CHANGELIST, make_institution

pytestmark = pytest.mark.django_db


def states(institution):
    institution = Institution.objects.get(pk=institution.pk)
    return {code: state for code, _name, state, _label in institution.translation_states()}


@pytest.fixture
def translated():
    return make_institution(
        name="Irkutsk University",
        slug="irkutsk",
        description="<p>A university.</p>",
        name_ru="Иркутский университет",
        description_ru="<p>Университет.</p>",
    )


def test_a_new_institution_with_a_translation_has_it_up_to_date(translated):
    assert states(translated) == {"en": ORIGINAL, "zh-hans": MISSING, "ru": UP_TO_DATE}


@pytest.mark.parametrize("field", ["name_en", "description_en"])
def test_editing_the_english_name_or_description_puts_russian_out_of_date(translated, field):
    institution = Institution.objects.get(pk=translated.pk)
    setattr(institution, field, "<p>Changed</p>" if "description" in field else "Changed")
    institution.save()
    assert states(institution)["ru"] == OUT_OF_DATE


def test_editing_the_city_changes_nothing(translated):
    institution = Institution.objects.get(pk=translated.pk)
    institution.city_en = "Irkutsk city"
    institution.save()
    assert states(institution)["ru"] == UP_TO_DATE


def test_a_name_without_the_description_is_missing_when_english_has_one(translated):
    institution = Institution.objects.get(pk=translated.pk)
    institution.description_ru = ""
    institution.save()
    assert states(institution)["ru"] == MISSING


def test_saving_the_translation_brings_it_up_to_date(translated):
    institution = Institution.objects.get(pk=translated.pk)
    institution.description_en = "<p>A large university.</p>"
    institution.save()
    institution = Institution.objects.get(pk=translated.pk)
    institution.description_ru = "<p>Большой университет.</p>"
    institution.save()
    assert states(institution)["ru"] == UP_TO_DATE


def test_the_admin_list_shows_the_states_and_the_filter_finds_them(admin_client, translated):
    make_institution(
        name="Fresh University", slug="fresh", name_ru="Свежий университет", description=""
    )
    make_institution(name="English Only", slug="english-only")
    institution = Institution.objects.get(pk=translated.pk)
    institution.name_en = "Irkutsk State University"
    institution.save()
    html = admin_client.get(CHANGELIST).content.decode()
    assert "Русский</span>: out of date" in html
    assert "Русский</span>: up to date" in html
    assert "Русский</span>: missing" in html
    response = admin_client.get(CHANGELIST, {"needs_translation": "ru"})
    names = sorted(i.name for i in response.context["cl"].result_list)
    assert names == ["English Only", "Irkutsk State University"]


def test_the_change_form_shows_the_states(admin_client, translated):
    response = admin_client.get(reverse("admin:partners_institution_change", args=[translated.pk]))
    html = response.content.decode()
    assert "Русский</span>: up to date" in html
    assert "简体中文</span>: missing" in html
