from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from core.admin_locking import OptimisticLockingAdminMixin
from core.admin_storage import StorageErrorsAdminMixin
from core.admin_tabs import LanguageTabsMixin, field_label
from core.history_admin import ReadableHistoryAdmin
from core.languages import localized_name
from core.library.models import LibraryImage
from core.translation_admin import NeedsTranslationFilter, TranslationStatusMixin
from core.widgets import RichTextAdminMixin

from .models import NewsRelease
from .preview_admin import PreviewLinksAdminMixin
from .readership_admin import ReadershipAdminMixin
from .topic_admin import TopicAdmin

__all__ = ["NewsReleaseAdmin", "TopicAdmin"]


class ReleaseYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = NewsRelease.objects.dates("release_time", "year", order="DESC")
        return [(str(date.year), str(date.year)) for date in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(release_time__year=int(self.value()))
        return queryset


class LibraryCoverField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"{item.alt_text} ({item.width} × {item.height})"


class NewsReleaseForm(forms.ModelForm):
    # A photo uploaded once (into a body, say) becomes the cover without a second upload.
    cover_from_library = LibraryCoverField(
        LibraryImage.objects.none(),
        required=False,
        label=_("cover from the media library"),
        help_text=_(
            "Instead of uploading a cover: a described picture from the media library. "
            "Its description becomes the cover's when that is empty."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A cover is never decorative: it needs its description.
        self.fields["cover_from_library"].queryset = LibraryImage.objects.filter(
            decorative=False
        ).exclude(alt_text="")

    def clean(self):
        data = super().clean()
        if data.get("cover_from_library") and self.files.get("cover"):
            self.add_error(
                "cover_from_library",
                _("Upload a cover or choose one from the media library, not both."),
            )
        return data


class PinnedOrArchivedFilter(admin.SimpleListFilter):
    title = _("pinned or archived")
    parameter_name = "shown"

    def lookups(self, request, model_admin):
        return [("pinned", _("Pinned")), ("expired", _("Archived (expired)"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "pinned":
            return queryset.filter(pinned_until__gt=now)
        if self.value() == "expired":
            return queryset.filter(expires_at__lte=now)
        return queryset


@admin.register(NewsRelease)
class NewsReleaseAdmin(
    StorageErrorsAdminMixin,
    ReadershipAdminMixin,
    OptimisticLockingAdminMixin,
    PreviewLinksAdminMixin,
    TranslationStatusMixin,
    LanguageTabsMixin,
    RichTextAdminMixin,
    TranslationAdmin,
    ReadableHistoryAdmin,
):
    form = NewsReleaseForm
    # A plain list, so that a column is added with list_display.insert() or +=.
    # The widths are in static/css/admin-lists.css: the title takes what is left.
    list_display = [
        "title",
        "translation_status",
        "author",
        "publication",
        "views",  # the view count, and a sparkline of the last 30 days
    ]
    list_filter = ["status", PinnedOrArchivedFilter, NeedsTranslationFilter, ReleaseYearFilter]
    # Searching goes through the full-text index of every language's title, summary
    # and body and the author (see get_search_results); the field named here only
    # turns the search box on.
    search_fields = ["title"]
    search_help_text = _("Searches titles, summaries and bodies in every language, and authors.")
    date_hierarchy = "release_time"
    actions = ["publish", "unpublish"]
    autocomplete_fields = ["partners", "documents"]
    readonly_fields = [
        "translation_status_explained",
        "view_count",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["translation_status_explained", "title", "slug", "summary", "body"]}),
        (
            _("Publication"),
            {"fields": ["status", "release_time", "pinned_until", "expires_at", "author"]},
        ),
        (_("Cover image"), {"fields": ["cover", "cover_from_library", "cover_alt"]}),
        (_("Topics and partner institutions"), {"fields": ["topics", "partners"]}),
        (_("Documents"), {"fields": ["documents"]}),
        (
            _("Record"),
            {
                "fields": ["view_count", "created_by", "created_at", "updated_by", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-lists.css", "css/admin-topics.css", "css/admin-readership.css"]}

    @admin.display(description=_("publication"), ordering="release_time")
    def publication(self, release):
        """One readable word for where a release stands, and when."""
        when = date_format(timezone.localtime(release.release_time), "SHORT_DATETIME_FORMAT")
        if release.status == NewsRelease.Status.DRAFT:
            text, state = _("Draft"), "draft"
        elif release.release_time > timezone.now():
            text, state = _("Scheduled for %(time)s") % {"time": when}, "scheduled"
        else:
            text, state = _("Published %(time)s") % {"time": when}, "published"
        shown = format_html('<span class="publication publication-{}">{}</span>', state, text)
        if not release.is_pinned():
            return shown
        # In the same column, so that the list keeps room for the title.
        until = date_format(timezone.localtime(release.pinned_until), "SHORT_DATETIME_FORMAT")
        pinned = _("Pinned until %(time)s") % {"time": until}
        return format_html('{}<br><span class="publication-pinned">{}</span>', shown, pinned)

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "topics":
            # A handful of topics: boxes to tick, in one wrapped row (admin-topics.css).
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "release_time":
            field.help_text = _(
                "Times are in the office's time zone (%(zone)s). A time in the future "
                "schedules the release: it becomes public then, by itself."
            ) % {"zone": settings.TIME_ZONE}
        return field

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        if item := form.cleaned_data.get("cover_from_library"):
            self.use_as_cover(obj, item)
        # Shown in the release's history as the reason for the change.
        obj._change_reason = self.describe_change(form, change)
        super().save_model(request, obj, form, change)

    @staticmethod
    def use_as_cover(release, item):
        # The library's file itself, not a copy: the library then counts the release
        # among its uses and keeps the file while the cover shows it.
        release.cover = item.file.name
        default_alt = localized_name("cover_alt", settings.LANGUAGE_CODE)
        if not getattr(release, default_alt):
            setattr(release, default_alt, item.alt_text)

    @staticmethod
    def describe_change(form, change):
        if not change:
            return str(_("Created"))
        fields = form.fields
        labels = [str(field_label(fields[name])) for name in form.changed_data if name in fields]
        reason = _("Changed: %(fields)s") % {"fields": ", ".join(labels) or "-"}
        return reason[:100]  # the history's column is 100 characters wide

    @admin.action(description=_("Publish the selected releases"), permissions=["change"])
    def publish(self, request, queryset):
        self.set_status(request, queryset, NewsRelease.Status.PUBLISHED)

    @admin.action(description=_("Unpublish the selected releases"), permissions=["change"])
    def unpublish(self, request, queryset):
        self.set_status(request, queryset, NewsRelease.Status.DRAFT)

    def set_status(self, request, queryset, status):
        # One save per release, so that each change is in its history.
        changed = 0
        for release in queryset.exclude(status=status):
            release.status = status
            release.updated_by = request.user
            release._change_reason = _("Status set to %(status)s") % {"status": status.label}
            release.save(update_fields=["status", "updated_by", "updated_at"])
            changed += 1
        scheduled = queryset.filter(status=status, release_time__gt=timezone.now()).count()
        self.message_user(
            request,
            ngettext("%(count)d release changed.", "%(count)d releases changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )
        if status == NewsRelease.Status.PUBLISHED and scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them is scheduled and becomes public at its release time.",
                    "%(count)d of them are scheduled and become public at their release time.",
                    scheduled,
                )
                % {"count": scheduled},
                messages.INFO,
            )
