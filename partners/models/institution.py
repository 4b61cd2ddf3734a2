"""Partner institutions: what the directory lists and searches."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Min, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.collation import sort_key
from core.fields import PlainLongTextField, PlainTextField, SanitizedHTMLField
from core.images import RasterImageField
from core.languages import (
    content_languages,
    has_translation,
    localized_name,
    translations_of,
)
from core.sanitize import clean_html
from core.translation_state import TracksTranslations
from documents.models import Document

from ..identifiers import (
    IdentifierField,
    normalize_erasmus_code,
    normalize_ror_id,
    normalize_schac_code,
    validate_erasmus_code,
    validate_ror_id,
    validate_schac_code,
)
from .agreement import Agreement
from .common import (
    EARLIEST_FOUNDING_YEAR,
    non_empty_lines,
    search_key,
    validate_not_in_the_future,
)
from .ranking import Ranking, Scope, rankings_newest_first


def name_order():
    """The sort key column of the active language: names as its readers order them."""
    return localized_name("sort_key")


class InstitutionQuerySet(models.QuerySet):
    def in_name_order(self):
        return self.order_by(name_order(), "pk")

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
        """What a card needs: its successor, and rankings newest first in one query
        for all of them."""
        return self.select_related("successor").prefetch_related(
            Prefetch("rankings", queryset=rankings_newest_first())
        )

    def for_home(self, count=6):
        """A few institutions for the home page, best world rank first."""
        return (
            self.with_best_world_rank()
            .for_list()
            .order_by(models.F("best_world_rank").asc(nulls_last=True), name_order(), "pk")[:count]
        )

    def for_detail(self):
        """The institution with its former names, successor and predecessors, its
        rankings and agreements, their public documents and their cooperation
        conditions with the conditions' subject areas: a fixed number of queries
        however many there are."""
        return self.select_related("successor").prefetch_related(
            "former_names",
            Prefetch("predecessors", queryset=Institution.objects.in_name_order()),
            Prefetch("rankings", queryset=rankings_newest_first()),
            Prefetch("agreements", queryset=Agreement.objects.order_by("-signed_on", "-pk")),
            Prefetch(
                "agreements__documents",
                queryset=Document.objects.public(),
                to_attr="prefetched_public_documents",
            ),
            "agreements__conditions__subject_areas",
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


class Institution(TracksTranslations, models.Model):
    name = PlainTextField(_("name"), max_length=200)
    other_names = PlainLongTextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Alternative and native names and abbreviations (e.g. in Cyrillic or Chinese), "
            "one per line; former names with their years go under Former names. "
            "The directory search finds all of them."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_(
            "The last part of the page's address, after /partners/: "
            "lowercase letters, digits and hyphens, e.g. irkutsk-state-university."
        ),
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
    ror_id = IdentifierField(
        _("ROR ID"),
        max_length=9,
        normalize=normalize_ror_id,
        validators=[validate_ror_id],
        help_text=_(
            "The institution's ID in the Research Organization Registry, e.g. 05qghxh33 "
            "(its ror.org address may be pasted)."
        ),
    )
    erasmus_code = IdentifierField(
        _("Erasmus code"),
        max_length=20,
        normalize=normalize_erasmus_code,
        validators=[validate_erasmus_code],
        help_text=_("For institutions in the Erasmus+ programme, e.g. PL WARSZAW01."),
    )
    schac_code = IdentifierField(
        _("SCHAC code"),
        max_length=253,
        normalize=normalize_schac_code,
        validators=[validate_schac_code],
        help_text=_(
            "The institution's main internet domain, as Erasmus Without Paper "
            "identifies it, e.g. uw.edu.pl."
        ),
    )
    successor = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("succeeded by"),
        help_text=_(
            "When the institution merged into another or was replaced by it: "
            "its page then points readers to the successor."
        ),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Of the campus or the city, in degrees: north positive, e.g. 52.2887."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("In degrees: east positive, e.g. 104.2807."),
    )
    description = SanitizedHTMLField(_("description"), blank=True)
    strengths = PlainLongTextField(
        _("fields of strength"),
        blank=True,
        help_text=_("One per line, e.g. geological prospecting."),
    )
    search_text = models.TextField(editable=False, default="")
    # The name as each language shows it, made comparable (core.collation): the
    # directory orders by the visitor's language's key, on any database.
    sort_key_en = models.CharField(max_length=400, editable=False, default="")
    sort_key_zh_hans = models.CharField(max_length=400, editable=False, default="")
    sort_key_ru = models.CharField(max_length=400, editable=False, default="")
    # Which default-language text each translation was made from (core.translation_state).
    translation_sources = models.JSONField(default=dict, editable=False)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["sort_key_en"], name="institution_sort_en_idx"),
            models.Index(fields=["sort_key_zh_hans"], name="institution_sort_zh_hans_idx"),
            models.Index(fields=["sort_key_ru"], name="institution_sort_ru_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True)
                | Q(founded_year__gte=EARLIEST_FOUNDING_YEAR),
                name="institution_founded_year_plausible",
                violation_error_message=_("Give a founding year from 800 on."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="institution_both_coordinates_or_neither",
                violation_error_message=_("Give both the latitude and the longitude, or neither."),
            ),
            *(
                models.UniqueConstraint(
                    fields=[field],
                    condition=~Q(**{field: ""}),
                    name=f"institution_unique_{field}",
                    violation_error_message=message,
                )
                for field, message in [
                    ("ror_id", _("Another institution has this ROR ID.")),
                    ("erasmus_code", _("Another institution has this Erasmus code.")),
                    ("schac_code", _("Another institution has this SCHAC code.")),
                ]
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")),
                name="institution_not_its_own_successor",
                violation_error_message=_("An institution cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.derive_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and any(
            name.startswith(("name", "other_names", "city")) for name in update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "search_text", *self.sort_key_fields()}
        if update_fields is not None and any(
            name.startswith(tuple(self.TRACKED_FIELDS)) for name in update_fields
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "translation_sources"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.successor_id is not None and self.pk is not None:
            self.check_succession()

    def check_succession(self):
        """No institution succeeds itself, directly or through others."""
        seen, successor = {self.pk}, self.successor
        while successor is not None:
            if successor.pk in seen:
                raise ValidationError(
                    {
                        "successor": _(
                            "%(successor)s already comes after this institution: "
                            "an institution cannot succeed itself."
                        )
                        % {"successor": self.successor}
                    }
                )
            seen.add(successor.pk)
            successor = successor.successor

    @property
    def ror_url(self):
        return f"https://ror.org/{self.ror_id}" if self.ror_id else ""

    def current_successor(self):
        """The institution that stands for this one today: the last of its successors.

        A cycle (two staff members saving at once can make one) ends at the last
        institution before this one comes round again, never at this one."""
        successor, seen = self.successor, {self.pk}
        while successor is not None and successor.successor_id not in {None, *seen}:
            seen.add(successor.pk)
            successor = successor.successor
        return successor

    def derive_fields(self):
        """Make what is stored alongside the typed fields: in every language, the
        cleaned description, a slug from the name (unless one was given) and the
        name's sort key; and `search_text`.

        save() calls it, and so does anything that writes institutions without
        save() (the benchmark's bulk inserts), so that both store the same.
        """
        default = settings.LANGUAGE_CODE
        for language in content_languages():
            description, name, slug = (
                localized_name(field, language) for field in ["description", "name", "slug"]
            )
            # Cleaned here rather than when written, so that the instance shows what
            # is stored; the field then writes it without cleaning it again.
            setattr(self, description, clean_html(getattr(self, description)))
            if getattr(self, name) and not getattr(self, slug):
                setattr(self, slug, self.slug_for(getattr(self, name)))
            # The name the language shows: its own, or the default language's.
            shown = getattr(self, name) or getattr(self, localized_name("name", default))
            setattr(self, localized_name("sort_key", language), sort_key(shown, language))
        self.search_text = self.make_search_text()
        self.record_translation_sources()

    @staticmethod
    def sort_key_fields():
        return [localized_name("sort_key", language) for language in content_languages()]

    @staticmethod
    def slug_for(name):
        """The slug made from a name, or None (no slug) when nothing of it is left."""
        return slugify(name, allow_unicode=True)[:200] or None

    def make_search_text(self):
        """All names and the city, in every language, as the search compares them:
        one folded name a line, so that no query matches across two of them."""
        names = [
            *translations_of(self, "name"),
            *non_empty_lines(self.other_names or ""),
            *self.former_names_for_search(),
            *translations_of(self, "city"),
            *self.identifiers(),
        ]
        return "\n".join(search_key(name) for name in names)

    def identifiers(self):
        """The codes the institution is found by, also as they are often typed:
        an Erasmus code without its padding, a ROR ID as its address."""
        codes = [self.ror_id, self.ror_url, self.erasmus_code, self.schac_code]
        if self.erasmus_code:
            codes += [" ".join(self.erasmus_code.split()), self.erasmus_code.replace(" ", "")]
        return [code for code in codes if code]

    def refresh_search_text(self):
        """Store the search text again from what the database holds now (after a
        former name was added or removed), and so re-index the institution."""
        fresh = type(self).objects.get(pk=self.pk)
        fresh.save(update_fields=["search_text"])

    def former_names_for_search(self):
        if self.pk is None:
            return []
        return [name for former in self.former_names.all() for name in former.all_names()]

    # The text translations are made from (see core.translation_state).
    TRACKED_FIELDS = ["name", "description"]

    @classmethod
    def translated_condition(cls, language):
        """is_translated(language) in a query."""
        default = localized_name("description", settings.LANGUAGE_CODE)
        own_description = Q(**{f"{localized_name('description', language)}__gt": ""})
        no_description = Q(**{f"{default}__isnull": True}) | Q(**{default: ""})
        return Q(**{f"{localized_name('name', language)}__gt": ""}) & (
            own_description | no_description
        )

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
