"""Cooperation agreements: the status their dates give them, those expiring soon, their
validation and lists; and the permissions of the partner managers' group."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from partners.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Institution,
    add_months,
)

from .conftest import make_agreement, make_institution, refused_by_the_database

pytestmark = pytest.mark.django_db


# Agreements

TODAY = datetime.date(2025, 6, 15)

YESTERDAY, TOMORROW = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("signed_on", "valid_until", "override", "status"),
    [
        (None, None, "", AgreementStatus.IN_PREPARATION),
        (TOMORROW, None, "", AgreementStatus.IN_PREPARATION),
        (TODAY, None, "", AgreementStatus.IN_FORCE),
        (YESTERDAY, None, "", AgreementStatus.IN_FORCE),
        (YESTERDAY, TODAY, "", AgreementStatus.IN_FORCE),
        (datetime.date(2020, 1, 1), YESTERDAY, "", AgreementStatus.EXPIRED),
        (None, YESTERDAY, "", AgreementStatus.EXPIRED),
        (YESTERDAY, None, AgreementStatus.EXPIRED, AgreementStatus.EXPIRED),
        (YESTERDAY, None, AgreementStatus.IN_PREPARATION, AgreementStatus.IN_PREPARATION),
        (datetime.date(2020, 1, 1), YESTERDAY, AgreementStatus.IN_FORCE, AgreementStatus.IN_FORCE),
    ],
)
def test_an_agreements_status_follows_its_dates_unless_overridden(
    signed_on, valid_until, override, status
):
    agreement = make_agreement(
        make_institution(), signed_on=signed_on, valid_until=valid_until, status_override=override
    )
    assert agreement.status_on(TODAY) == status
    by_query = {
        AgreementStatus.IN_FORCE: Agreement.objects.in_force(TODAY),
        AgreementStatus.EXPIRED: Agreement.objects.expired(TODAY),
        AgreementStatus.IN_PREPARATION: Agreement.objects.in_preparation(TODAY),
    }
    assert {found for found, queryset in by_query.items() if agreement in queryset} == {status}


def test_status_uses_todays_date_in_the_office_time_zone():
    agreement = make_agreement(make_institution(), signed_on=datetime.date(2000, 1, 1))
    assert agreement.status == AgreementStatus.IN_FORCE
    assert agreement.get_status_display() == "In force"


def test_expiring_within_six_months_finds_exactly_the_agreements_in_force_ending_by_then():
    institution = make_institution()
    signed = datetime.date(2020, 1, 1)

    def agreement(valid_until, **fields):
        return make_agreement(institution, signed_on=signed, valid_until=valid_until, **fields)

    expiring = [
        agreement(TODAY),
        agreement(datetime.date(2025, 12, 15)),
    ]
    agreement(datetime.date(2025, 12, 16))  # one day beyond six months
    agreement(None)  # open-ended
    agreement(YESTERDAY)  # already expired
    agreement(TOMORROW, status_override=AgreementStatus.EXPIRED)  # ended early
    make_agreement(institution, signed_on=TOMORROW, valid_until=datetime.date(2025, 9, 1))

    assert set(Agreement.objects.expiring_within_six_months(TODAY)) == set(expiring)
    other = make_institution(name="Other", slug="other")
    make_agreement(other, signed_on=signed, valid_until=None)
    assert list(Institution.objects.with_agreement_expiring(TODAY)) == [institution]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2025, 6, 15), 6, datetime.date(2025, 12, 15)),
        (datetime.date(2025, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2023, 8, 31), 6, datetime.date(2024, 2, 29)),
        (datetime.date(2025, 12, 1), 1, datetime.date(2026, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_an_agreement_cannot_end_before_it_is_signed():
    institution = make_institution()
    agreement = Agreement(
        institution=institution,
        kind=AgreementKind.MEMORANDUM,
        signed_on=datetime.date(2021, 5, 26),
        valid_until=datetime.date(2021, 5, 25),
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["valid_until"] == [
        "The end date cannot be before the signing date."
    ]
    refused_by_the_database(agreement.save)


def test_programmes_and_signatories_are_read_one_a_line():
    agreement = make_agreement(make_institution(), signatories="Guo Xinwei\n\n Savkin\x0b\n")
    assert agreement.programmes_list == [
        "Polymer materials and engineering",
        "Aircraft manufacturing engineering",
    ]
    assert agreement.signatories_list == ["Guo Xinwei", " Savkin"]


# Permissions


def test_the_partner_managers_group_holds_exactly_the_partners_permissions():
    group = Group.objects.get(name="Partner managers")
    expected = Permission.objects.filter(content_type__app_label="partners")
    # And seeing documents, to attach them to agreements (partners 0008).
    documents = Permission.objects.filter(codename="view_document")
    assert set(group.permissions.all()) == set(expected) | set(documents)
    assert {permission.codename for permission in expected} >= {
        "add_institution",
        "change_ranking",
        "delete_agreement",
        "view_rankingsystem",
    }
