"""A topic a release is about (incoming students, agreements, scholarships...), by
which readers filter the news list and releases find their related releases."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import PlainTextField
from core.languages import localized_name
from core.pagecache import cached_for_this_version

TOPICS_CACHE_NAME = "news:topics-with-counts"
# A scheduled release going public changes no row (see YEARS_CACHE_SECONDS).
TOPICS_CACHE_SECONDS = 300


def public_releases(prefix="releases__"):
    """The condition of NewsReleaseQuerySet.published(), seen from a topic."""
    now = timezone.now()
    return Q(
        Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now}),
        **{f"{prefix}status": "published", f"{prefix}release_time__lte": now},
    )


class TopicQuerySet(models.QuerySet):
    def with_public_counts(self):
        return self.annotate(
            public_count=Count("releases", filter=public_releases(), distinct=True)
        )

    def listed(self):
        """The topics the news list offers, with their numbers of public releases,
        in their order: those with none are left out.

        Cached for the content version (news.apps watches topics and the releases'
        topics): counting looks at every tagged release.
        """
        return cached_for_this_version(
            TOPICS_CACHE_NAME,
            lambda: [
                topic
                for topic in self.with_public_counts().only("pk", "slug", "name", "order")
                if topic.public_count
            ],
            TOPICS_CACHE_SECONDS,
        )


class Topic(models.Model):
    name = PlainTextField(_("name"), max_length=100)
    # One slug for every language: it is a filter's value (?topic=scholarships), not
    # part of a translated address, and plain ASCII is safe in any link.
    slug = models.SlugField(
        _("slug"),
        max_length=50,
        unique=True,
        help_text=_(
            "The topic's name in the news list's address (?topic=scholarships): "
            "Latin letters, digits and hyphens."
        ),
        error_messages={"unique": _("Another topic already has this slug.")},
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Topics are listed from the lowest number to the highest."),
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('news:list')}?topic={self.slug}"

    def clean(self):
        super().clean()
        if self.slug and Topic.objects.filter(slug__iexact=self.slug).exclude(pk=self.pk).exists():
            # Two addresses that differ in case only (?topic=Visas, ?topic=visas) would
            # look like one topic's to readers.
            raise ValidationError({"slug": _("Another topic already has this slug.")})
        # Two topics named alike would show as one chip twice: the name in the default
        # language (the one every reader may see) must be unique, whatever its case.
        column = localized_name("name", settings.LANGUAGE_CODE)
        name = (getattr(self, column, None) or "").strip()
        if not name:
            return
        clash = Topic.objects.annotate(lowered=Lower(column)).filter(lowered=name.lower())
        if clash.exclude(pk=self.pk).exists():
            raise ValidationError({column: _("Another topic already has this name.")})
