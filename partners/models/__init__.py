"""Partner institutions, the rankings they hold and the agreements signed with them."""

from .agreement import Agreement, AgreementKind, AgreementQuerySet, AgreementStatus
from .common import (
    EARLIEST_FOUNDING_YEAR,
    EARLIEST_RANKING_YEAR,
    LATEST_RANKING_YEAR,
    add_months,
    non_empty_lines,
    search_key,
    validate_not_in_the_future,
    validate_ranking_year,
)
from .cooperation import (
    AgreementContact,
    CEFRLevel,
    CooperationCondition,
    Direction,
    EducationLevel,
    MobilityType,
    SubjectArea,
)
from .former_name import FormerName
from .institution import Institution, InstitutionQuerySet, name_order
from .ranking import Ranking, RankingSystem, Scope, rankings_newest_first
from .reminder import AgreementReminder, ReminderOutcome, ReminderThreshold

__all__ = [
    "EARLIEST_FOUNDING_YEAR",
    "EARLIEST_RANKING_YEAR",
    "LATEST_RANKING_YEAR",
    "Agreement",
    "AgreementContact",
    "AgreementKind",
    "AgreementQuerySet",
    "AgreementReminder",
    "AgreementStatus",
    "CEFRLevel",
    "CooperationCondition",
    "Direction",
    "EducationLevel",
    "FormerName",
    "Institution",
    "InstitutionQuerySet",
    "MobilityType",
    "Ranking",
    "RankingSystem",
    "ReminderOutcome",
    "ReminderThreshold",
    "Scope",
    "SubjectArea",
    "add_months",
    "name_order",
    "non_empty_lines",
    "rankings_newest_first",
    "search_key",
    "validate_not_in_the_future",
    "validate_ranking_year",
]
