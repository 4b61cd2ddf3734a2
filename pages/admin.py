"""The page tree in the admin: a list in tree order, indented, and a change form with
the page's place (parent and position) among its fields, which works without
JavaScript and so under the admin's strict Content Security Policy."""

from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin_locking import OptimisticLockingAdminMixin
from core.admin_storage import StorageErrorsAdminMixin
from core.admin_tabs import LanguageTabsMixin, field_label
from core.history_admin import ReadableHistoryAdmin
from core.languages import content_languages, localized_name
from core.translation_admin import NeedsTranslationFilter, TranslationStatusMixin
from core.widgets import RichTextAdminMixin

from .forms import PageForm
from .models import Page

DEEPEST_INDENT = 6


@admin.register(Page)
class PageAdmin(
    StorageErrorsAdminMixin,
    OptimisticLockingAdminMixin,
    TranslationStatusMixin,
    LanguageTabsMixin,
    RichTextAdminMixin,
    TranslationAdmin,
    ReadableHistoryAdmin,
):
    form = PageForm
    list_display = ["tree_title", "translation_status", "publication", "show_in_navigation"]
    list_filter = ["status", "show_in_navigation", NeedsTranslationFilter]
    search_fields = [
        localized_name(field, code) for field in ("title", "slug") for code in content_languages()
    ]
    ordering = ["path"]
    # Through the documents' own search, which asks for their permission: a plain list
    # would show every document's title, staff-only ones too, to any page editor.
    autocomplete_fields = ["documents"]
    list_per_page = 200
    # The tree's own columns are not kept in the history (pages/translation.py).
    history_hidden_fields = [
        *ReadableHistoryAdmin.history_hidden_fields,
        "path",
        "depth",
        "numchild",
    ]
    readonly_fields = [
        "translation_status_explained",
        "address",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["translation_status_explained", "title", "slug", "summary", "body"]},
        ),
        (_("Place in the site"), {"fields": ["parent", "position", "show_in_navigation"]}),
        (_("Publication"), {"fields": ["status", "publish_at", "address"]}),
        (_("Cover image"), {"fields": ["cover", "cover_alt"]}),
        (_("Documents"), {"fields": ["documents"]}),
        (
            _("Record"),
            {
                "fields": ["created_by", "created_at", "updated_by", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-lists.css", "css/admin-pages.css"]}

    def get_ordering(self, request):
        # Tree order always: the indentation means nothing in any other.
        return ["path"]

    @admin.display(description=_("title"))
    def tree_title(self, page):
        depth = min(page.depth, DEEPEST_INDENT)
        return format_html('<span class="page-tree page-depth-{}">{}</span>', depth, page.title)

    @admin.display(description=_("address"))
    def address(self, page):
        if page is None or page.pk is None:
            return "—"
        url = page.get_absolute_url()
        # Shown as readers' browsers show it: 留学/..., not %E7%95%99%E5%AD%A6/...
        return format_html('<a href="{}">{}</a>', url, uri_to_iri(url))

    @admin.display(description=_("publication"), ordering="publish_at")
    def publication(self, page):
        when = date_format(timezone.localtime(page.publish_at), "SHORT_DATETIME_FORMAT")
        if page.status == Page.Status.DRAFT:
            text, state = _("Draft"), "draft"
        elif page.publish_at > timezone.now():
            text, state = _("Scheduled for %(time)s") % {"time": when}, "scheduled"
        else:
            text, state = _("Published %(time)s") % {"time": when}, "published"
        return format_html('<span class="publication publication-{}">{}</span>', state, text)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        obj._change_reason = self.describe_change(form, change)
        placement = form.placement()
        with transaction.atomic():
            if not change:
                obj._placement = placement
            super().save_model(request, obj, form, change)
            if change and placement is not None:
                target, pos = placement
                Page.objects.move(obj, Page.objects.get(pk=target.pk), pos)

    @staticmethod
    def describe_change(form, change):
        if not change:
            return str(_("Created"))
        fields = form.fields
        labels = [str(field_label(fields[name])) for name in form.changed_data if name in fields]
        reason = _("Changed: %(fields)s") % {"fields": ", ".join(labels) or "-"}
        return reason[:100]

    def get_deleted_objects(self, objs, request):
        # The pages under a deleted page go with it (treebeard deletes the branch):
        # the confirmation lists them too.
        pages = list(objs)
        below = Page.objects.none()
        for page in pages:
            below = below | Page.objects.get_descendants(page)
        extra = [page for page in below if page not in pages]
        return super().get_deleted_objects([*pages, *extra], request)
