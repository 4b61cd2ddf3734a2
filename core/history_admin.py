"""A record's history as an editor reads it, in the admin.

Each entry names who did what and when, and the fields that really changed, once
each, by their label and, for text written per language, the language's name. Each
entry's page shows what that edit changed and, before a restore, what the restore
brings back, as the words added and removed rather than as markup.
"""

from django.db import models
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin

from .fields import SanitizedHTMLField
from .history import diff_html, diff_text
from .history_records import one_history_row
from .languages import language_name

HISTORY_KINDS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
EMPTY = "—"


class FieldChange:
    """One field's change between two versions, ready for a template: `diff` (safe
    HTML) for text, `old` and `new` (display values) for the rest."""

    def __init__(self, label, diff=None, old=None, new=None):
        self.label, self.diff, self.old, self.new = label, diff, old, new


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    object_history_template = "admin/readable_history/object_history.html"
    object_history_list_template = "admin/readable_history/object_history_list.html"
    object_history_form_template = "admin/readable_history/object_history_form.html"
    # Fields every save changes, or that no editor writes: not worth naming.
    history_hidden_fields = ["created_at", "created_by", "updated_at", "updated_by"]

    # One row per save --------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        # The record is saved here and its many-to-many fields later, by
        # form.save_m2m() (which both the change form and the restore form call):
        # the history row is written once that is done too.
        edit = one_history_row(obj)
        edit.__enter__()
        super().save_model(request, obj, form, change)
        save_m2m = form.save_m2m

        def save_m2m_then_history():
            save_m2m()
            edit.__exit__(None, None, None)

        form.save_m2m = save_m2m_then_history

    # What changed --------------------------------------------------------------------

    def history_field_names(self):
        """The fields whose changes are shown: each language's column of a translated
        field (never the field itself, a copy of one of them), no hidden field."""
        try:
            translated = set(translator.get_options_for_model(self.model).all_fields)
        except NotRegistered:
            translated = set()
        hidden = set(self.history_hidden_fields)
        # A many-to-many field is not a column: it counts when the history keeps it.
        history = self.model._meta.simple_history_manager_attribute
        kept_m2m = {field.name for field in getattr(self.model, history).model._history_m2m_fields}
        return [
            field.name
            for field in self.model._meta.get_fields()
            if (field.concrete or field.name in kept_m2m)
            and not field.primary_key
            and field.name not in translated | hidden
            and (field.editable or isinstance(field, models.ManyToManyField))
        ]

    def field_label(self, field):
        if isinstance(field, TranslationField):
            name = capfirst(field.translated_field.verbose_name)
            return f"{name} ({language_name(field.language)})"
        return capfirst(field.verbose_name)

    def changes_between(self, older, newer):
        """The FieldChanges from historical record `older` to `newer`, in the order
        of the model's fields."""
        names = self.history_field_names()
        delta = newer.diff_against(older, included_fields=names, foreign_keys_are_objs=True)
        by_name = {change.field: change for change in delta.changes}
        changes = [
            self.field_change(self.model._meta.get_field(name), by_name[name])
            for name in names
            if name in by_name
        ]
        # A change the reader cannot see (a time's microseconds, dropped by the form)
        # is not one.
        return [change for change in changes if change.diff is not None or change.old != change.new]

    def field_change(self, field, change):
        label = self.field_label(field)
        base = field.translated_field if isinstance(field, TranslationField) else field
        if isinstance(base, SanitizedHTMLField):
            return FieldChange(label, diff=diff_html(change.old or "", change.new or ""))
        if isinstance(base, models.TextField):
            return FieldChange(label, diff=diff_text(change.old or "", change.new or ""))
        return FieldChange(
            label, old=self.display(field, change.old), new=self.display(field, change.new)
        )

    @staticmethod
    def display(field, value):
        if isinstance(field, models.ManyToManyField):
            target = field.m2m_reverse_field_name()
            names = sorted(str(row[target]) for row in value or [] if row.get(target))
            return ", ".join(names) or EMPTY
        if value in (None, ""):
            return EMPTY
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(field, models.FileField):
            return getattr(value, "name", value) or EMPTY
        return localize(value)

    # The history list ----------------------------------------------------------------

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        records = list(historical_records)
        for index, record in enumerate(records):
            record.history_kind = HISTORY_KINDS.get(record.history_type, "")
            older = records[index + 1] if index + 1 < len(records) else record.prev_record
            fields = self.changes_between(older, record) if older else []
            record.changed_field_labels = [change.label for change in fields]

    # One entry, and restoring it -----------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = self.model._meta.simple_history_manager_attribute
        manager = getattr(self.model, history)
        version = manager.filter(**{self.model._meta.pk.attname: object_id})
        version = version.filter(history_id=version_id).first()
        context = {}
        if version is not None:
            latest = manager.filter(**{self.model._meta.pk.attname: object_id}).latest()
            older = version.prev_record
            context = {
                "history_version": version,
                "history_kind": HISTORY_KINDS.get(version.history_type, ""),
                "edit_changes": self.changes_between(older, version) if older else None,
                "restore_changes": self.changes_between(latest, version),
            }
        context.update(extra_context or {})
        # Permissions and a missing version are the parent's to refuse.
        return super().history_form_view(request, object_id, version_id, context)
