from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fields import PlainLongTextField, PlainTextField, SanitizedHTMLField
from core.images import RasterImageField
from core.languages import (
    content_languages,
    equals_with_fallback,
    has_translation,
    localized_name,
    translated_languages,
    translations_of,
)
from core.pagecache import cached_for_this_version
from core.sanitize import clean_html
from core.search import search_document, search_terms

from . import search

YEARS_CACHE_NAME = "news:published-years"
# A scheduled release going public changes no row: it may open a new year without a
# new content version, so the years are looked up again after this many seconds.
YEARS_CACHE_SECONDS = 300
MOST_READ_DAYS = 365
COVER_WIDTHS = (480, 960, 1200)


class NewsReleaseQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and due (release time not in the future)."""
        return self.filter(status=NewsRelease.Status.PUBLISHED, release_time__lte=timezone.now())

    def for_list(self):
        """What a list of release cards needs, without the bodies."""
        return self.defer("body", "search_title", "search_text")

    def search(self, query):
        """Releases that have every word of `query` in their title, summary, body or
        author, in any language (see docs/search.md), in this queryset's order.

        A blank query finds everything; one with no words in it (only punctuation,
        say) finds nothing.
        """
        if not query.strip():
            return self
        terms = search_terms(query)
        return search.matches(self, terms) if terms else self.none()

    def search_results(self, query):
        """What search() finds, the most relevant first, as a sequence for a paginator
        (see news.search.SearchResults: the most recent matches only are ranked).
        A query with no words finds nothing."""
        return search.SearchResults(self, search_terms(query))

    def published_years(self):
        """The years that have public releases, oldest first.

        Cached for the content version (news.apps watches releases), because the
        database must look at every public row to find them.
        """
        return cached_for_this_version(
            YEARS_CACHE_NAME,
            lambda: [date.year for date in self.published().dates("release_time", "year")],
            YEARS_CACHE_SECONDS,
        )

    def most_read(self, days=MOST_READ_DAYS):
        """The most read of the releases of the last `days` days.

        Within a window, because view_count has no index (see NewsRelease.Meta): the
        (status, release_time, id) index finds the window's releases, and only those
        are sorted, however large the archive grows.
        """
        since = timezone.now() - timedelta(days=days)
        return self.filter(release_time__gte=since).order_by("-view_count", "-release_time")

    def neighbours_of(self, release):
        """The releases just before and just after `release` in this queryset's order."""
        # Written as a range plus an exclusion (not an OR) so that the database can
        # walk the (status, release_time, id) index from the release outwards.
        time, pk = release.release_time, release.pk
        older = (
            self.filter(release_time__lte=time)
            .exclude(release_time=time, pk__gte=pk)
            .order_by("-release_time", "-pk")
        )
        newer = (
            self.filter(release_time__gte=time)
            .exclude(release_time=time, pk__lte=pk)
            .order_by("release_time", "pk")
        )
        return self.filter(
            Q(pk=Subquery(older.values("pk")[:1])) | Q(pk=Subquery(newer.values("pk")[:1]))
        ).only("pk", "slug", "title", "release_time")

    def count_visit(self, pk, slug=None):
        """Add one view to the release in one atomic UPDATE; return the new count, or
        None when no release here has that id (and that slug, when one is given).

        The only place where view_count is written (see save()). The count comes back
        from the UPDATE itself (RETURNING, on SQLite and PostgreSQL alike), so showing
        it costs no second query.
        """
        visited = self.filter(pk=pk)
        if slug is not None:
            visited = visited.filter(equals_with_fallback("slug", slug))
        field = self.model._meta.get_field("view_count")
        with transaction.mark_for_rollback_on_error(using=self.db):
            # A private Django API, on purpose (checked against Django 6.1.3):
            # QuerySet.update() returns a row count only; _update() is what
            # Model.save() uses for the same statement with RETURNING.
            # tests/test_private_django_apis.py fails if it changes shape.
            rows = visited._update([(field, None, F("view_count") + 1)], [field])
        return rows[0][0] if rows else None


class NewsRelease(models.Model):
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
    partners = models.ManyToManyField(
        "partners.Institution",
        verbose_name=_("partner institutions"),
        blank=True,
        related_name="news_releases",
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # The release's words as search_document() writes them, titles apart so that a
    # match in a title counts for more; the database indexes both (docs/search.md).
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

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
            kwargs["update_fields"] = {*update_fields, "search_title", "search_text"}
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

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.release_time <= timezone.now()

    is_published.boolean = True
    is_published.short_description = _("public")

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

    def translated_languages(self):
        return translated_languages(self, self.TRANSLATION_REQUIRED_FIELDS)

    def is_translated(self, language=None):
        return has_translation(self, self.TRANSLATION_REQUIRED_FIELDS, language)


from .previews import PreviewLink  # noqa: E402, F401
