"""Demo topics (topics.toml) and news releases, one TOML file each in releases/
(docs/demo.md), each release with the topics that fit it: the reference
release (Binzhou University and Irkutsk National Research Technical University sign
a memorandum, 2021) and enough others to fill two pages, one draft and one scheduled
release. Written in our own words. Each release read has a made-up reading history
(history.py).

Every release is in English, Chinese and Russian except two short ones kept in
English only on purpose (docs/demo.md names them), so that the Chinese and Russian
pages show the fallback note.
"""

from datetime import timedelta
from functools import partial
from pathlib import Path

from django.utils import timezone

from core.demo import columns, read, read_folder, upsert
from core.demo.pictures import cover_image
from documents.demo import document_named
from partners.models import Institution

from ..models import NewsRelease, Topic
from . import history

HERE = Path(__file__).parent
RELEASES = HERE / "releases"


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


def load_topics():
    """Topics are found by their slug; {slug: topic}."""
    return {
        slug: upsert(Topic, {"slug": slug}, columns(data, "topics.toml"))
        for slug, data in read(HERE / "topics.toml").items()
    }


def load():
    """Releases are found by their English title, partners by their English slug and
    topics by their slug, documents by their file name."""
    topics = load_topics()
    files = read_folder(RELEASES)
    for name, data in files.items():
        topic_slugs = data.pop("topics", [])
        if unknown := sorted(set(topic_slugs) - set(topics)):
            raise ValueError(f"{name}.toml: {', '.join(unknown)} is not in topics.toml")
        partner_slugs = data.pop("partners", None)
        document_names = data.pop("documents", None)
        view_count = data.pop("view_count", 0)
        fields = release_fields(data, f"{name}.toml")
        release = upsert(
            NewsRelease,
            {"title_en": fields.pop("title_en")},
            fields,
            create_only={"view_count": view_count},
            fill_empty={"cover": partial(cover_image, name, (topic_slugs or [""])[0])},
        )
        if partner_slugs is not None:
            partners = Institution.objects.filter(slug_en__in=partner_slugs)
            if len(partners) != len(set(partner_slugs)):
                raise ValueError(f"{name}.toml: a partner in {partner_slugs} has no file")
            release.partners.set(partners)
        if document_names is not None:
            release.documents.set([document_named(name) for name in document_names])
        release.topics.set([topics[slug] for slug in topic_slugs])
    history.load()
    # What the demo brings, not what the database holds: staff's own releases are theirs.
    return f"{len(topics)} topics; {len(files)} news releases"
