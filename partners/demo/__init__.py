"""Demo partners, one TOML file each in institutions/ (docs/demo.md), named by the
institution's English slug: the reference partner and a few more.

Facts about the reference partner are those of Irkutsk National Research Technical
University as the university publishes them; the other institutions are real
universities, but their rankings and agreements here are illustrative, made up for
the demo. Every partner is written in full in English, Chinese and Russian. The
signatories are written in each language too.
"""

from functools import partial
from pathlib import Path

from django.utils import timezone

from core.demo import columns, read, read_folder, upsert
from core.demo.pictures import initials, logo_image
from documents.demo import load_document

from ..models import (
    Agreement,
    AgreementContact,
    CooperationCondition,
    FormerName,
    Institution,
    Ranking,
    RankingSystem,
    add_months,
)

HERE = Path(__file__).parent

# The reference partner's file name, which the reference release names.
REFERENCE_SLUG = "irkutsk-national-research-technical-university"


def ranking_systems():
    """The systems by the short name the institutions' files give (THE, QS...).
    One that exists already is left as staff keep it."""
    systems = {}
    for short_name, system in read(HERE / "ranking-systems.toml").items():
        systems[short_name], _ = RankingSystem.objects.get_or_create(
            name=system["name"], defaults={"short_name": short_name, "scope": system["scope"]}
        )
    return systems


def load_agreement(institution, agreement, today):
    """Found by institution, kind and signing date. An agreement whose end should stay
    the same distance ahead (to show one expiring soon) gives it in months from today.
    Its cooperation conditions, contacts and signed copy follow (all optional)."""
    conditions, contacts = agreement.pop("conditions", []), agreement.pop("contacts", [])
    signed_copy = agreement.pop("signed_copy", None)
    fields = columns(agreement, institution.slug_en)
    if "valid_until_in_months" in fields:
        fields["valid_until"] = add_months(today, fields.pop("valid_until_in_months"))
    if signed_copy:
        name = signed_copy.pop("file")
        fields["signed_copy"] = load_document(name, signed_copy, f"{institution.slug_en}.toml")
    key = {"kind": fields.pop("kind"), "signed_on": fields.pop("signed_on", None)}
    defaults = {"valid_until": None, "internal_notes": "", "signed_copy": None}
    row = upsert(Agreement, {"institution": institution, **key}, {**defaults, **fields})
    for condition in conditions:
        load_condition(row, condition)
    for contact in contacts:
        key = {"side": contact.pop("side"), "name": contact.pop("name")}
        upsert(AgreementContact, {"agreement": row, **key}, contact)


def load_condition(agreement, condition):
    """Found by agreement, mobility type and direction; its subject areas by ISCED-F code."""
    fields = dict(condition)
    codes = fields.pop("subject_areas", [])
    key = {"mobility_type": fields.pop("mobility_type"), "direction": fields.pop("direction")}
    defaults = {"education_levels": [], "language": "", "cefr_level": ""}
    row = upsert(CooperationCondition, {"agreement": agreement, **key}, {**defaults, **fields})
    row.subject_areas.set(codes)


def load_former_name(institution, former_name):
    """Found by the institution and the English name."""
    fields = columns(former_name, institution.slug_en)
    upsert(FormerName, {"institution": institution, "name_en": fields.pop("name_en")}, fields)


def seal(slug, data):
    """A drawn logo: the institution's Latin abbreviation or initials on a seal."""
    return logo_image(slug, initials(data["name"]["en"], data.get("other_names", [])))


def load():
    systems = ranking_systems()
    today = timezone.localdate()
    institutions = read_folder(HERE / "institutions")
    successors = {}
    for slug, data in institutions.items():
        rankings, agreements = data.pop("rankings", []), data.pop("agreements", [])
        former_names = data.pop("former_names", [])
        if successor := data.pop("successor", None):
            successors[slug] = successor
        institution = upsert(
            Institution,
            {"slug_en": slug},
            columns(data, f"{slug}.toml"),
            fill_empty={"logo": partial(seal, slug, data)},
        )
        for ranking in rankings:
            key = {"system": systems[ranking.pop("system")], "year": ranking.pop("year")}
            upsert(Ranking, {"institution": institution, **key}, {"rank_to": None, **ranking})
        for agreement in agreements:
            load_agreement(institution, agreement, today)
        for former_name in former_names:
            load_former_name(institution, former_name)
    for slug, successor in successors.items():
        upsert(
            Institution,
            {"slug_en": slug},
            {"successor": Institution.objects.get(slug_en=successor)},
        )
    countries = {data["country"] for data in institutions.values()}
    return f"{len(institutions)} partner institutions in {len(countries)} countries"
