"""Demo opportunities, one TOML file each in opportunities/ (docs/demo.md), in three
languages, with application windows placed relative to the day the demo is loaded
(one closed, some open now, some opening later), so that the site always shows each
state. Written in our own words.

A window gives `opens_in_days` and `closes_in_days` from the day of loading: it opens
at 09:00 and closes at 23:59, office time. Documents are attached by their file name
when the documents demo has them, and skipped otherwise.
"""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from core.demo import columns, read_folder, upsert
from documents.models import Document
from partners.models import Institution

from ..models import ApplicationWindow, Opportunity

OPPORTUNITIES = Path(__file__).parent / "opportunities"
OPENS_AT, CLOSES_AT = time(9, 0), time(23, 59)


def office_time(days, at):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())


def load_windows(opportunity, windows, source):
    kept = []
    for data in windows:
        fields = columns(data, source)
        opens_at = office_time(fields.pop("opens_in_days"), OPENS_AT)
        closes_at = office_time(fields.pop("closes_in_days"), CLOSES_AT)
        window = upsert(
            ApplicationWindow,
            {"opportunity": opportunity, "label_en": fields.pop("label_en")},
            {**fields, "opens_at": opens_at, "closes_at": closes_at},
        )
        kept.append(window.pk)
    opportunity.windows.exclude(pk__in=kept).delete()


def load():
    """Opportunities are found by their English title, partners by their English slug."""
    files = read_folder(OPPORTUNITIES)
    for name, data in files.items():
        source = f"{name}.toml"
        partner_slugs = data.pop("partners", [])
        document_names = data.pop("documents", [])
        windows = data.pop("windows", [])
        fields = columns(data, source)
        opportunity = upsert(
            Opportunity,
            {"title_en": fields.pop("title_en")},
            fields,
            create_only={"publish_at": timezone.now() - timedelta(days=60)},
        )
        partners = Institution.objects.filter(slug_en__in=partner_slugs)
        if len(partners) != len(set(partner_slugs)):
            raise ValueError(f"{source}: a partner in {partner_slugs} has no file")
        opportunity.partners.set(partners)
        # The documents demo may not have made them (yet): those missing are skipped.
        opportunity.documents.set(Document.objects.filter(original_name__in=document_names))
        load_windows(opportunity, windows, source)
    return f"{len(files)} programmes with their application windows"
