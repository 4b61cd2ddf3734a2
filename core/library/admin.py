"""The media library in the admin: thumbnails, search, the unused ones, descriptions."""

from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.images import get_rendition
from core.images.renditions import forget_renditions, rendition_name

from .usage import usages_by_name

THUMBNAIL_WIDTH = 160


def used_names(items):
    return usages_by_name(item.file.name for item in items)


class UsageFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [
            ("unused", _("Not used anywhere")),
            ("used", _("Used")),
            ("undescribed", _("Without a description")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "undescribed":
            return queryset.filter(decorative=False, alt_text="")
        if self.value() not in {"used", "unused"}:
            return queryset
        rows = list(queryset.values_list("pk", "file"))
        used = usages_by_name(name for _pk, name in rows)
        pks = [pk for pk, name in rows if name in used]
        if self.value() == "used":
            return queryset.filter(pk__in=pks)
        return queryset.exclude(pk__in=pks)


class LibraryImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "description", "dimensions", "uploaded_by", "uploaded_at", "use"]
    list_display_links = ["thumbnail", "description"]
    list_filter = [UsageFilter, "decorative", "uploaded_at"]
    search_fields = ["alt_text", "file"]
    search_help_text = _("Searches descriptions and file names.")
    list_per_page = 40
    actions = ["delete_unused"]
    fields = [
        "preview",
        "alt_text",
        "decorative",
        "dimensions",
        "uploader",
        "uploaded_at",
        "used_in",
    ]
    readonly_fields = ["preview", "dimensions", "uploader", "uploaded_at", "used_in"]

    class Media:
        css = {"all": ["css/admin-library.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    def changelist_view(self, request, extra_context=None):
        self._used = None
        return super().changelist_view(request, extra_context)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        # The built-in bulk delete would remove images that pages still show.
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        # Images come in through the editor's upload, which checks and re-encodes them.
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.usages(obj):
            return False
        return super().has_delete_permission(request, obj)

    def usages(self, obj):
        return usages_by_name([obj.file.name]).get(obj.file.name, [])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        delete_files(obj)

    @admin.action(
        description=_("Delete the selected images that are not used"), permissions=["delete"]
    )
    def delete_unused(self, request, queryset):
        items = list(queryset)
        used = used_names(items)
        deleted = 0
        for item in items:
            if item.file.name not in used:
                item.delete()
                delete_files(item)
                deleted += 1
        self.message_user(
            request,
            ngettext("%(count)d image deleted.", "%(count)d images deleted.", deleted)
            % {"count": deleted},
            messages.SUCCESS,
        )
        if kept := len(items) - deleted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d image is still used and was kept.",
                    "%(count)d images are still used and were kept.",
                    kept,
                )
                % {"count": kept},
                messages.WARNING,
            )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        rendition = get_rendition(obj.file, THUMBNAIL_WIDTH)
        if rendition is None:
            return _("(file missing)")
        return format_html(
            '<img class="library-thumbnail" src="{}" width="{}" height="{}" alt="">',
            rendition.url,
            rendition.width,
            rendition.height,
        )

    @admin.display(description=_("uploaded by"))
    def uploader(self, obj):
        # A name, not a link to the user's page, which most editors may not open.
        return obj.uploaded_by or "-"

    @admin.display(description=_("preview"))
    def preview(self, obj):
        rendition = get_rendition(obj.file, 640)
        if rendition is None:
            return _("(file missing)")
        return format_html(
            '<img class="library-preview" src="{}" width="{}" height="{}" alt="">',
            rendition.url,
            rendition.width,
            rendition.height,
        )

    @admin.display(description=_("description (alt text)"), ordering="alt_text")
    def description(self, obj):
        if obj.decorative:
            return _("Decorative")
        return obj.alt_text or format_html(
            '<span class="library-missing">{}</span>', _("No description yet")
        )

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return _("%(width)d × %(height)d px, %(kb)d KB") % {
            "width": obj.width,
            "height": obj.height,
            "kb": max(1, round(obj.size / 1024)),
        }

    @admin.display(description=_("used in"))
    def use(self, obj):
        if self._used is None:
            self._used = usages_by_name(self.model.objects.values_list("file", flat=True))
        count = len(self._used.get(obj.file.name, []))
        if not count:
            return _("Not used")
        return ngettext("%(count)d page", "%(count)d pages", count) % {"count": count}

    @admin.display(description=_("used in"))
    def used_in(self, obj):
        usages = self.usages(obj)
        if not usages:
            return _("Not used anywhere: it can be deleted.")
        return format_html_join(
            "",
            '<p><a href="{}">{}: {}</a></p>',
            ((admin_url(usage), usage.kind, record_label(usage)) for usage in usages),
        )

    _used = None


def admin_url(usage):
    meta = usage.model._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[usage.pk])
    except NoReverseMatch:
        return ""


def record_label(usage):
    record = usage.model._base_manager.filter(pk=usage.pk).first()
    return str(record) if record is not None else usage.pk


def delete_files(item):
    """The file and every rendition made of it, whatever width a page asked for."""
    name = item.file.name
    folder, _slash, stem = rendition_name(name, 0).removesuffix(".0w.webp").rpartition("/")
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        files = []
    renditions = [f"{folder}/{file}" for file in files if file.startswith(stem + ".")]
    for rendition in renditions:
        default_storage.delete(rendition)
    # Their records never expire on their own: nothing would ask for them again.
    forget_renditions(renditions)
    default_storage.delete(name)
