"""No lost edits in the admin: a change form remembers which version of the object it
was opened on, and a save over a newer version is refused.

Two people open the same object; the first one saves; the second one's save would
silently replace the first one's work. With OptimisticLockingAdminMixin the second
save is refused instead: the form comes back with everything its author typed, a
message at the top says who changed what and when, and a checkbox lets them save
anyway once they have seen it (for exactly the version they were shown: a third save
meanwhile is refused again).

The version is the object's `version_field` (a timestamp that every save moves, such
as an auto_now `updated_at`), or, for a model without one, a fingerprint of its stored
values. Nothing is locked while someone edits: the check happens at save time, with
the row locked (on databases that can) so that the check and the save are one step.
"""

import hashlib
import json

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import router, transaction
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.languages import content_languages, localized_name

from .admin_tabs import field_label

VERSION = "locking_version"
SEEN = "locking_seen"
OVERRIDE = "locking_override"
LOCKING_FIELDS = (VERSION, SEEN, OVERRIDE)
# How many of the other people's saves the message lists.
SHOWN_CHANGES = 5


def current_version(model, pk, version_field, lock=False):
    """The version of the stored row, as a string, or None when it is gone."""
    rows = model._default_manager.filter(pk=pk)
    using = router.db_for_write(model)
    if lock and transaction.get_connection(using).in_atomic_block:
        rows = rows.select_for_update()
    if version_field:
        value = rows.values_list(version_field, flat=True).first()
        return None if value is None else value.isoformat()
    names = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    values = rows.values(*names).first()
    if values is None:
        return None
    encoded = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


class LockingFormMixin:
    """A model form that carries the version it was opened on, and refuses to save
    over another one (see the module's docstring)."""

    version_field = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locking_conflict = False
        model, pk = self._meta.model, self.instance.pk
        # Read from the database, not from the instance: a past version being restored
        # from the history carries its old timestamp, yet replaces the current one.
        self.fields[VERSION] = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            initial=current_version(model, pk, self.version_field) if pk else "",
        )
        self.fields[SEEN] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.fields[OVERRIDE] = forms.BooleanField(
            label=_("Save anyway, replacing their changes"),
            required=False,
            widget=forms.HiddenInput,
        )

    @cached_property
    def changed_data(self):
        # The lock's own fields are no change to the object (nor to its history).
        return [name for name in super().changed_data if name not in LOCKING_FIELDS]

    def clean(self):
        cleaned_data = super().clean()
        model, pk = self._meta.model, self.instance.pk
        base = cleaned_data.get(VERSION)
        # A form posted without a version (a script, not the admin's page) is not
        # checked: there is nothing to compare.
        if not pk or not base:
            return cleaned_data
        current = current_version(model, pk, self.version_field, lock=True)
        if current is None or current == base:
            return cleaned_data
        if cleaned_data.get(OVERRIDE) and cleaned_data.get(SEEN) == current:
            return cleaned_data
        self.refuse(base, current)
        return cleaned_data

    def refuse(self, base, current):
        self.locking_conflict = True
        # The form comes back with the version it now conflicts with, and the box
        # to save over exactly that version.
        self.data = self.data.copy()
        self.data[self.add_prefix(SEEN)] = current
        self.data[self.add_prefix(OVERRIDE)] = ""
        self.fields[OVERRIDE].widget = forms.CheckboxInput()
        messages = [
            gettext(
                "Someone else saved “%(object)s” after you opened it, so your changes were "
                "not saved. Everything you typed is still in the form below."
            )
            % {"object": self.instance}
        ]
        messages += describe_changes(self.instance, base, self.version_field)
        # The form was filled from the saved version when it came in: what differs
        # from it is what a save anyway would replace, or what is left to merge.
        differing = [str(field_label(self.fields[name])) for name in self.changed_data]
        if differing:
            messages.append(
                gettext("Your form differs from the saved version in: %(fields)s.")
                % {"fields": ", ".join(differing)}
            )
        messages.append(
            gettext(
                "Compare with the saved version (open it in another tab), copy what you "
                "need, or tick “Save anyway, replacing their changes” and save again."
            )
        )
        self.add_error(None, ValidationError(messages, code="edit_conflict"))


def describe_changes(instance, base, version_field):
    """Lines saying who saved what and when since version `base`, from the object's
    history when it has one."""
    history = getattr(instance, "history", None)
    if history is None or not version_field:
        return []
    records = history.order_by("-history_date", "-history_id")
    try:
        base_record = records.filter(**{version_field: base}).first()
    except ValidationError:
        base_record = None
    newer = records.filter(history_id__gt=base_record.history_id) if base_record else records
    lines = []
    for record in newer[:SHOWN_CHANGES]:
        when = formats.localize(timezone.localtime(record.history_date))
        who = record.history_user.get_username() if record.history_user else gettext("unknown")
        line = gettext("Saved by %(user)s on %(time)s") % {"user": who, "time": when}
        if record.history_change_reason:
            line += " (" + record.history_change_reason + ")"
        lines.append(line)
    latest = newer.first()
    if base_record and latest:
        fields = changed_fields(instance, latest, base_record)
        if fields:
            lines.append(
                gettext("Fields they changed: %(fields)s.") % {"fields": ", ".join(fields)}
            )
    return lines


def changed_fields(instance, latest, base_record):
    """The labels of the editable fields that differ between two historical records."""
    opts = instance._meta
    excluded = [f.name for f in opts.concrete_fields if not f.editable]
    delta = latest.diff_against(base_record, excluded_fields=excluded)
    # Empty is empty, whether None or "" (a language column left blank).
    changes = [c for c in delta.changes if (c.old or None) != (c.new or None)]
    names = {change.field for change in changes}
    labels = []
    for name in (change.field for change in changes):
        # A translated field's own column follows the default language's: its
        # languages' columns are named instead.
        if any(localized_name(name, code) in names for code in content_languages()):
            continue
        try:
            labels.append(str(opts.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


class OptimisticLockingAdminMixin:
    """For a ModelAdmin: change forms refuse to save over a newer version.

    `version_field` names a field every save moves (an auto_now timestamp); None
    compares the stored values instead.
    """

    version_field = "updated_at"

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or not fieldsets or not self.has_change_permission(request, obj):
            return fieldsets
        # At the top of the first fieldset: hidden, but for the box shown with a
        # conflict, just under the message.
        name, options = fieldsets[0]
        fields = [(VERSION, SEEN), OVERRIDE, *options["fields"]]
        fieldsets[0] = (name, {**options, "fields": fields})
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The lock's fields are the form's own, not the model's: the model form
        # factory must not look for them.
        fields = kwargs.get("fields")
        if "fields" not in kwargs:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            kwargs["fields"] = [name for name in fields if name not in LOCKING_FIELDS]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        return type(form.__name__, (LockingFormMixin, form), {"version_field": self.version_field})
