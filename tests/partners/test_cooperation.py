"""Agreements in Erasmus terms: ISCED-F subject areas, cooperation conditions and their
validation, contacts, internal notes and the signed copy; the agreement's admin page;
the public summary on the partner's page and what it never shows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from partners.isced import isced_fields
from partners.models import (
    AgreementContact,
    CooperationCondition,
    SubjectArea,
)
from tests.conftest import in_default_language
from tests.documents.conftest import make_document

from .conftest import make_agreement, make_institution, refused_by_the_database
from .test_admin import management_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject_areas(db):
    """The table the migration seeds (seeded again after a test that flushed it)."""
    for field in isced_fields():
        names = {"name_en": field["en"], "name_zh_hans": field["zh_hans"], "name_ru": field["ru"]}
        SubjectArea.objects.get_or_create(code=field["code"], defaults=names)


@pytest.fixture
def agreement(db, office):
    return make_agreement(make_institution())


def make_condition(agreement, subject_codes=("0714",), **overrides):
    fields = {
        "mobility_type": "student_studies",
        "direction": "outgoing",
        "first_academic_year": 2024,
        "last_academic_year": 2028,
        "mobilities_per_year": 5,
        "duration": 5,
        "education_levels": [6, 7],
        "language": "ru",
        "cefr_level": "B1",
    }
    fields.update(overrides)
    condition = CooperationCondition.objects.create(agreement=agreement, **fields)
    condition.subject_areas.set(subject_codes)
    return condition


def errors_of(instance):
    with pytest.raises(ValidationError) as raised:
        instance.full_clean()
    return raised.value.message_dict


# Subject areas


def test_the_migration_seeds_every_isced_field_with_its_names_in_three_languages():
    # No fixture: what the migration left in the test database.
    assert SubjectArea.objects.count() == len(isced_fields()) == 159
    codes = set(SubjectArea.objects.values_list("code", flat=True))
    assert {"07", "071", "0714", "10", "104", "1041"} <= codes
    area = SubjectArea.objects.get(code="0714")
    assert (area.name_en, area.name_zh_hans, area.name_ru) == (
        "Electronics and automation",
        "电子和自动化",
        "Электроника и автоматизация",
    )
    assert str(area) == "0714 Electronics and automation"


@pytest.mark.parametrize("code", ["0799", "7", "07140", "abcd"])
def test_a_code_outside_isced_f_is_refused_with_a_clear_message(code):
    errors = errors_of(SubjectArea(code=code, name="Made-up field"))
    assert (
        f"“{code}” is not an ISCED-F 2013 field: give a code of its list, e.g. 07 (broad), "
        "071 (narrow) or 0714 (detailed)."
    ) in errors["code"]


# Cooperation conditions


@pytest.mark.parametrize(
    ("mobility_type", "duration", "message"),
    [
        ("student_studies", 13, "A student mobility lasts 1 to 12 months: give the months."),
        ("student_traineeship", 0, "A student mobility lasts 1 to 12 months: give the months."),
        ("staff_teaching", 61, "A staff mobility lasts 1 to 60 days: give the days."),
        ("staff_training", 90, "A staff mobility lasts 1 to 60 days: give the days."),
    ],
)
def test_a_duration_outside_its_types_range_is_refused_in_its_types_unit(
    agreement, subject_areas, mobility_type, duration, message
):
    condition = CooperationCondition(
        agreement=agreement,
        mobility_type=mobility_type,
        direction="outgoing",
        first_academic_year=2024,
        last_academic_year=2025,
        mobilities_per_year=2,
        duration=duration,
        education_levels=[6],
    )
    assert errors_of(condition)["duration"] == [message]


@pytest.mark.parametrize(
    ("mobility_type", "duration"),
    [("student_studies", 12), ("student_traineeship", 1), ("staff_teaching", 60)],
)
def test_a_duration_within_its_types_range_is_accepted(agreement, mobility_type, duration):
    condition = CooperationCondition(
        agreement=agreement,
        mobility_type=mobility_type,
        direction="incoming",
        first_academic_year=2024,
        last_academic_year=2024,
        mobilities_per_year=1,
        duration=duration,
        education_levels=[7],
    )
    condition.full_clean()


def test_academic_years_in_reverse_order_are_refused_by_the_form_and_the_database(agreement):
    condition = CooperationCondition(
        agreement=agreement,
        mobility_type="staff_teaching",
        direction="outgoing",
        first_academic_year=2028,
        last_academic_year=2024,
        mobilities_per_year=1,
        duration=5,
    )
    assert errors_of(condition)["last_academic_year"] == [
        "The last academic year cannot come before the first one."
    ]
    refused_by_the_database(condition.save)


def test_student_mobility_needs_an_education_level_and_staff_mobility_may_have_none(agreement):
    fields = {
        "agreement": agreement,
        "direction": "outgoing",
        "first_academic_year": 2024,
        "last_academic_year": 2025,
        "mobilities_per_year": 1,
        "duration": 5,
    }
    student = CooperationCondition(mobility_type="student_studies", **fields)
    assert errors_of(student)["education_levels"] == [
        "Give at least one education level for student mobility."
    ]
    CooperationCondition(mobility_type="staff_training", **fields).full_clean()


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ([4], "Education levels are EQF levels 5 to 8."),
        ([6, 9], "Education levels are EQF levels 5 to 8."),
        ("bachelor", "Education levels are EQF levels 5 to 8."),
        ([6, 6], "Give each education level once."),
    ],
)
def test_education_levels_outside_eqf_5_to_8_are_refused(agreement, levels, message):
    condition = make_condition(agreement)
    condition.education_levels = levels
    assert errors_of(condition)["education_levels"] == [message]


def test_a_cefr_level_needs_its_language_and_a_language_must_be_one_django_knows(agreement):
    condition = make_condition(agreement)
    condition.language = ""
    assert errors_of(condition)["language"] == ["Give the language that the CEFR level is for."]
    condition.language = "xx"
    assert "Value 'xx' is not a valid choice." in errors_of(condition)["language"][0]
    condition.language, condition.cefr_level = "ko", ""
    condition.full_clean()


def test_the_languages_to_choose_from_are_djangos_whole_list_named_in_the_readers_language():
    field = CooperationCondition._meta.get_field("language")
    with translation.override("ru"):
        names = dict(field.choices)
    assert len(names) > 90
    assert names["ko"] == "Корейский"
    assert names["zh-hans"] == "Упрощённый китайский"


def test_a_signed_copy_must_be_a_pdf_document(agreement):
    agreement.signed_copy = make_document(
        "signed.docx", visibility="staff", title="Signed agreement", kind="docx"
    )
    assert errors_of(agreement)["signed_copy"] == [
        "The signed copy must be a PDF document; “Signed agreement” is a Word document (DOCX)."
    ]
    agreement.signed_copy = make_document("signed.pdf", visibility="staff", title="Signed")
    agreement.full_clean()


def test_a_signed_copy_must_be_a_staff_only_document(agreement):
    agreement.signed_copy = make_document("signed.pdf", visibility="public", title="Signed")
    assert errors_of(agreement)["signed_copy"] == [
        "The signed copy must be a staff-only document; “Signed” is public."
    ]


def test_a_document_in_use_as_a_signed_copy_can_be_deleted_and_the_agreement_stays(agreement):
    agreement.signed_copy = make_document("signed.pdf", visibility="staff")
    agreement.save()
    try:
        agreement.signed_copy.delete()
    except ProtectedError:  # pragma: no cover - the agreement would block the deletion
        pytest.fail("a signed copy blocked deleting its document")
    agreement.refresh_from_db()
    assert agreement.signed_copy is None


# The agreement's admin page


def condition_form(prefix="conditions", index=0, **overrides):
    fields = {
        "mobility_type": "student_studies",
        "direction": "outgoing",
        "first_academic_year": "2024",
        "last_academic_year": "2028",
        "mobilities_per_year": "5",
        "duration": "10",
        "subject_areas": ["0714", "0711"],
        "education_levels": ["6", "7"],
        "language": "ru",
        "cefr_level": "B2",
    }
    fields.update(overrides)
    return {f"{prefix}-{index}-{name}": value for name, value in fields.items()}


def agreement_form(agreement, conditions=(), contacts=(), initial_conditions=0, **overrides):
    data = in_default_language(
        {
            "institution": str(agreement.institution.pk),
            "kind": agreement.kind,
            "signed_on": "2021-05-26",
            "valid_until": "",
            "status_override": "",
            "programmes": "Polymer materials and engineering",
            "signatories": "Guo Xinwei",
        }
    )
    data |= {
        "internal_notes": "Renewal talks in spring.",
        "signed_copy": "",
        **management_form("conditions", len(conditions), initial_conditions),
        **management_form("contacts", len(contacts)),
    }
    for condition in conditions:
        data |= condition
    for contact in contacts:
        data |= contact
    data.update(overrides)
    return data


def change_url(agreement):
    return reverse("admin:partners_agreement_change", args=[agreement.pk])


def test_staff_add_conditions_and_contacts_on_the_agreements_admin_page(
    admin_client, agreement, subject_areas
):
    contact = {
        "contacts-0-side": "partner",
        "contacts-0-name": "Example Partner Contact",
        "contacts-0-role": "International office",
        "contacts-0-email": "partner@example.com",
        "contacts-0-telephone": "+7 3952 00 00 00",
    }
    form = agreement_form(agreement, conditions=[condition_form()], contacts=[contact])
    response = admin_client.post(change_url(agreement), form)
    assert response.status_code == 302, response.context["errors"]
    condition = agreement.conditions.get()
    assert condition.education_levels == [6, 7]
    assert sorted(area.code for area in condition.subject_areas.all()) == ["0711", "0714"]
    assert (condition.duration, condition.language, condition.cefr_level) == (10, "ru", "B2")
    assert agreement.contacts.get().email == "partner@example.com"
    agreement.refresh_from_db()
    assert agreement.internal_notes == "Renewal talks in spring."


def test_staff_edit_a_condition_on_the_agreements_admin_page(admin_client, agreement):
    condition = make_condition(agreement)
    edited = condition_form(
        id=str(condition.pk),
        agreement=str(agreement.pk),
        mobility_type="staff_teaching",
        duration="14",
        subject_areas=["0311"],
        education_levels=[],
        cefr_level="C1",
    )
    form = agreement_form(agreement, conditions=[edited], initial_conditions=1)
    response = admin_client.post(change_url(agreement), form)
    assert response.status_code == 302, response.context["errors"]
    condition.refresh_from_db()
    assert (condition.mobility_type, condition.duration, condition.cefr_level) == (
        "staff_teaching",
        14,
        "C1",
    )
    assert condition.education_levels == []
    assert [area.code for area in condition.subject_areas.all()] == ["0311"]


def test_a_bad_condition_in_the_admin_shows_its_message_and_saves_nothing(admin_client, agreement):
    bad = condition_form(duration="30")
    response = admin_client.post(change_url(agreement), agreement_form(agreement, [bad]))
    assert response.status_code == 200
    assert "A student mobility lasts 1 to 12 months: give the months." in response.text
    assert not agreement.conditions.exists()
    agreement.refresh_from_db()
    assert agreement.internal_notes == ""


def test_an_unknown_subject_code_in_the_admin_is_refused(admin_client, agreement):
    bad = condition_form(subject_areas=["0799"])
    response = admin_client.post(change_url(agreement), agreement_form(agreement, [bad]))
    assert response.status_code == 200
    assert "Select a valid choice. 0799 is not one of the available choices." in response.text
    assert not agreement.conditions.exists()


def test_the_agreement_list_shows_the_columns_and_searches_institution_names_in_any_script(
    admin_client, office
):
    irkutsk = make_institution(name_ru="Иркутский национальный технический университет")
    other = make_institution(name="Kangwon National University", other_names="", city="Chuncheon")
    make_agreement(irkutsk, valid_until=datetime.date(2031, 5, 25))
    make_agreement(other)
    changelist = reverse("admin:partners_agreement_changelist")
    response = admin_client.get(changelist, {"q": "иркутский"})
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert [row.institution for row in rows] == [irkutsk]
    assert "25 May 2031" in response.text
    assert "In force" in response.text
    expired = admin_client.get(changelist, {"status": "expired"})
    assert list(expired.context["cl"].result_list) == []


def test_each_agreement_on_the_institutions_admin_page_links_to_its_own_page(
    admin_client, agreement
):
    page = admin_client.get(
        reverse("admin:partners_institution_change", args=[agreement.institution.pk])
    )
    link = f'<a href="{change_url(agreement)}">Conditions, contacts and signed copy</a>'
    assert link in page.text
    assert admin_client.get(change_url(agreement)).status_code == 200


def test_partner_managers_may_edit_conditions_and_contacts(partner_manager_client, agreement):
    response = partner_manager_client.get(change_url(agreement))
    assert response.status_code == 200
    assert 'name="conditions-TOTAL_FORMS"' in response.text
    assert 'name="contacts-TOTAL_FORMS"' in response.text


# The public partner page


def condition_summary(response, condition):
    text = response.text
    start = text.index(f'id="condition-{condition.pk}"')
    return text[start : text.index("</dl>", start)]


def test_the_partner_page_summarizes_each_condition(client, agreement, subject_areas):
    students = make_condition(agreement, subject_codes=["0714", "0711"])
    staff = make_condition(
        agreement,
        subject_codes=[],
        mobility_type="staff_teaching",
        direction="incoming",
        mobilities_per_year=1,
        duration=1,
        education_levels=[],
        language="",
        cefr_level="",
        first_academic_year=2025,
        last_academic_year=2025,
    )
    response = client.get(agreement.institution.get_absolute_url())
    summary = condition_summary(response, students)
    assert ">Student mobility for studies</h4>" in summary
    assert "<dd>Students</dd>" in summary
    assert "<dd>Binzhou University</dd>" in summary
    assert summary.index("Binzhou University") < summary.index("Irkutsk National Research")
    assert "5 students" in summary
    assert "5 months per person" in summary
    assert '<span class="isced-code">0711</span> Chemical engineering and processes' in summary
    assert summary.index("0711") < summary.index("0714")
    assert "<li>Bachelor (EQF 6)</li>" in summary
    assert "<li>Master (EQF 7)</li>" in summary
    assert "Russian, level B1 of the CEFR" in summary
    assert "<dd>2024/25–2028/29</dd>" in summary
    summary = condition_summary(response, staff)
    assert ">Staff mobility for teaching</h4>" in summary
    assert "<dd>Staff members</dd>" in summary
    assert summary.index("Irkutsk National Research") < summary.index("Binzhou University")
    assert "1 staff member\n" in summary or "1 staff member<" in summary
    assert "1 day per person" in summary
    assert "<dd>2025/26</dd>" in summary
    for absent in ("Subject areas", "Levels", "Recommended language"):
        assert absent not in summary


@pytest.mark.parametrize(
    ("language", "subject", "language_name"),
    [
        ("en", "Electronics and automation", "English, level B2 of the CEFR"),
        ("zh-hans", "电子和自动化", "英语"),
        ("ru", "Электроника и автоматизация", "Английский"),
    ],
)
def test_the_summary_names_subjects_and_languages_in_the_readers_language(
    client, agreement, subject_areas, language, subject, language_name
):
    condition = make_condition(agreement, language="en", cefr_level="B2")
    with translation.override(language):
        url = agreement.institution.get_absolute_url()
    summary = condition_summary(client.get(url), condition)
    assert f'<span class="isced-code">0714</span> {subject}' in summary
    assert language_name in summary


def test_staff_only_parts_never_appear_on_the_partner_page(client, agreement):
    # Made public and attached as an annex too, by mistake: still not shown.
    signed = make_document("signed-memorandum.pdf", visibility="public", title="Signed memo")
    annex = make_document("annex-1.pdf", visibility="public", title="Annex on credits")
    agreement.signed_copy = signed
    agreement.internal_notes = "Partner slow to answer; escalate to the vice-president."
    agreement.save()
    agreement.documents.set([signed, annex])
    AgreementContact.objects.create(
        agreement=agreement,
        side="partner",
        name="Example Partner Contact",
        role="Exchange coordinator",
        email="coordinator@example.com",
        telephone="+7 3952 12 34 56",
    )
    page = client.get(agreement.institution.get_absolute_url()).text
    assert "Annex on credits" in page
    assert annex.get_absolute_url() in page
    for secret in (
        "Signed memo",
        signed.get_absolute_url(),
        "escalate to the vice-president",
        "Example Partner Contact",
        "coordinator@example.com",
        "+7 3952 12 34 56",
    ):
        assert secret not in page


def test_changing_a_condition_or_its_subject_areas_refreshes_the_cached_partner_page(
    client, agreement, subject_areas
):
    url = agreement.institution.get_absolute_url()
    assert "0714" not in client.get(url).text
    condition = make_condition(agreement, subject_codes=["0714"])
    assert "5 students" in client.get(url).text
    condition.mobilities_per_year = 3
    condition.save()
    assert "3 students" in client.get(url).text
    condition.subject_areas.add("0711")
    assert "Chemical engineering and processes" in client.get(url).text
    SubjectArea.objects.filter(code="0711").update(name_en="Chemical processes")
    SubjectArea.objects.get(code="0711").save()
    assert "Chemical processes" in client.get(url).text


def test_staff_download_the_signed_copy_and_anonymous_readers_get_404(
    client, admin_client, agreement
):
    agreement.signed_copy = make_document("signed-memorandum.pdf", visibility="staff")
    agreement.save()
    url = agreement.signed_copy.get_absolute_url()
    assert client.get(url).status_code == 404
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def fill(institution, agreements, conditions, subjects):
    codes = ["0711", "0714", "0716", "0722", "0231"][:subjects]
    for number in range(agreements):
        agreement = make_agreement(institution, signed_on=datetime.date(2010 + number, 1, 1))
        agreement.documents.add(make_document(f"annex-{number}.pdf"))
        for index in range(conditions):
            make_condition(
                agreement, subject_codes=codes, direction=("outgoing", "incoming")[index % 2]
            )


@pytest.mark.parametrize(
    ("agreements", "conditions", "subjects"), [(1, 1, 1), (4, 3, 5)], ids=["one", "several"]
)
def test_the_partner_page_takes_the_same_queries_whatever_the_number_of_conditions(
    client, office, subject_areas, django_assert_num_queries, agreements, conditions, subjects
):
    institution = make_institution()
    fill(institution, agreements, conditions, subjects)
    # The office, the menu of pages, the institution, its former names, predecessors,
    # rankings, agreements, their public documents, conditions and subject areas, and
    # news releases.
    with django_assert_num_queries(11):
        response = client.get(institution.get_absolute_url())
    assert response.text.count('class="condition"') == agreements * conditions
    assert response.text.count('class="isced-code"') == agreements * conditions * subjects
