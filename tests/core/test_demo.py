"""Demo content files as rows: the generic reader of core.demo."""

import pytest

from core.demo import columns, read_folder, upsert
from core.demo.pictures import cover_image, initials, logo_image
from core.models import Office
from news.demo import RELEASES
from partners.demo import HERE as PARTNERS_DEMO


def test_a_table_keyed_by_language_fills_each_language_s_own_column():
    data = {"name": {"en": "Office", "zh_hans": "处", "ru": "Отдел"}, "email": "a@b.cn"}
    assert columns(data) == {
        "name_en": "Office",
        "name_zh_hans": "处",
        "name_ru": "Отдел",
        "email": "a@b.cn",
    }


def test_a_list_of_lines_becomes_a_text_of_one_item_a_line():
    data = {"other_names": ["INRTU", "ИРНИТУ"], "strengths": {"en": ["Clean energy"]}}
    assert columns(data) == {"other_names": "INRTU\nИРНИТУ", "strengths_en": "Clean energy"}


def test_a_language_the_site_does_not_write_in_is_refused_with_the_file_named():
    with pytest.raises(ValueError, match=r"welcome\.toml \[title\]: zh-hans is not one of"):
        columns({"title": {"en": "Welcome", "zh-hans": "欢迎"}}, "welcome.toml")


def test_every_shipped_demo_file_reads_and_names_only_known_languages():
    files = {
        **read_folder(RELEASES),
        **read_folder(PARTNERS_DEMO / "institutions"),
    }
    assert len(files) == 19 + 10
    for name, data in files.items():
        for agreement in data.pop("agreements", []):
            # Conditions hold codes and numbers only; contacts and the signed copy
            # are rows of their own.
            for condition in agreement.pop("conditions", []):
                assert not any(isinstance(value, dict) for value in condition.values())
            for row in [*agreement.pop("contacts", []), agreement.pop("signed_copy", {})]:
                columns(row, name)
            columns(agreement, name)
        for former_name in data.pop("former_names", []):
            columns(former_name, name)
        data.pop("rankings", None)
        columns(data, name)


@pytest.mark.django_db
def test_upsert_updates_the_row_of_its_natural_key_and_gives_create_only_once():
    first = upsert(Office, {"pk": 1}, {"name_en": "Old"}, create_only={"email": "a@b.cn"})
    again = upsert(Office, {"pk": 1}, {"name_en": "New"}, create_only={"email": "c@d.cn"})
    assert Office.objects.count() == 1
    assert (again.pk, again.name_en, again.email) == (first.pk, "New", "a@b.cn")


def test_a_demo_picture_is_the_same_for_the_same_seed_and_differs_for_another():
    assert cover_image("welcome", "events").read() == cover_image("welcome", "events").read()
    assert cover_image("welcome", "events").read() != cover_image("farewell", "events").read()
    assert logo_image("kaznu", "KazNU").read() == logo_image("kaznu", "KazNU").read()


def test_a_seal_reads_a_latin_abbreviation_or_else_the_initials_of_the_main_words():
    assert initials("Al-Farabi Kazakh National University", ["Әл-Фараби", "KazNU"]) == "KazNU"
    assert initials("University of Tasmania") == "UT"
    assert initials("Irkutsk National Research Technical University", ["ИРНИТУ"]) == "INRTU"
