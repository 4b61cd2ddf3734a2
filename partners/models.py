"""Partner institutions, the rankings they hold and the agreements signed with them."""

import calendar
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Min, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.fields import PlainLongTextField, PlainTextField, SanitizedHTMLField
from core.images import RasterImageField
from core.languages import (
    content_languages,
    has_translation,
    localized_name,
    translations_of,
    with_fallback,
)
from core.sanitize import clean_html, strip_control_characters

# The oldest universities still teaching date from the 9th century; ranking tables
# start in 2003 (ARWU). The upper bounds that depend on today are checked in forms.
EARLIEST_FOUNDING_YEAR = 800
EARLIEST_RANKING_YEAR = 2000
LATEST_RANKING_YEAR = 2100


def search_key(text):
    """`text` as the directory compares it: NFKC-normalized, casefolded, single-spaced.

    SQLite folds only ASCII letters in LIKE, so names are stored folded (in
    `Institution.search_text`) and queries are folded the same way; a plain
    `contains` then matches Latin, Cyrillic and Chinese text on every database.
    """
    text = strip_control_characters(unicodedata.normalize("NFKC", text or ""))
    return " ".join(text.casefold().split())


def non_empty_lines(text):
    """The lines of a one-item-a-line text field, without the blank ones."""
    return [line for line in text.splitlines() if line.strip()]


def add_months(day, months):
    """The same day `months` calendar months later, or that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def validate_not_in_the_future(year):
    if year > timezone.localdate().year:
        raise ValidationError(
            _("%(year)s is in the future: give the year the institution was founded."),
            params={"year": year},
        )


def validate_ranking_year(year):
    # Tables are published in the autumn under the next year's name.
    latest = timezone.localdate().year + 1
    if year > latest:
        raise ValidationError(
            _(
                "No ranking for %(year)s has been published yet "
                "(the latest possible is %(latest)s)."
            ),
            params={"year": year, "latest": latest},
        )


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


class InstitutionQuerySet(models.QuerySet):
    def search(self, query):
        """Institutions whose name, other names or city contain `query` (any script)."""
        key = search_key(query)
        return self.filter(search_text__contains=key) if key else self

    def with_best_world_rank(self):
        """Annotate `best_world_rank`: the best (lowest) world rank ever recorded."""
        return self.annotate(
            best_world_rank=Min(
                "rankings__rank_from", filter=Q(rankings__system__scope=Scope.WORLD)
            )
        )

    def for_list(self):
        """What a card needs: rankings newest first, one query for all of them."""
        return self.prefetch_related(Prefetch("rankings", queryset=rankings_newest_first()))

    def for_home(self, count=6):
        """A few institutions for the home page, best world rank first."""
        return (
            self.with_best_world_rank()
            .for_list()
            .order_by(models.F("best_world_rank").asc(nulls_last=True), with_fallback("name"))[
                :count
            ]
        )

    def for_detail(self):
        """The institution with its rankings and agreements."""
        return self.prefetch_related(
            Prefetch("rankings", queryset=rankings_newest_first()),
            Prefetch("agreements", queryset=Agreement.objects.order_by("-signed_on", "-pk")),
        )

    def for_admin_list(self, today=None):
        today = today or timezone.localdate()
        latest_world = Ranking.objects.filter(
            institution=OuterRef("pk"), system__scope=Scope.WORLD
        ).order_by("-year", "rank_from")
        return self.annotate(
            agreements_in_force=Count(
                "agreements",
                filter=Agreement.in_force_condition(today, prefix="agreements__"),
                distinct=True,
            ),
            latest_world_rank=Subquery(latest_world.values("rank_from")[:1]),
        ).prefetch_related(Prefetch("rankings", queryset=rankings_newest_first()))

    def with_agreement_expiring(self, today=None):
        """Institutions with an agreement in force that ends within six months."""
        today = today or timezone.localdate()
        return self.filter(
            models.Exists(
                Agreement.objects.expiring_within_six_months(today).filter(
                    institution=OuterRef("pk")
                )
            )
        )


class Institution(models.Model):
    name = PlainTextField(_("name"), max_length=200)
    other_names = PlainLongTextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Former, alternative and native names (e.g. in Cyrillic or Chinese), one a line. "
            "The directory search finds all of them."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the page's address: /partners/<slug>/."),
    )
    city = PlainTextField(_("city"), max_length=100)
    country = CountryField(_("country"), db_index=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_FOUNDING_YEAR), validate_not_in_the_future],
        help_text=_("The year the institution was founded."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = RasterImageField(
        _("logo"),
        upload_to="partners/logos/",
        blank=True,
        # The directory's card and the institution's page (templates/partners/).
        rendition_widths=(160, 240),
    )
    description = SanitizedHTMLField(_("description"), blank=True)
    strengths = PlainLongTextField(
        _("fields of strength"),
        blank=True,
        help_text=_("One a line, e.g. geological prospecting."),
    )
    search_text = models.TextField(editable=False, default="")

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True)
                | Q(founded_year__gte=EARLIEST_FOUNDING_YEAR),
                name="institution_founded_year_plausible",
                violation_error_message=_("Give a founding year from 800 on."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for language in content_languages():
            self.prepare_translation(language)
        self.search_text = self.make_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and any(
            name.startswith(("name", "other_names", "city")) for name in update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    def prepare_translation(self, language):
        """Clean the description and make a slug from the name, in one language."""
        description, name, slug = (
            localized_name(field, language) for field in ["description", "name", "slug"]
        )
        setattr(self, description, clean_html(getattr(self, description) or ""))
        if getattr(self, name) and not getattr(self, slug):
            setattr(self, slug, slugify(getattr(self, name), allow_unicode=True)[:200] or None)

    def make_search_text(self):
        """All names and the city, in every language, as the search compares them."""
        names = [
            *translations_of(self, "name"),
            *non_empty_lines(self.other_names or ""),
            *translations_of(self, "city"),
        ]
        return "\n".join(search_key(name) for name in names)

    # An institution's page is in a language when it has its own name and
    # description in it (or its own name when it has no description at all).
    def is_translated(self, language=None):
        fields = ["name", "description"] if self.description else ["name"]
        return has_translation(self, fields, language)

    @property
    def other_names_list(self):
        return non_empty_lines(self.other_names)

    @property
    def strengths_list(self):
        return non_empty_lines(self.strengths)

    def latest_rankings(self):
        """The newest ranking of each system, world rankings first.

        Reads `rankings.all()`, so querysets feeding lists prefetch it (`for_list()`).
        """
        latest = {}
        for ranking in self.rankings.all():
            current = latest.get(ranking.system_id)
            if current is None or ranking.year > current.year:
                latest[ranking.system_id] = ranking
        return sorted(latest.values(), key=lambda r: (r.system.scope != Scope.WORLD, r.rank_from))

    def latest_world_ranking(self):
        world = [r for r in self.latest_rankings() if r.system.scope == Scope.WORLD]
        return max(world, key=lambda r: r.year, default=None)


class Ranking(models.Model):
    """A place in one ranking system's table of one year: a rank or a band.

    A single rank (301) is stored with `rank_to` empty, a band (301 to 350) with
    both ends; `save()` turns a band of one (301 to 301) into the single rank, so
    each place has one spelling.
    """

    institution = models.ForeignKey(
        Institution, models.CASCADE, related_name="rankings", verbose_name=_("institution")
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


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of cooperation")
    PROGRAMME = "programme", _("Programme agreement")
    STUDENT_EXCHANGE = "student_exchange", _("Student exchange agreement")
    STAFF_EXCHANGE = "staff_exchange", _("Staff exchange agreement")
    JOINT_DEGREE = "joint_degree", _("Joint or double degree agreement")
    RESEARCH = "research", _("Research cooperation agreement")


class AgreementStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("In preparation")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")


class AgreementQuerySet(models.QuerySet):
    def in_force(self, today=None):
        return self.filter(Agreement.in_force_condition(today or timezone.localdate()))

    def expired(self, today=None):
        return self.filter(Agreement.expired_condition(today or timezone.localdate()))

    def in_preparation(self, today=None):
        today = today or timezone.localdate()
        return self.exclude(Agreement.in_force_condition(today)).exclude(
            Agreement.expired_condition(today)
        )

    def expiring_within_six_months(self, today=None):
        """In force today, and ending within six calendar months."""
        today = today or timezone.localdate()
        return self.in_force(today).filter(valid_until__lte=add_months(today, 6))


class Agreement(models.Model):
    """An agreement signed (or being prepared) with a partner institution.

    Its status follows its dates: in preparation until it is signed, in force from
    the day it is signed until its end date, expired after. `status_override` is for
    what the dates cannot say (an agreement ended early, or signed but suspended).
    """

    institution = models.ForeignKey(
        Institution, models.CASCADE, related_name="agreements", verbose_name=_("institution")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AgreementKind)
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, help_text=_("Leave empty while in preparation.")
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if open-ended.")
    )
    programmes = PlainLongTextField(
        _("programmes covered"),
        blank=True,
        help_text=_("One a line, e.g. polymer materials and engineering."),
    )
    signatories = PlainLongTextField(_("signatories"), blank=True, help_text=_("One a line."))
    status_override = models.CharField(
        _("status override"),
        max_length=20,
        choices=AgreementStatus,
        blank=True,
        help_text=_(
            "Normally empty: the status follows the dates. Set it only when the dates "
            "cannot say it, e.g. an agreement ended early."
        ),
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=models.F("signed_on")),
                name="agreement_ends_after_signing",
                violation_error_message=_("An agreement cannot end before it is signed."),
            ),
        ]

    def __str__(self):
        signed = self.signed_on.isoformat() if self.signed_on else _("unsigned")
        return f"{self.get_kind_display()} ({signed})"

    def clean(self):
        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            raise ValidationError(
                {"valid_until": _("The end date cannot be before the signing date.")}
            )

    @staticmethod
    def in_force_condition(today, prefix=""):
        """The rule for "in force" as a Q, for querysets and annotations alike."""
        dates_say_in_force = Q(**{f"{prefix}signed_on__lte": today}) & (
            Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today})
        )
        return Q(**{f"{prefix}status_override": AgreementStatus.IN_FORCE}) | (
            Q(**{f"{prefix}status_override": ""}) & dates_say_in_force
        )

    @staticmethod
    def expired_condition(today, prefix=""):
        return Q(**{f"{prefix}status_override": AgreementStatus.EXPIRED}) | Q(
            **{f"{prefix}status_override": "", f"{prefix}valid_until__lt": today}
        )

    def status_on(self, today):
        """The same rule as the conditions above, for one agreement."""
        if self.status_override:
            return AgreementStatus(self.status_override)
        if self.valid_until and self.valid_until < today:
            return AgreementStatus.EXPIRED
        if self.signed_on and self.signed_on <= today:
            return AgreementStatus.IN_FORCE
        return AgreementStatus.IN_PREPARATION

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return self.status.label

    @property
    def programmes_list(self):
        return non_empty_lines(self.programmes)

    @property
    def signatories_list(self):
        return non_empty_lines(self.signatories)
