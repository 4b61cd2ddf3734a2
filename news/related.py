"""The "related releases" of a release page: public releases sharing its topics or
partners (NewsReleaseQuerySet.related_to), kept per content version.

The query looks at the releases nearest in time only (a bounded cost; see
related_to() and docs/search.md), and its answer is still kept until
content changes (any save of a release, a topic or their links), or for a few minutes
at most, since a scheduled release going public or one being archived saves nothing.
"""

from core.pagecache import cached_for_this_version

from .models import NewsRelease

RELATED_CACHE_SECONDS = 300
RELATED_COUNT = 4


def related_releases(release):
    """Up to four public releases related to `release`, its topics and partners
    prefetched (so that the ids cost no query)."""
    topic_ids = sorted(topic.pk for topic in release.topics.all())
    partner_ids = sorted(partner.pk for partner in release.partners.all())
    if not topic_ids and not partner_ids:
        return []

    def compute():
        related = NewsRelease.objects.published().related_to(
            release, topic_ids, partner_ids, limit=RELATED_COUNT
        )
        # What the block shows and the translated titles and slugs it needs, in every
        # language: one cached answer serves the three.
        return list(related)

    return cached_for_this_version(f"news:related:{release.pk}", compute, RELATED_CACHE_SECONDS)
