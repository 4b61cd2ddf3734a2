"""What the public may see of the programmes, and where each stands in time.

A window is open from opens_at (included) to closes_at (excluded). An opportunity is
open when one of its windows is open now, upcoming when none is but one opens later,
and closed (archived) when no window is open or ahead, or it has none at all. Time
passing changes no row: every query compares with the time now, so nothing needs to
run when a window opens or closes.
"""

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone


class OpportunityQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published and due (publish time not in the future).

        Every public page, the calendar feed, the sitemap and the home page's
        deadlines start from here.
        """
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=timezone.now())

    def _windows(self, **conditions):
        from .window import ApplicationWindow

        return Exists(ApplicationWindow.objects.filter(opportunity=OuterRef("pk"), **conditions))

    def open(self):
        """Published, with a window open now."""
        now = timezone.now()
        return self.published().filter(self._windows(opens_at__lte=now, closes_at__gt=now))

    def upcoming(self):
        """Published, not open now, with a window that opens later."""
        now = timezone.now()
        return (
            self.published()
            .filter(self._windows(opens_at__gt=now))
            .exclude(self._windows(opens_at__lte=now, closes_at__gt=now))
        )

    def current(self):
        """Open or upcoming: published, with a window that has not closed yet."""
        return self.published().filter(self._windows(closes_at__gt=timezone.now()))

    def closed(self):
        """Published, with no window open or ahead (or none at all): the archive."""
        return self.published().exclude(self._windows(closes_at__gt=timezone.now()))

    def next_deadlines(self, count):
        from .window import ApplicationWindow

        return ApplicationWindow.objects.next_deadlines(count)


class ApplicationWindowQuerySet(models.QuerySet):
    def published(self):
        """Windows of opportunities the public may see (one rule: Opportunity's)."""
        from .opportunity import Opportunity

        return self.filter(opportunity__in=Opportunity.objects.published())

    def next_deadlines(self, count):
        """The `count` windows open now that close soonest, with their opportunity."""
        now = timezone.now()
        return (
            self.published()
            .filter(opens_at__lte=now, closes_at__gt=now)
            .select_related("opportunity")
            .order_by("closes_at", "pk")[:count]
        )
