"""Documents in the admin: upload (checked by content), replace, find where used."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin_locking import OptimisticLockingAdminMixin
from core.admin_storage import StorageErrorsAdminMixin
from core.admin_tabs import LanguageTabsMixin, field_label
from core.history_admin import ReadableHistoryAdmin
from core.languages import content_languages, localized_name

from .models import Document, stored_name
from .usage import annotate_usage, usage_counts, users_of
from .validation import ACCEPTED, document_kind, megabytes


class CurrentDocument:
    """The current file as the file input shows it: its name readers get, linked to
    the download view."""

    def __init__(self, document):
        self.url = document.get_absolute_url()
        self.name = document.original_name

    def __str__(self):
        return self.name


class DownloadLinkInput(forms.ClearableFileInput):
    """Links the current file to the download view, which checks permission, never to
    the storage's own address of it (a private bucket's signed URL, for instance)."""

    document = None

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        if self.is_initial(value) and self.document is not None:
            return CurrentDocument(self.document)
        return super().format_value(value)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file", "visibility"]
        widgets = {"file": DownloadLinkInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            if self.instance.pk:
                self.fields["file"].widget.document = self.instance
            self.fields["file"].help_text = _(
                "%(accepted)s At most %(limit)s MB. Replacing the file keeps the "
                "document's address, so links to it keep working."
            ) % {"accepted": ACCEPTED, "limit": megabytes(settings.DOCUMENT_MAX_BYTES)}
            self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.odt,.ods"

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if (
            uploaded
            and uploaded is not getattr(self.instance, "file", None)
            and hasattr(uploaded, "content_type")
        ):
            # Judged by content: the kind found decides the stored extension and the
            # name readers get, whatever the uploaded name says.
            kind = document_kind(uploaded)
            self.instance.kind = kind
            self.instance.size = uploaded.size
            self.instance.original_name = stored_name(uploaded.name, kind)
        return uploaded


class KindFilter(admin.SimpleListFilter):
    title = _("type")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return Document.Kind.choices

    def queryset(self, request, queryset):
        if self.value() in Document.Kind.values:
            return queryset.filter(kind=self.value())
        return queryset


@admin.register(Document)
class DocumentAdmin(
    StorageErrorsAdminMixin,
    OptimisticLockingAdminMixin,
    LanguageTabsMixin,
    TranslationAdmin,
    ReadableHistoryAdmin,
):
    form = DocumentForm
    list_display = [
        "title",
        "kind",
        "file_size",
        "visibility",
        "uploaded_by",
        "created_at",
        "used_by",
    ]
    list_filter = [KindFilter, "visibility"]
    # Every language's title, whatever the admin's language: the box that attaches
    # documents searches with these too, and a title may be written in one only.
    search_fields = [
        *(localized_name("title", code) for code in content_languages()),
        "original_name",
    ]
    search_help_text = _("Searches titles in every language and file names.")
    readonly_fields = [
        "download",
        "kind",
        "file_size",
        "uploaded_by",
        "created_at",
        "updated_at",
        "used_in",
    ]
    fieldsets = [
        (None, {"fields": ["title", "file", "visibility"]}),
        (
            _("File"),
            {
                "fields": [
                    "download",
                    "kind",
                    "file_size",
                    "uploaded_by",
                    "created_at",
                    "updated_at",
                    "used_in",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-documents.css"]}

    def get_queryset(self, request):
        return annotate_usage(super().get_queryset(request).select_related("uploaded_by"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # Nothing to say about a file before it is uploaded.
            return [fieldset for fieldset in fieldsets if fieldset[0] != _("File")]
        return fieldsets

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return filesizeformat(document.size)

    @admin.display(description=_("used by"))
    def used_by(self, document):
        counts = usage_counts(document)
        if not counts:
            return format_html('<span class="document-unused">{}</span>', _("Not attached"))
        return format_html_join(", ", "{} {}", ((count, name) for name, count in counts))

    @admin.display(description=_("attached to"))
    def used_in(self, document):
        users = users_of(document)
        if not users:
            return _("Not attached anywhere yet.")
        return format_html(
            '<ul class="document-users">{}</ul>',
            format_html_join(
                "",
                "<li>{}: {}</li>",
                (
                    (kind, format_html('<a href="{}">{}</a>', url, obj) if url else obj)
                    for kind, obj, url in users
                ),
            ),
        )

    @admin.display(description=_("file"))
    def download(self, document):
        return format_html(
            '<a href="{}" download>{}</a>', document.get_absolute_url(), document.original_name
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        # Shown in the history as the reason for the change.
        labels = [
            str(field_label(form.fields[name])) for name in form.changed_data if name in form.fields
        ]
        reason = _("Changed: %(fields)s") % {"fields": ", ".join(labels) or "-"}
        obj._change_reason = (str(reason) if change else str(_("Created")))[:100]
        super().save_model(request, obj, form, change)

    def render_delete_form(self, request, context):
        # Deleting a document takes it off every page that offers it: say which.
        context["document_users"] = users_of(context["object"]) if context.get("object") else []
        return super().render_delete_form(request, context)
