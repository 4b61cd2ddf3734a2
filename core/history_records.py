"""History that keeps one row per edit.

simple-history writes a row when a record is saved and another each time one of its
many-to-many fields changes. An edit in the admin does both (the record, then its
related rows), so a single save showed as two entries, the second a copy of the
first. Here the writes made inside one_history_row() are gathered and become one
row, made after the related rows are in place, so that it holds them too.
"""

from contextlib import contextmanager

from simple_history.models import HistoricalRecords

CREATED, CHANGED = "+", "~"
M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}


class OneRowPerEdit(HistoricalRecords):
    """HistoricalRecords that leaves the rows of an open edit to one_history_row()."""

    def add_extra_methods(self, cls):
        super().add_extra_methods(cls)
        cls._history_records = self

    def post_save(self, instance, created, using=None, **kwargs):
        edit = getattr(instance, "_history_edit", None)
        if edit is None or kwargs.get("raw", False):
            return super().post_save(instance, created, using=using, **kwargs)
        edit.setdefault("type", CREATED if created else CHANGED)
        edit["using"] = using

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        edit = getattr(instance, "_history_edit", None)
        if edit is None:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in M2M_ACTIONS:
            edit.setdefault("type", CHANGED)


@contextmanager
def one_history_row(instance):
    """Make everything saved of `instance` in this block one row of its history.

    Nothing is written when the block fails (its transaction is rolled back) or
    saves nothing.
    """
    edit = instance._history_edit = {}
    try:
        yield
    finally:
        del instance._history_edit
    if "type" in edit:
        type(instance)._history_records.create_historical_record(
            instance, edit["type"], using=edit.get("using")
        )
