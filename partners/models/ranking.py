"""Ranking tables and the places partner institutions hold in them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.sanitize import strip_control_characters

from .common import EARLIEST_RANKING_YEAR, LATEST_RANKING_YEAR, validate_ranking_year


class Scope(models.TextChoices):
    WORLD = "world", _("World")
    NATIONAL = "national", _("National")


class RankingSystem(models.Model):
    """A ranking table such as THE World University Rankings (a list staff maintain)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("As shown in tables, e.g. THE.")
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope, default=Scope.WORLD)

    class Meta:
        verbose_name = _("ranking system")
        verbose_name_plural = _("ranking systems")
        ordering = ["scope", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = strip_control_characters(self.name).strip()
        self.short_name = strip_control_characters(self.short_name).strip()
        super().save(*args, **kwargs)

    @property
    def label(self):
        return self.short_name or self.name


def rankings_newest_first():
    # "-system__scope": "world" sorts after "national", so world rankings come first.
    return Ranking.objects.select_related("system").order_by("-year", "-system__scope", "rank_from")


class Ranking(models.Model):
    """A place in one ranking system's table of one year: a rank or a band.

    A single rank (301) is stored with `rank_to` empty, a band (301 to 350) with
    both ends; `save()` turns a band of one (301 to 301) into the single rank, so
    each place has one spelling.
    """

    institution = models.ForeignKey(
        "Institution", models.CASCADE, related_name="rankings", verbose_name=_("institution")
    )
    system = models.ForeignKey(
        RankingSystem, models.PROTECT, related_name="rankings", verbose_name=_("ranking system")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[
            MinValueValidator(EARLIEST_RANKING_YEAR),
            MaxValueValidator(LATEST_RANKING_YEAR),
            validate_ranking_year,
        ],
    )
    rank_from = models.PositiveIntegerField(
        _("rank"),
        validators=[MinValueValidator(1)],
        help_text=_("The rank, or the better end of a band (the 301 of 301 to 350)."),
    )
    rank_to = models.PositiveIntegerField(
        _("band up to"),
        null=True,
        blank=True,
        help_text=_("Only for a band: its worse end (the 350 of 301 to 350)."),
    )

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        ordering = ["-year", "system__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "system", "year"],
                name="ranking_one_per_system_and_year",
                violation_error_message=_(
                    "This institution already has a ranking in this system for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rank_from__gte=1),
                name="ranking_rank_at_least_one",
                violation_error_message=_("A rank starts at 1."),
            ),
            models.CheckConstraint(
                condition=Q(rank_to__isnull=True) | Q(rank_to__gte=models.F("rank_from")),
                name="ranking_band_in_order",
                violation_error_message=_(
                    "A band runs from the better rank to the worse one, e.g. from 301 to 350."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=EARLIEST_RANKING_YEAR, year__lte=LATEST_RANKING_YEAR),
                name="ranking_year_plausible",
                violation_error_message=_("Give the year of the ranking table."),
            ),
        ]

    def __str__(self):
        return f"{self.system} {self.year}: {self.rank_display}"

    def save(self, *args, **kwargs):
        if self.rank_to == self.rank_from:
            self.rank_to = None
        super().save(*args, **kwargs)

    def clean(self):
        if (
            self.rank_from is not None
            and self.rank_to is not None
            and self.rank_to < self.rank_from
        ):
            raise ValidationError(
                {
                    "rank_to": _(
                        "A band runs from the better rank to the worse one: "
                        "enter %(rank_to)s as the rank and %(rank_from)s as the band's end."
                    )
                    % {"rank_from": self.rank_from, "rank_to": self.rank_to}
                }
            )

    @property
    def is_band(self):
        return self.rank_to is not None

    @property
    def rank_display(self):
        return f"{self.rank_from}\N{EN DASH}{self.rank_to}" if self.is_band else str(self.rank_from)

    @property
    def scope(self):
        return self.system.scope

    def get_scope_display(self):
        return self.system.get_scope_display()
