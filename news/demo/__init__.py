"""Demo news releases, one TOML file each in releases/ (docs/demo.md): the reference
release (Binzhou University and Irkutsk National Research Technical University sign
a memorandum, 2021) and enough others to fill two pages, one draft and one scheduled
release. Written in our own words.

The reference release is in English, Chinese and Russian; some others are in English
and Chinese or English and Russian, and the rest in English only, so that the
Chinese and Russian pages show the fallback note.
"""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from core.demo import columns, read_folder, upsert
from documents.demo import document_named
from partners.models import Institution

from ..models import NewsRelease

RELEASES = Path(__file__).parent / "releases"


def release_fields(data, source):
    """The fields a file gives. Its release time is in the site's time zone; a
    scheduled release gives a number of days from the day of loading instead, so that
    it stays in the future."""
    fields = columns(data, source)
    if "release_time" in fields:
        fields["release_time"] = timezone.make_aware(
            fields["release_time"], timezone.get_default_timezone()
        )
    if "release_in_days" in fields:
        fields["release_time"] = timezone.now() + timedelta(days=fields.pop("release_in_days"))
    return fields


def load():
    """Releases are found by their English title, partners by their English slug and
    documents by their file name."""
    files = read_folder(RELEASES)
    for name, data in files.items():
        partner_slugs = data.pop("partners", None)
        document_names = data.pop("documents", None)
        view_count = data.pop("view_count", 0)
        fields = release_fields(data, f"{name}.toml")
        release = upsert(
            NewsRelease,
            {"title_en": fields.pop("title_en")},
            fields,
            create_only={"view_count": view_count},
        )
        if partner_slugs is not None:
            partners = Institution.objects.filter(slug_en__in=partner_slugs)
            if len(partners) != len(set(partner_slugs)):
                raise ValueError(f"{name}.toml: a partner in {partner_slugs} has no file")
            release.partners.set(partners)
        if document_names is not None:
            release.documents.set([document_named(name) for name in document_names])
    # What the demo brings, not what the database holds: staff's own releases are theirs.
    return f"{len(files)} news releases"
