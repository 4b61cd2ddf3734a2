"""The rich-text editor (CKEditor 5) as a form widget.

The widget renders a plain textarea marked with data- attributes;
static/js/rich-text-editor.js starts the editor on it. No inline script, so the
admin works under a strict Content-Security-Policy. The editor is a convenience,
not a security boundary: the model cleans the HTML on save.
"""

import json

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csp import csp_override

from .fields import SanitizedHTMLField

CKEDITOR = "vendor/ckeditor5/"
# Django's language code -> CKEditor's, for the translations we vendor.
EDITOR_LANGUAGES = {"zh-hans": "zh-cn", "ru": "ru"}


def editor_language(language=None):
    """CKEditor's code for `language` or the active one ("en" when we have no translation)."""
    return EDITOR_LANGUAGES.get(language or get_language() or "", "en")


def content_language(field_name):
    """The language a translated field's text is written in: body_zh_hans -> zh-hans."""
    for code in settings.MODELTRANSLATION_LANGUAGES:
        if field_name.endswith("_" + code.replace("-", "_")):
            return code
    return None


# The words of the editor's own dialogs (describe an upload, the library picker).
LIBRARY_LABELS = {
    "describeTitle": _("Describe the picture"),
    "altLabel": _("Description (alt text)"),
    "altHelp": _("What the picture shows, for readers who cannot see it."),
    "decorative": _("Decorative: it adds nothing to the text, screen readers skip it"),
    "altRequired": _("Describe the picture, or mark it as decorative."),
    "upload": _("Upload"),
    "cancel": _("Cancel"),
    "openLibrary": _("Insert from library"),
    "libraryTitle": _("Media library"),
    "search": _("Search"),
    "noImages": _("No images found."),
    "onlyDescribed": _(
        "Images without a description are not listed: describe them in the media library first."
    ),
    "loadFailed": _("The media library could not be loaded."),
    "uploadFailed": _("The image could not be uploaded."),
    "close": _("Close"),
}


class RichTextWidget(forms.Textarea):
    """A textarea edited with CKEditor 5; with `upload_url_name`, images can be
    uploaded to that URL (normally "editor_upload_image")."""

    def __init__(self, *args, upload_url_name=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_url_name = upload_url_name

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(self.editor_attrs())
        if language := content_language(name):
            # The editing area says which language it holds (spelling, screen readers).
            context["widget"]["attrs"]["data-content-language"] = editor_language(language)
        return context

    def editor_attrs(self):
        # Built at render time, so the language is the request's, not the first one's.
        attrs = {
            "data-rich-text": "",
            "data-language": editor_language(),
            "data-new-tab-label": _("Open in a new tab"),
        }
        if self.upload_url_name:
            # Whoever may upload may also use again what was uploaded (core.library).
            attrs["data-upload-url"] = reverse(self.upload_url_name)
            attrs["data-library-url"] = reverse("editor_library")
            attrs["data-labels"] = json.dumps({k: str(v) for k, v in LIBRARY_LABELS.items()})
        return attrs

    @property
    def media(self):
        js = [f"{CKEDITOR}ckeditor5.umd.js"]
        if (language := editor_language()) != "en":
            js.append(f"{CKEDITOR}translations/{language}.umd.js")
        js += ["js/rich-text-library.js", "js/rich-text-editor.js"]
        return forms.Media(
            css={"all": [f"{CKEDITOR}ckeditor5.css", "css/rich-text-editor.css"]}, js=js
        )


class RichTextAdminMixin:
    """For a ModelAdmin whose forms use RichTextWidget: its add and change pages,
    where the editor runs (and the restore form of a past version, with
    django-simple-history), get settings.EDITOR_CSP instead of SECURE_CSP (see
    settings.py for what the editor needs added). Every other admin page keeps the
    strict policy.

    Every rich-text field (core.fields.SanitizedHTMLField) of the model gets the
    editor; images are uploaded to `editor_upload_url_name`, or not at all when it is
    None."""

    editor_upload_url_name = "editor_upload_image"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, SanitizedHTMLField):
            kwargs["widget"] = RichTextWidget(upload_url_name=self.editor_upload_url_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        # add_view and change_view both render through this one.
        return with_editor_csp(super().changeform_view)(request, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        # django-simple-history's page of a past version, ready to be restored, is
        # the change form again, editor included.
        return with_editor_csp(super().history_form_view)(request, *args, **kwargs)


def with_editor_csp(view):
    # Decorated on each call, so that the setting is read when the page is asked for.
    return csp_override(settings.EDITOR_CSP)(view)
