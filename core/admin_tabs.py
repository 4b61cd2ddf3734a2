"""Translated fields in the admin, one language at a time.

django-modeltranslation gives each translated field one form field a language, all
in a row and labelled with codes ("Title [zh-hans]"). LanguageTabsMixin regroups
them: the translated fields of each content language go into a fieldset of their
own, headed by the language's name and labelled with plain words ("Title"), and
static/js/admin-language-tabs.js turns those fieldsets into tabs, each with the
state of its translation. Without JavaScript the fieldsets stay one under the
other, every field visible and named.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.utils import construct_change_message
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from .languages import content_languages, language_name

TAB_CLASS = "language-tab"


def tab_languages():
    """The content languages, the default (the required one) first."""
    default = settings.LANGUAGE_CODE
    return [default, *(code for code in content_languages() if code != default)]


def translation_columns(model):
    """{"title_zh_hans": ("title", "zh-hans"), ...} for a model's translated fields."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        field.name: (base, field.language)
        for base, fields in options.all_fields.items()
        for field in fields
    }


def required_bases(model, bases):
    """The translated fields a complete translation has: the ones the default language
    must fill in, or all of them when none is required."""
    required = [base for base in bases if not model._meta.get_field(base).blank]
    return required or list(bases)


def translation_state(filled, total):
    if filled == total:
        return _("Complete")
    if filled == 0:
        return _("Not translated yet")
    return _("%(filled)s of %(total)s filled") % {"filled": filled, "total": total}


def state_description(language, obj, columns, required):
    """The fieldset's description: the translation's state, and the words the script
    needs to say it again as the text changes."""
    state = ""
    if obj is not None:
        filled = sum(bool(getattr(obj, columns[base], None)) for base in required)
        state = translation_state(filled, len(required))
    return format_html(
        '<span class="language-state" data-language="{}" data-complete="{}" data-empty="{}" '
        'data-partial="{}" data-errors="{}" data-tabs-label="{}">{}</span>',
        language,
        _("Complete"),
        _("Not translated yet"),
        # The script fills in the numbers.
        _("%(filled)s of %(total)s filled"),
        _("Has errors"),
        _("Languages"),
        state,
    )


def split_line(line, columns):
    """The language of a fieldset line, when all its fields are one language's."""
    names = [line] if isinstance(line, str) else list(line)
    languages = {columns[name][1] if name in columns else None for name in names}
    return languages.pop() if len(languages) == 1 else None


def language_fieldsets(model, fieldsets, obj=None):
    """`fieldsets` with every translated field moved into its language's fieldset.

    The language fieldsets take the place of the first fieldset holding a translated
    field; a fieldset left empty goes.
    """
    columns = translation_columns(model)
    if not columns:
        return fieldsets
    by_language = {code: [] for code in tab_languages()}
    result, position = [], None
    for name, options in fieldsets:
        kept = []
        for line in options.get("fields", ()):
            language = split_line(line, columns)
            if language in by_language:
                by_language[language].append(line)
            else:
                kept.append(line)
        if position is None and len(kept) < len(options.get("fields", ())):
            position = len(result)
        if kept:
            result.append((name, {**options, "fields": kept}))
    if position is None:
        return fieldsets
    if not isinstance(obj, model):
        obj = None  # an inline is given its parent
    tabs = []
    for language, lines in by_language.items():
        if not lines:
            continue
        names = [name for line in lines for name in ([line] if isinstance(line, str) else line)]
        bases = {columns[name][0]: name for name in names}
        required = required_bases(model, bases)
        tabs.append(
            (
                language_name(language),
                {
                    "fields": lines,
                    "classes": [TAB_CLASS],
                    "description": state_description(language, obj, bases, required),
                },
            )
        )
    result[position:position] = tabs
    return result


def innermost_widget(widget):
    while hasattr(widget, "widget"):
        widget = widget.widget
    return widget


class LanguageTabsMixin:
    """For a modeltranslation ModelAdmin or inline: its translated fields by language,
    in tabs (see the module's docstring)."""

    def get_fieldsets(self, request, obj=None):
        return language_fieldsets(self.model, super().get_fieldsets(request, obj), obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is None or original is None:
            return field
        # Inside its language's tab a field needs no language in its label; where
        # the label is shown alone (the record of changes), it names the language.
        field.label = capfirst(original.verbose_name)
        field.language_label = format_lazy(
            "{} ({})", capfirst(original.verbose_name), language_name(db_field.language)
        )
        if not original.blank:
            # The fields the translation state counts (see required_bases).
            innermost_widget(field.widget).attrs["data-translation-required"] = ""
        return field

    def construct_change_message(self, request, form, formsets, add=False):
        # Django names the changed fields by their labels: here, with the language.
        forms_ = [form, *(each for formset in formsets for each in formset.forms)]
        swapped = [
            (field, field.label)
            for each in forms_
            for field in each.fields.values()
            if hasattr(field, "language_label")
        ]
        for field, _label in swapped:
            field.label = field.language_label
        try:
            return construct_change_message(form, formsets, add)
        finally:
            for field, label in swapped:
                field.label = label

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin-language-tabs.js"],
            css={"all": ["css/admin-language-tabs.css"]},
        )


def field_label(field):
    """A form field's label naming its language when it has one: "Title (Русский)"."""
    return getattr(field, "language_label", field.label)
