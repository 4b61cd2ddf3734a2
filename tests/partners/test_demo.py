import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from documents.models import Document
from partners import demo
from partners.models import (
    Agreement,
    AgreementContact,
    AgreementStatus,
    CooperationCondition,
    FormerName,
    Institution,
    Ranking,
)

pytestmark = pytest.mark.django_db


def test_demo_adds_the_reference_partner_with_its_facts():
    demo.load()
    irkutsk = Institution.objects.get(slug=demo.REFERENCE_SLUG)
    assert irkutsk.name == "Irkutsk National Research Technical University"
    assert "Irkutsk State University of Technology" in irkutsk.other_names_list
    assert "Иркутский национальный исследовательский технический университет" in (
        irkutsk.other_names_list
    )
    assert (irkutsk.city, irkutsk.country.code, irkutsk.founded_year) == ("Irkutsk", "RU", 1930)
    rankings = {(r.system.short_name, r.year, r.rank_display) for r in irkutsk.rankings.all()}
    assert rankings == {("THE", 2021, "301–350"), ("RAEX", 2021, "31")}
    assert irkutsk.strengths_list == [
        "Geological prospecting",
        "Aerospace engineering",
        "Clean energy",
    ]
    memorandum = irkutsk.agreements.get()
    assert memorandum.signed_on == datetime.date(2021, 5, 26)
    assert memorandum.status == AgreementStatus.IN_FORCE
    assert memorandum.programmes_list == [
        "Polymer materials and engineering",
        "Aircraft manufacturing engineering",
    ]
    assert "Guo Xinwei" in memorandum.signatories
    assert "Savkin" in memorandum.signatories


def test_demo_shows_identifiers_former_names_and_a_merged_partner_in_three_languages():
    demo.load()
    irkutsk = Institution.objects.get(slug=demo.REFERENCE_SLUG)
    assert irkutsk.schac_code == "istu.edu"
    former = {(f.name_en, f.used_from, f.used_until) for f in irkutsk.former_names.all()}
    assert ("Irkutsk State Technical University", 1993, 2015) in former
    assert all(f.name_zh_hans and f.name_ru for f in irkutsk.former_names.all())
    assert Institution.objects.search("Irkutsk State Technical University").get() == irkutsk
    assert Institution.objects.exclude(ror_id="").exists()
    assert Institution.objects.exclude(erasmus_code="").exists()
    merged = Institution.objects.get(successor__isnull=False)
    assert merged.is_translated("zh-hans") and merged.is_translated("ru")
    demo.load()
    assert FormerName.objects.filter(institution=irkutsk).count() == len(former)


def test_demo_adds_at_least_seven_more_partners_in_at_least_four_other_countries():
    demo.load()
    others = Institution.objects.exclude(slug=demo.REFERENCE_SLUG)
    assert others.count() >= 7
    assert len(set(others.exclude(country="RU").values_list("country", flat=True))) >= 4


def test_demo_agreements_show_every_status_and_one_expiring_soon():
    demo.load()
    statuses = {agreement.status for agreement in Agreement.objects.all()}
    assert statuses == set(AgreementStatus)
    assert Agreement.objects.expiring_within_six_months().exists()


def test_loading_the_demo_again_creates_nothing_twice_and_keeps_edits_of_other_rows():
    demo.load()
    counts = (Institution.objects.count(), Ranking.objects.count(), Agreement.objects.count())
    Institution.objects.create(name="Added by staff", slug="added", city="X", country="FR")
    demo.load()
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Institution.objects.count() - 1,
        Ranking.objects.count(),
        Agreement.objects.count(),
    ) == counts
    assert Institution.objects.filter(slug="added").exists()


def test_every_demo_partner_page_opens(client):
    demo.load()
    for institution in Institution.objects.all():
        assert client.get(institution.get_absolute_url()).status_code == 200
    assert client.get("/partners/").status_code == 200


def test_the_reference_agreement_has_erasmus_terms_contacts_notes_and_a_staff_only_signed_copy():
    demo.load()
    memorandum = Institution.objects.get(slug=demo.REFERENCE_SLUG).agreements.get()
    conditions = list(memorandum.conditions.all())
    assert {c.mobility_type for c in conditions} == {
        "student_studies",
        "staff_teaching",
        "staff_training",
    }
    assert {c.direction for c in conditions} == {"outgoing", "incoming"}
    for condition in conditions:
        condition.full_clean()
    assert {"0716", "0722"} <= {area.code for c in conditions for area in c.subject_areas.all()}
    assert {contact.side for contact in memorandum.contacts.all()} == {"ours", "partner"}
    assert all("Example" in contact.name for contact in memorandum.contacts.all())
    assert memorandum.internal_notes
    signed = memorandum.signed_copy
    assert (signed.kind, signed.visibility) == ("pdf", "staff")
    assert signed.title_zh_hans and signed.title_ru
    with signed.file.open("rb") as file:
        assert file.read(5) == b"%PDF-"
    memorandum.full_clean()


def test_at_least_two_other_partners_have_conditions_contacts_and_notes():
    demo.load()
    others = Institution.objects.exclude(slug=demo.REFERENCE_SLUG)
    with_terms = others.filter(
        agreements__conditions__isnull=False,
        agreements__contacts__isnull=False,
        agreements__internal_notes__gt="",
    ).distinct()
    assert with_terms.count() >= 2


def test_loading_the_demo_again_changes_no_condition_contact_or_signed_copy():
    demo.load()

    def state():
        return (
            list(CooperationCondition.objects.values().order_by("pk")),
            list(CooperationCondition.subject_areas.through.objects.values().order_by("pk")),
            list(AgreementContact.objects.values().order_by("pk")),
            list(Agreement.objects.values("pk", "signed_copy", "internal_notes").order_by("pk")),
            list(Document.objects.values("pk", "file", "size").order_by("pk")),
        )

    before = state()
    demo.load()
    assert state() == before


def test_the_reference_agreement_names_its_signatories_in_the_readers_language(client):
    demo.load()
    irkutsk = Institution.objects.get(slug_en=demo.REFERENCE_SLUG)
    with translation.override("zh-hans"):
        chinese = client.get(irkutsk.get_absolute_url()).text
    with translation.override("ru"):
        russian = client.get(irkutsk.get_absolute_url()).text
    assert "伊尔库茨克国立研究技术大学副校长萨夫金" in chinese
    assert "Савкин, проректор Иркутского" in russian
    assert "vice-president" not in chinese + russian
