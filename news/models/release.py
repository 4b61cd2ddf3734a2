"""A news release: its text in every language, its publication, its search words."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fields import PlainLongTextField, PlainTextField, SanitizedHTMLField
from core.images import RasterImageField
from core.languages import (
    content_languages,
    has_translation,
    localized_name,
    translated_languages,
    translations_of,
)
from core.models import EditorialRecord
from core.sanitize import clean_html
from core.search import search_document
from core.translation_state import TracksTranslations

from .querysets import NewsReleaseQuerySet

COVER_WIDTHS = (480, 960, 1200)


class NewsRelease(TracksTranslations, EditorialRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = PlainTextField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The last part of the address, made from the title when left empty. "
            "Changing it later keeps old links working."
        ),
    )
    summary = PlainLongTextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists and feeds.")
    )
    body = SanitizedHTMLField(_("body"))
    author = PlainTextField(_("author"), max_length=100, blank=True)
    cover = RasterImageField(
        _("cover image"),
        upload_to="news/covers/%Y/",
        blank=True,
        # A card's thumbnail, the release page's picture, its og:image (templates/news/).
        rendition_widths=COVER_WIDTHS,
    )
    cover_alt = PlainTextField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    release_time = models.DateTimeField(_("release time"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    expires_at = models.DateTimeField(
        _("archive after"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to keep the release listed. After this time it leaves the home "
            "page, the news list, the feed, the sitemap and the search; its own page "
            "stays at its address, marked as archived and hidden from search engines, "
            "so that links to it keep working."
        ),
    )
    pinned_until = models.DateTimeField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_(
            "Shows the release first on the home page and the news list until this "
            "time; the most recently pinned comes first. Leave empty not to pin it."
        ),
    )
    # When the pin was set (or moved): the newest pin comes first. Kept by save().
    pinned_at = models.DateTimeField(null=True, editable=False)
    # Which default-language text each translation was made from (core.translation_state).
    translation_sources = models.JSONField(default=dict, editable=False)
    partners = models.ManyToManyField(
        "partners.Institution",
        verbose_name=_("partner institutions"),
        blank=True,
        related_name="news_releases",
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="news_releases",
        help_text=_("Forms, guides or agreements offered for download under the release."),
    )
    topics = models.ManyToManyField(
        "news.Topic", verbose_name=_("topics"), blank=True, related_name="releases"
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # The release's words as search_document() writes them, titles apart so that a
    # match in a title counts for more; the database indexes both (docs/search.md).
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = NewsReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("news release")
        verbose_name_plural = _("news releases")
        ordering = ["-release_time", "-pk"]
        get_latest_by = "release_time"
        indexes = [
            models.Index(fields=["status", "-release_time", "-id"], name="news_public_order"),
        ]
        # No index on view_count, on purpose: a visit's UPDATE that changes no indexed
        # column is a HOT update on PostgreSQL (the new row version goes on the same
        # page, no index is touched), about eight times cheaper than one that must add
        # an entry to each of this table's indexes. See most_read().
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="news_status_is_known"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.derive_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.touches_searched_fields(update_fields):
            derived = {"search_title", "search_text", "translation_sources"}
            kwargs["update_fields"] = {*update_fields, *derived}
        if self.pk is not None and kwargs.get("update_fields") is None:
            # Never write view_count back: it may have grown since this object was
            # read, and an edit would roll those visits back. Fall back to an insert
            # when the row does not exist.
            try:
                return super().save(*args, update_fields=self.fields_saved_on_edit(), **kwargs)
            except self.NotUpdated:
                pass
        return super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def get_short_url(self):
        """The address without the slug, which redirects to the canonical one: what is
        shared. A Chinese or Russian slug percent-encoded is hundreds of characters,
        unreadable in a link field and a QR code too dense to scan off a screen."""
        return reverse("news:detail_by_id", kwargs={"pk": self.pk})

    @property
    def public_documents(self):
        """The attached documents anyone may download, from the detail view's
        prefetch, else from one query. Staff-only ones are never listed on a page."""
        prefetched = getattr(self, "prefetched_public_documents", None)
        return prefetched if prefetched is not None else list(self.documents.public())

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        release = super().from_db(db, field_names, values, **kwargs)
        release._read_pinned_until = release.__dict__.get("pinned_until")
        return release

    def clean(self):
        super().clean()
        if self.expires_at and self.release_time and self.expires_at <= self.release_time:
            raise ValidationError(
                {"expires_at": _("The release must be archived after its release time.")}
            )

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.release_time <= timezone.now()

    is_published.boolean = True
    is_published.short_description = _("public")

    def is_expired(self, now=None):
        """Archived: past its end time, so in no public list, though its page stays."""
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def is_pinned(self, now=None):
        return self.pinned_until is not None and self.pinned_until > (now or timezone.now())

    @classmethod
    def fields_saved_on_edit(cls):
        return [
            field.name
            for field in cls._meta.concrete_fields
            if not field.primary_key and field.name != "view_count"
        ]

    def derive_fields(self):
        """Make what is stored alongside the typed fields: in every language the
        cleaned body and a slug from the title (unless given), and the search document.
        save() calls it, and so does any writer that bypasses save() (bulk inserts)."""
        for language in content_languages():
            body, title, slug = (localized_name(f, language) for f in ["body", "title", "slug"])
            # Cleaned here rather than when written, because the search words are
            # made from the body as stored; the field then writes it as it is.
            setattr(self, body, clean_html(getattr(self, body)))
            if getattr(self, title) and not getattr(self, slug):
                setattr(self, slug, self.slug_for(getattr(self, title)))
        self.make_search_document()
        self.record_translation_sources()
        self.derive_pin()

    def derive_pin(self):
        if self.pinned_until is None:
            self.pinned_at = None
        elif self.pinned_at is None or self.pinned_until != getattr(
            self, "_read_pinned_until", None
        ):
            self.pinned_at = timezone.now()
        self._read_pinned_until = self.pinned_until

    @staticmethod
    def slug_for(title):
        return slugify(title, allow_unicode=True)[:255].strip("-") or "release"

    # The text a release is found by, in every language (see make_search_document()).
    TRANSLATED_SEARCHED_FIELDS = ["title", "summary", "body"]
    SEARCHED_FIELDS = {"author"} | {
        name
        for field in TRANSLATED_SEARCHED_FIELDS
        for name in [field, *(localized_name(field, code) for code in content_languages())]
    }

    def touches_searched_fields(self, update_fields):
        return bool(set(update_fields) & self.SEARCHED_FIELDS)

    def make_search_document(self):
        """Fill search_title and search_text from every language's text."""
        self.search_title = search_document(*translations_of(self, "title"))
        self.search_text = search_document(
            *translations_of(self, "summary"),
            *(strip_tags(body) for body in translations_of(self, "body")),
            self.author,
        )

    # A release is available in a language when it has its own title and body in it.
    TRANSLATION_REQUIRED_FIELDS = ["title", "body"]

    # The text translations are made from (see core.translation_state).
    TRACKED_FIELDS = ["title", "summary", "body"]

    @classmethod
    def translated_condition(cls, language):
        return Q(
            *(
                Q(**{f"{localized_name(f, language)}__gt": ""})
                for f in cls.TRANSLATION_REQUIRED_FIELDS
            )
        )

    def translated_languages(self):
        return translated_languages(self, self.TRANSLATION_REQUIRED_FIELDS)

    def is_translated(self, language=None):
        return has_translation(self, self.TRANSLATION_REQUIRED_FIELDS, language)
