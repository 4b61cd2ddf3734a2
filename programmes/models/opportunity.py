"""An opportunity: an exchange semester, a summer school, a joint degree, a
scholarship or a staff mobility, with its partners, text in every language and
publication."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fields import PlainLongTextField, PlainTextField, SanitizedHTMLField
from core.languages import content_languages, has_translation, localized_name
from core.models import EditorialRecord
from core.sanitize import clean_html
from core.translation_state import TracksTranslations

from .querysets import OpportunityQuerySet


class Kind(models.TextChoices):
    EXCHANGE = "exchange", _("Exchange semester")
    SUMMER_SCHOOL = "summer-school", _("Summer school")
    JOINT_DEGREE = "joint-degree", _("Joint degree")
    SCHOLARSHIP = "scholarship", _("Scholarship")
    STAFF_MOBILITY = "staff-mobility", _("Staff mobility")


class Level(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor's students")
    MASTER = "master", _("Master's students")
    DOCTORAL = "doctoral", _("Doctoral students")
    STAFF = "staff", _("Staff")
    ANY = "any", _("Students of any level")


# Addresses under /programmes/ that are not opportunities.
RESERVED_SLUGS = {"archive", "deadlines.ics"}


class Opportunity(TracksTranslations, EditorialRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = PlainTextField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        # Unique per language, checked in clean(): a unique column would make the
        # history table refuse its second row of one opportunity.
        db_index=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The last part of the address, after /programmes/, made from the title when left empty."
        ),
    )
    summary = PlainLongTextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in the list.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    language_of_instruction = PlainTextField(
        _("language of instruction"),
        max_length=200,
        blank=True,
        help_text=_("E.g. English, or Russian with a preparatory language course."),
    )
    duration = PlainTextField(
        _("duration"), max_length=200, blank=True, help_text=_("E.g. One semester (5 months).")
    )
    places = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many students or staff may go. Leave empty when not fixed."),
    )
    eligibility = SanitizedHTMLField(_("who may apply"), blank=True)
    how_to_apply = SanitizedHTMLField(_("how to apply"), blank=True)
    partners = models.ManyToManyField(
        "partners.Institution",
        verbose_name=_("partner institutions"),
        blank=True,
        related_name="opportunities",
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="opportunities",
        help_text=_("Forms and guides to download. Staff-only documents are never shown."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish from"),
        default=timezone.now,
        help_text=_("A time in the future schedules the opportunity: it becomes public then."),
    )
    # Which default-language text each translation was made from (core.translation_state).
    translation_sources = models.JSONField(default=dict, editable=False)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]),
                name="programmes_status_is_known",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for language in content_languages():
            for field in ["eligibility", "how_to_apply"]:
                name = localized_name(field, language)
                setattr(self, name, clean_html(getattr(self, name)))
            title, slug = localized_name("title", language), localized_name("slug", language)
            if getattr(self, title) and not getattr(self, slug):
                setattr(self, slug, self.free_slug(getattr(self, title), slug))
        self.record_translation_sources()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        for language in content_languages():
            column = localized_name("slug", language)
            slug = getattr(self, column)
            if slug in RESERVED_SLUGS:
                errors[column] = _("This address is taken by the site: choose another slug.")
            elif slug and (
                Opportunity.objects.exclude(pk=self.pk).filter(**{column: slug}).exists()
            ):
                errors[column] = _("Another programme has this slug: choose another.")
        if errors:
            raise ValidationError(errors)

    def free_slug(self, title, column):
        """A slug made from the title that no other opportunity has in this language."""
        base = slugify(title, allow_unicode=True)[:240].strip("-") or "programme"
        others = Opportunity.objects.exclude(pk=self.pk)
        candidate, number = base, 1
        while candidate in RESERVED_SLUGS or others.filter(**{column: candidate}).exists():
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    # An opportunity is available in a language when it has its own title there.
    TRANSLATION_REQUIRED_FIELDS = ["title"]
    # The text translations are made from (see core.translation_state).
    TRACKED_FIELDS = ["title", "summary", "eligibility", "how_to_apply"]

    @classmethod
    def translated_condition(cls, language):
        return Q(**{f"{localized_name('title', language)}__gt": ""})

    def is_translated(self, language=None):
        return has_translation(self, self.TRANSLATION_REQUIRED_FIELDS, language)

    # Where it stands in time, from its windows (prefetched, soonest first) -----------

    def window_state(self, now=None):
        """("open", window closing soonest) / ("upcoming", next window) / ("closed", None)."""
        now = now or timezone.now()
        windows = list(self.windows.all())
        open_now = [w for w in windows if w.opens_at <= now < w.closes_at]
        if open_now:
            return "open", min(open_now, key=lambda w: w.closes_at)
        ahead = [w for w in windows if w.opens_at > now]
        if ahead:
            return "upcoming", min(ahead, key=lambda w: w.opens_at)
        return "closed", None

    def public_documents(self):
        return [document for document in self.documents.all() if document.is_public]
