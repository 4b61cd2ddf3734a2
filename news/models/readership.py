"""How a release was read: its visits per day and language, beside its total.

A counted visit adds one to the release's view_count and one to the row of its day
(in the office's time zone) and language, in one transaction (see
NewsReleaseQuerySet.count_visit), so the total always equals the sum of the days.
Nothing about the reader is stored: no address, no browser, no identifier.
"""

from datetime import timedelta

from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The language of the visits counted before figures were kept per day: they are
# recorded on the release's own day, under this language (see news/0014).
LANGUAGE_NOT_RECORDED = ""


class Period(models.TextChoices):
    """A period of "most read": a calendar week (from Monday), month or year in the
    office's time zone, so far, or all time."""

    WEEK = "week", _("This week")
    MONTH = "month", _("This month")
    YEAR = "year", _("This year")
    ALL = "all", _("All time")

    @classmethod
    def default(cls):
        # A week is nearly empty on a Monday morning and a year is mostly old news.
        return cls.MONTH

    @classmethod
    def parse(cls, value):
        """The period named `value`, or the default one for anything else."""
        try:
            return cls(value)
        except ValueError:
            return cls.default()

    def first_day(self, today=None):
        """The period's first day, or None for all time. `today` is the office's."""
        today = today or timezone.localdate()
        match self:
            case Period.WEEK:
                return today - timedelta(days=today.weekday())
            case Period.MONTH:
                return today.replace(day=1)
            case Period.YEAR:
                return today.replace(month=1, day=1)
        return None


class DailyViewsQuerySet(models.QuerySet):
    def add_visit(self, release_id, day, language):
        """One more visit in the row of (release, day, language), made if missing.

        One INSERT ... ON CONFLICT DO UPDATE, the same SQL on SQLite and PostgreSQL:
        Django's bulk_create(update_conflicts=True) can only overwrite the stored
        number with the one inserted, not add to it, and a read-modify-write would
        lose visits made at the same moment.
        """
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                self.add_visit_sql("VALUES (%s, %s, %s, 1)"), [release_id, day, language]
            )

    def add_visit_sql(self, rows):
        """The upsert of add_visit() for the `rows` (SQL giving release, day,
        language and 1: a VALUES list, or a SELECT)."""
        connection = connections[self.db]
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        release, day_column, language_column, views = (
            quote(name) for name in ("release_id", "day", "language", "views")
        )
        # Only names from the model and quoted by the backend go into the text.
        return (
            f"INSERT INTO {table} ({release}, {day_column}, {language_column}, {views}) "
            f"{rows} "
            f"ON CONFLICT ({release}, {day_column}, {language_column}) "
            f"DO UPDATE SET {views} = {table}.{views} + 1"
        )


class DailyViews(models.Model):
    release = models.ForeignKey(
        "news.NewsRelease",
        verbose_name=_("news release"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    objects = DailyViewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("views of a day")
        verbose_name_plural = _("views per day")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "day", "language"], name="news_daily_views_once_per_day"
            ),
        ]
        indexes = [
            # The site's figures and the most read of a period read a range of days.
            models.Index(fields=["day", "release"], name="news_daily_views_by_day"),
        ]

    def __str__(self):
        return f"{self.release_id} {self.day} {self.language or '-'}: {self.views}"
