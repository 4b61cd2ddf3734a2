"""The directory lists names in the order each language's readers expect."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from partners.models import Institution

from ..programmes.conftest import DAY, make_opportunity
from .conftest import make_institution

pytestmark = pytest.mark.django_db

# English, Chinese and Russian names of the same four institutions each.
NAMES = [
    ("Tsinghua University", "清华大学", "Яблоков"),
    ("Anhui University", "安徽大学", "Ёлкин"),
    ("Binzhou University", "滨州学院", "Абрамов"),
    ("Peking University", "北京大学", "Ежов"),
]


@pytest.fixture
def institutions():
    for number, (english, chinese, russian) in enumerate(NAMES):
        make_institution(name_en=english, name_zh_hans=chinese, name_ru=russian, slug=f"i{number}")


def names_in(client, language, url_name="partners:list", context_name="object_list"):
    """The institutions' names as a page in `language` lists them."""
    with override(language):
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        return [institution.name for institution in response.context[context_name]]


def test_chinese_names_are_listed_in_pinyin_order(client, institutions):
    assert names_in(client, "zh-hans") == ["安徽大学", "北京大学", "滨州学院", "清华大学"]


def test_russian_names_are_listed_in_alphabetical_order_with_yo_beside_ye(client, institutions):
    assert names_in(client, "ru") == ["Абрамов", "Ежов", "Ёлкин", "Яблоков"]


def test_english_names_are_listed_in_alphabetical_order(client, institutions):
    assert names_in(client, "en") == [
        "Anhui University",
        "Binzhou University",
        "Peking University",
        "Tsinghua University",
    ]


def test_a_name_shown_in_english_sorts_by_its_english_name_among_chinese_ones(client, institutions):
    make_institution(name_en="Chemnitz University", slug="chemnitz")
    assert names_in(client, "zh-hans") == [
        "安徽大学",
        "北京大学",
        "滨州学院",
        "Chemnitz University",
        "清华大学",
    ]


def test_accents_and_case_do_not_change_the_english_order(client):
    for number, name in enumerate(["Zürich Academy", "université Laval", "École Normale"]):
        make_institution(name_en=name, slug=f"a{number}")
    assert names_in(client, "en") == ["École Normale", "université Laval", "Zürich Academy"]


def test_renaming_an_institution_with_update_fields_moves_it(client, institutions):
    institution = Institution.objects.get(slug="i0")
    institution.name_zh_hans = "阿坝师范学院"
    institution.save(update_fields=["name_zh_hans"])
    assert names_in(client, "zh-hans")[0] == "阿坝师范学院"


def test_the_programme_filter_lists_partners_in_pinyin_order(client, institutions):
    now = timezone.now()
    make_opportunity([(now - DAY, now + DAY)], partners=Institution.objects.all())
    assert names_in(client, "zh-hans", "programmes:list", "partner_choices") == [
        "安徽大学",
        "北京大学",
        "滨州学院",
        "清华大学",
    ]
