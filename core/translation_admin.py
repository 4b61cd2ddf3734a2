"""The admin's view of translation state (see core.translation_state): a column and
a read-only field naming each language with its state in words, and a list filter
for what needs translating into a language."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .languages import content_languages, language_name
from .translation_state import needing_translation


class NeedsTranslationFilter(admin.SimpleListFilter):
    # The admin writes "By <title>" above the choices, which are the languages.
    title = _("translation missing or out of date")
    parameter_name = "needs_translation"

    def lookups(self, request, model_admin):
        return [
            (code, language_name(code))
            for code in content_languages()
            if code != settings.LANGUAGE_CODE
        ]

    def queryset(self, request, queryset):
        if self.value() in dict(self.lookup_choices):
            return needing_translation(queryset, self.value())
        return queryset


class TranslationStatusMixin:
    """For a ModelAdmin of a model with TracksTranslations: the `translation_status`
    column and read-only field, and its style sheet."""

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/admin-translation-status.css"]})

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        # The state is in words, so that it does not rest on colour alone; the
        # classes only colour them.
        items = format_html_join(
            "\n",
            '<li class="translation-state translation-state-{}"><span lang="{}">{}</span>: {}</li>',
            ((state, code, name, label) for code, name, state, label in obj.translation_states()),
        )
        return format_html('<ul class="translation-states">{}</ul>', items)

    @admin.display(description=_("translations"))
    def translation_status_explained(self, obj):
        """The states, with what they mean, for the change form."""
        if obj is None or obj.pk is None:
            return "—"
        return format_html(
            '{}<p class="help">{}</p>',
            self.translation_status(obj),
            _(
                "Out of date: the text in %(language)s changed after the translation was "
                "last saved. Update the translation and save to mark it up to date."
            )
            % {"language": language_name(settings.LANGUAGE_CODE)},
        )
