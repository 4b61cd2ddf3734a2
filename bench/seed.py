"""Fill the benchmark database: partner institutions, their rankings and agreements,
and news releases over twelve years, with bulk inserts.

bulk_create() skips the models' save(), so each object is given what save() would
make (slugs, cleaned rich text, search words) by the same method save() calls,
derive_fields(): the seeded rows are those the site itself would store. Nor does it
send the signals that write the site search's shared index: it is made again at the
end, as `manage.py rebuild_search_index` makes it.

Each release read gets a few rows of views per day (DailyViews) adding up to its
view_count, as the counter keeps them, so that "most read" this week, month or year
reads as many rows as on a site that has been counting for a year.
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from core.images import make_renditions
from core.search_index import indexed_kinds
from news.models import COVER_WIDTHS, DailyViews, NewsRelease
from partners.models import (
    Agreement,
    AgreementKind,
    Institution,
    Ranking,
    RankingSystem,
    Scope,
)

from . import corpus

BATCH_SIZE = 1000
YEARS_OF_NEWS = 12
COVER_COUNT = 6
COVER_FOLDER = "news/covers/bench"
SHARE_WITH_COVER = 0.3
SHARE_DRAFT = 0.04
SHARE_SCHEDULED = 0.03
RANKING_YEARS = range(2019, 2026)
MAX_SEEDED_VIEWS = 1_000_000
# A release's views fall on up to this many days of the last year (or of the days
# since its release, when it is younger), in one of the three languages each.
HISTORY_DAYS = 365
MAX_DAYS_READ = 4
LANGUAGES = ["en", "zh-hans", "ru"]


def institutions_for(releases):
    return max(8, releases // 100)


def seed(releases, random_seed=7, now=None):
    """Create `releases` news releases and proportional partner data. Return the counts."""
    rng = random.Random(random_seed)
    now = now or timezone.now()
    covers = make_cover_images()
    with transaction.atomic():
        institutions = create_institutions(rng, institutions_for(releases))
        create_rankings(rng, institutions)
        create_agreements(rng, institutions, now.date())
    # A generator of its own: the releases stay those seeded before histories were.
    create_releases(rng, random.Random(random_seed + 1), releases, institutions, covers, now)
    for kind in indexed_kinds():
        kind.rebuild()
    return {
        "releases": NewsRelease.objects.count(),
        "institutions": Institution.objects.count(),
        "rankings": Ranking.objects.count(),
        "agreements": Agreement.objects.count(),
    }


def make_cover_images():
    """A handful of JPEG photos (gradients) in the media storage (local files or a
    bucket, as the site's own uploads), shared by many releases."""
    names = []
    for index in range(COVER_COUNT):
        name = f"{COVER_FOLDER}/bench-cover-{index}.jpg"
        if not default_storage.exists(name):
            photo = io.BytesIO()
            gradient_image(index).save(photo, format="JPEG", quality=85)
            default_storage.save(name, ContentFile(photo.getvalue()))
        # As saving a release through the admin does: its renditions are made then.
        make_renditions(NewsRelease(cover=name).cover, COVER_WIDTHS)
        names.append(name)
    return names


def gradient_image(index, size=(1600, 900)):
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, ((40 * index) % 256, 90, (200 - 30 * index) % 256))
    image = Image.blend(image, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for step in range(12):
        x = 60 + step * 120
        draw.ellipse((x, 300 + 20 * index, x + 90, 390 + 20 * index), outline=(255, 255, 255))
    return image


def create_institutions(rng, count):
    institutions = []
    for index in range(count):
        partner = corpus.partner(index)
        institution = Institution(
            name=partner.name,
            other_names=partner.other_names,
            city=partner.city,
            country=partner.country,
            founded_year=rng.randint(1850, 2005),
            website=f"https://www.{slugify(partner.name)}.example.edu/",
            description=corpus.description_html(rng),
            strengths=corpus.strengths(rng),
        )
        institution.derive_fields()
        institutions.append(institution)
    return Institution.objects.bulk_create(institutions, batch_size=BATCH_SIZE)


def create_rankings(rng, institutions):
    """World rankings for most institutions, a national one for the Russian ones."""
    systems = list(RankingSystem.objects.all())
    world = [system for system in systems if system.scope == Scope.WORLD]
    national = [system for system in systems if system.scope == Scope.NATIONAL]
    rankings = []
    for institution in institutions:
        ranked_in = rng.sample(world, rng.randint(0, len(world))) if rng.random() < 0.7 else []
        if institution.country == "RU" and national:
            ranked_in.append(national[0])
        for system in ranked_in:
            rank = rng.randint(1, 1500)
            for year in RANKING_YEARS[rng.randint(0, 3) :]:
                rank = max(1, rank + rng.randint(-40, 40))
                rankings.append(ranking(institution, system, year, rank))
    Ranking.objects.bulk_create(rankings, batch_size=BATCH_SIZE)


def ranking(institution, system, year, rank):
    """A place as the tables publish it: a rank up to 200, a band of 50 beyond."""
    if rank <= 200:
        return Ranking(institution=institution, system=system, year=year, rank_from=rank)
    band_from = (rank - 1) // 50 * 50 + 1
    return Ranking(
        institution=institution,
        system=system,
        year=year,
        rank_from=band_from,
        rank_to=band_from + 49,
    )


def create_agreements(rng, institutions, today):
    kinds = list(AgreementKind)
    agreements = []
    for institution in institutions:
        for _ in range(rng.randint(1, 3)):
            signed_on = today - datetime.timedelta(days=rng.randint(-60, 15 * 365))
            unsigned = signed_on > today
            valid_until = None
            if not unsigned and rng.random() < 0.7:
                valid_until = signed_on + datetime.timedelta(days=5 * 365)
            agreements.append(
                Agreement(
                    institution=institution,
                    kind=rng.choice(kinds),
                    signed_on=None if unsigned else signed_on,
                    valid_until=valid_until,
                    programmes="\n".join(rng.sample(corpus.STRENGTHS, 2)),
                    signatories="Rector\nPresident of the partner institution",
                )
            )
    Agreement.objects.bulk_create(agreements, batch_size=BATCH_SIZE)


def create_releases(rng, history_rng, count, institutions, covers, now):
    """Releases in batches, oldest first, each batch with the partners it names and
    the views per day of its releases."""
    through = NewsRelease.partners.through
    start = now - datetime.timedelta(days=365 * YEARS_OF_NEWS)
    step = (now - start) / max(count, 1)
    for first in range(0, count, BATCH_SIZE):
        batch, named = [], []
        for index in range(first, min(first + BATCH_SIZE, count)):
            partners = rng.sample(institutions, rng.choice([0, 0, 1, 1, 1, 2]))
            release_time = start + step * index + datetime.timedelta(minutes=rng.randint(0, 600))
            batch.append(make_release(rng, partners, covers, release_time, now))
            named.append(partners)
        with transaction.atomic():
            created = NewsRelease.objects.bulk_create(batch)
            through.objects.bulk_create(
                through(newsrelease_id=release.pk, institution_id=institution.pk)
                for release, partners in zip(created, named, strict=True)
                for institution in partners
            )
            DailyViews.objects.bulk_create(
                [
                    row
                    for release in created
                    for row in daily_views(history_rng, release, timezone.localdate(now))
                ],
                batch_size=BATCH_SIZE,
            )


def make_release(rng, partners, covers, release_time, now):
    language = corpus.pick_language(rng)
    partner_name = partners[0].name if partners else rng.choice(corpus.CITIES)[1]
    status, release_time = status_and_time(rng, release_time, now)
    release = NewsRelease(
        title=corpus.title(rng, language, partner_name),
        summary=corpus.summary(rng, language),
        body=corpus.body_html(rng, language),
        author=corpus.author(rng, language),
        release_time=release_time,
        status=status,
        view_count=min(int(rng.paretovariate(1.2) * 20), MAX_SEEDED_VIEWS),
    )
    if rng.random() < SHARE_WITH_COVER:
        release.cover = rng.choice(covers)
        release.cover_alt = "Students and staff on the campus"
    release.derive_fields()
    return release


def status_and_time(rng, release_time, now):
    """Most releases are published; a few are drafts, a few are scheduled."""
    draw = rng.random()
    if draw < SHARE_DRAFT:
        return NewsRelease.Status.DRAFT, release_time
    if draw < SHARE_DRAFT + SHARE_SCHEDULED:
        return NewsRelease.Status.PUBLISHED, now + datetime.timedelta(days=rng.randint(1, 30))
    return NewsRelease.Status.PUBLISHED, min(release_time, now)


def daily_views(rng, release, today):
    """The release's view_count spread over a few days since its release within the
    last year, in random parts and languages: rows whose views add up to it."""
    if not release.view_count:
        return []
    first = max(
        timezone.localdate(release.release_time), today - datetime.timedelta(HISTORY_DAYS - 1)
    )
    span = max((today - first).days, 0) + 1
    offsets = rng.sample(range(span), min(span, rng.randint(1, MAX_DAYS_READ), release.view_count))
    cuts = sorted(rng.sample(range(1, release.view_count), len(offsets) - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, release.view_count], strict=True)]
    return [
        DailyViews(
            release_id=release.pk,
            day=min(first, today) + datetime.timedelta(days=offset),
            language=rng.choice(LANGUAGES),
            views=views,
        )
        for offset, views in zip(offsets, parts, strict=True)
    ]
