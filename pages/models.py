"""The office's pages, kept as a tree (django-treebeard's materialized path).

A page's address is the chain of its ancestors' slugs, per language. It is stored in
`url_path` (one column a language) so that finding the page an address names is one
indexed query; save() and move() keep it right for the page and all its descendants,
and remember each address left behind in PageRedirect.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.fields import PlainLongTextField, PlainTextField, SanitizedHTMLField
from core.images import RasterImageField
from core.languages import content_languages, has_translation, localized_name
from core.models import EditorialRecord
from core.sanitize import clean_html
from core.translation_state import TracksTranslations

from . import paths

COVER_WIDTHS = (480, 960, 1200)
# A page's address is indexed: at most this many characters (three bytes each in
# Chinese stays under PostgreSQL's limit for an index entry).
URL_PATH_LENGTH = 500
SLUG_LENGTH = 100


class PageQuerySet(MP_NodeQuerySet):
    def own_public(self):
        return self.filter(status=Page.Status.PUBLISHED, publish_at__lte=timezone.now())

    def published(self):
        """What the public may see: published and due, under ancestors that all are.

        Every public view, the navigation, the breadcrumbs and the sitemap use it.
        An ancestor is a page whose path is the start of this one's.
        """
        hidden = (
            Page.objects.filter(depth__lt=OuterRef("depth"))
            .filter(path=Substr(OuterRef("path"), 1, Length("path")))
            .exclude(status=Page.Status.PUBLISHED, publish_at__lte=timezone.now())
        )
        return self.own_public().filter(~Exists(hidden))


class PageManager(MP_NodeManager):
    def get_queryset(self):
        # Tree order, as treebeard's own manager gives it, with published().
        return PageQuerySet(self.model, using=self._db).order_by("path")

    def published(self):
        return self.get_queryset().published()

    def move(self, node, target, pos=None):
        """Move `node` (and what is under it) as treebeard does, then carry the move
        to the addresses, in the same transaction."""
        with transaction.atomic():
            stored = self.filter(pk=node.pk).values(*paths.stored_columns()).get()
            super().move(node, target, pos)
            fresh = self.filter(pk=node.pk).values("path", "depth", "numchild").get()
            node.path, node.depth, node.numchild = fresh["path"], fresh["depth"], fresh["numchild"]
            paths.set_url_paths(node, node.parent_row())
            columns = list(paths.url_path_columns().values())
            self.filter(pk=node.pk).update(**{column: getattr(node, column) for column in columns})
            paths.after_address_change(node, stored)


class Page(TracksTranslations, EditorialRecord, MP_Node):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = PlainTextField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_LENGTH,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "This page's part of the address, made from the title when left empty. "
            "Changing it later keeps old links working: they redirect."
        ),
    )
    summary = PlainLongTextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in lists of pages and to search engines."),
    )
    body = SanitizedHTMLField(_("body"))
    cover = RasterImageField(
        _("cover image"), upload_to="pages/covers/%Y/", blank=True, rendition_widths=COVER_WIDTHS
    )
    cover_alt = PlainTextField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    show_in_navigation = models.BooleanField(
        _("show in the main navigation"),
        default=False,
        help_text=_(
            "A top-level page is then listed in the site's main menu, and a page under "
            "it in that entry's submenu."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publication time"), default=timezone.now)
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="pages",
        help_text=_("Files readers can download from this page. Staff-only ones are not shown."),
    )
    # The address from the root, per language, without slashes around it; kept by
    # save() and move().
    url_path = models.CharField(max_length=URL_PATH_LENGTH, editable=False, db_index=True)
    translation_sources = models.JSONField(default=dict, editable=False)

    objects = PageManager()

    # Order among siblings is set by hand (the admin's position), never by a field.
    node_order_by = []

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="pages_status_is_known"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page", kwargs={"page_path": self.url_path})

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    is_published.boolean = True
    is_published.short_description = _("public")

    # A page is available in a language when it has its own title and body in it.
    TRANSLATION_REQUIRED_FIELDS = ["title", "body"]
    TRACKED_FIELDS = ["title", "summary", "body"]

    @classmethod
    def translated_condition(cls, language):
        fields = cls.TRANSLATION_REQUIRED_FIELDS
        return Q(*(Q(**{f"{localized_name(f, language)}__gt": ""}) for f in fields))

    def is_translated(self, language=None):
        return has_translation(self, self.TRANSLATION_REQUIRED_FIELDS, language)

    def effective_slug(self, language):
        """The slug the address uses in `language`: its own, or the default language's."""
        own = getattr(self, localized_name("slug", language))
        return own or getattr(self, localized_name("slug", settings.LANGUAGE_CODE))

    def parent_row(self):
        if self.depth is None or self.depth <= 1:
            return None
        return Page.objects.filter(path=self.path[: -self.steplen]).first()

    def derive_fields(self):
        """Clean the bodies, make missing slugs from titles, note translation sources."""
        for language in content_languages():
            body, title, slug = (localized_name(f, language) for f in ["body", "title", "slug"])
            setattr(self, body, clean_html(getattr(self, body)))
            if getattr(self, title) and not getattr(self, slug):
                setattr(self, slug, paths.slug_for(getattr(self, title)))
        self.record_translation_sources()

    def save(self, *args, **kwargs):
        if not self.path:
            # A new page takes its place through treebeard, which saves it again.
            return self.add_to_tree(getattr(self, "_placement", None))
        with transaction.atomic():
            stored = None
            if self.pk is not None:
                stored = Page.objects.filter(pk=self.pk).values(*paths.stored_columns()).first()
            if stored is not None:
                # The tree's own columns change only through treebeard (add, move): a
                # form, a restored version or a stale copy never writes them back.
                self.path, self.depth, self.numchild = (
                    stored["path"],
                    stored["depth"],
                    stored["numchild"],
                )
            self.derive_fields()
            paths.set_url_paths(self, self.parent_row())
            super().save(*args, **kwargs)
            if stored is not None:
                paths.after_address_change(self, stored)

    def add_to_tree(self, placement):
        """Add this new page at `placement` ((target, treebeard position)), or last
        at the top level when it is None."""
        self._placement = None
        with transaction.atomic():
            if placement is None:
                return Page.objects.add_root(instance=self)
            target, pos = placement
            if pos in ("first-child", "last-child"):
                Page.objects.add_child(target, instance=self)
                if pos == "first-child":
                    Page.objects.move(self, Page.objects.get(pk=target.pk), "first-child")
                return self
            return Page.objects.add_sibling(target, pos, instance=self)


class PageRedirect(models.Model):
    """An address a page had (before a move or a new slug), sent on to where it is now."""

    language = models.CharField(_("language"), max_length=16)
    old_path = models.CharField(_("old address"), max_length=URL_PATH_LENGTH)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("page redirect")
        verbose_name_plural = _("page redirects")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "old_path"], name="pages_redirect_unique_path"
            ),
        ]

    def __str__(self):
        return f"/{self.old_path}/ ({self.language})"
