"""Importing and exporting partners as spreadsheets in the admin (django-import-export).

What this adds to the library's admin: bounded reading (file size, rows, columns, an
XLSX's unpacked size), CSV that Excel opens as UTF-8, a preview that lists every row
with its changes or its errors, and a confirmation that imports nothing while a row
has errors unless the staff member ticks "skip the rows with errors". Importing needs
the add and change permissions, exporting the view permission.
"""

import logging
import zipfile
from io import BytesIO

import openpyxl
import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm
from import_export.results import RowResult
from import_export.tmp_storages import MediaStorage

from core.storage import OBJECT_STORE_ERRORS

from .resources import SpreadsheetRejected

# No partner spreadsheet has more columns than this; a sheet that claims a million
# (its declared size is free to lie) is read only this far.
MAX_COLUMNS = 50
# How much larger than the upload an XLSX may unpack to: spreadsheets compress about
# tenfold, a zip bomb a thousandfold.
MAX_UNPACKED_RATIO = 30

logger = logging.getLogger(__name__)


class PendingImportStorage(MediaStorage):
    """Where a previewed spreadsheet waits for its confirmation (settings.py).

    Its file is removed after the import is committed: a store failing then must not
    turn a finished import into an error page, which staff would take as nothing
    imported and answer by importing the rows again. The file left is an orphan
    (under imports/, which a lifecycle rule empties)."""

    def remove(self):
        try:
            super().remove()
        except OBJECT_STORE_ERRORS as error:
            logger.warning("An imported spreadsheet's file was not removed: %s", error)


def check_row_count(count):
    if count > settings.SPREADSHEET_MAX_ROWS:
        raise SpreadsheetRejected(
            _("The file has more than %(limit)s rows: split it into smaller files.")
            % {"limit": settings.SPREADSHEET_MAX_ROWS}
        )


def check_not_empty(dataset):
    if not dataset.headers or not len(dataset):
        raise SpreadsheetRejected(
            _(
                "The file has no rows to import: its first line names the columns, "
                "each line below is one row."
            )
        )


class CSV(base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        check_row_count(len(dataset))
        check_not_empty(dataset)
        return dataset


def open_workbook(data):
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise SpreadsheetRejected(
            _("This file is not an XLSX workbook. Save it from Excel as .xlsx, or choose CSV.")
        ) from None
    with archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_UNPACKED_RATIO * max(len(data), 64 * 1024):
        raise SpreadsheetRejected(
            _("This workbook unpacks to far more than a spreadsheet of its size: it is refused.")
        )
    # Read-only: rows are streamed, not held all at once.
    return openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        workbook = open_workbook(in_stream)
        try:
            return self.read_sheet(workbook.active)
        finally:
            workbook.close()

    def read_sheet(self, sheet):
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        headers = list(next(rows, None) or [])
        while headers and headers[-1] is None:
            headers.pop()
        dataset = tablib.Dataset(headers=headers)
        for values in rows:
            values = list(values[: len(headers)])
            if all(value is None or value == "" for value in values):
                continue
            check_row_count(len(dataset) + 1)
            dataset.append(values + [None] * (len(headers) - len(values)))
        check_not_empty(dataset)
        return dataset


class SpreadsheetImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > settings.SPREADSHEET_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the largest file that can be imported is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.SPREADSHEET_MAX_BYTES),
                }
            )
        return upload


# The formats offered, in the order the forms number them.
FORMATS = [CSV, XLSX]
CHANGED_AFTER_PREVIEW = gettext_lazy(
    "This form was changed after the preview: nothing was imported. Upload the file again."
)


class SpreadsheetConfirmForm(ConfirmImportForm):
    skip_invalid_rows = forms.BooleanField(
        label=gettext_lazy("Skip the rows with errors and import the others"),
        required=False,
    )

    # Hidden fields, sent back as the preview wrote them unless someone edits them:
    # the library reads them as places in its lists without checking them.
    def clean_format(self):
        return self.checked_place(self.cleaned_data["format"], len(FORMATS))

    def clean_resource(self):
        # Each partners list imports with one resource (a missing one means it).
        return self.checked_place(self.cleaned_data["resource"] or "0", 1)

    @staticmethod
    def checked_place(value, count):
        if value not in {str(number) for number in range(count)}:
            raise ValidationError(CHANGED_AFTER_PREVIEW)
        return value


def status_label(import_type):
    return {
        RowResult.IMPORT_TYPE_NEW: _("New"),
        RowResult.IMPORT_TYPE_UPDATE: _("Changed"),
        RowResult.IMPORT_TYPE_SKIP: _("Unchanged"),
        RowResult.IMPORT_TYPE_INVALID: _("Error"),
        RowResult.IMPORT_TYPE_ERROR: _("Error"),
    }.get(import_type, import_type)


def row_errors(row_result, column_names):
    """(column, message) pairs of one row, in the order of the columns, each once:
    a translated column and the field it stands for (slug_en and slug) report the
    same error."""
    pairs = []
    if row_result.validation_error is not None:
        errors = row_result.validation_error.update_error_dict({})
        attributes = [a for a in column_names if a in errors]
        attributes += [a for a in errors if a not in column_names]
        for attribute in attributes:
            for message in ValidationError(errors[attribute]).messages:
                pairs.append((column_names.get(attribute, attribute), message))
    pairs += [("", str(error.error)) for error in row_result.errors]
    return list(dict.fromkeys(pairs))


def preview_rows(result, column_names):
    """Every row of the file with its line number, what importing does to it and why
    it cannot be imported; the library's result keeps rows in the file's order."""
    for number, row_result in enumerate(result.rows, start=1):
        cells = row_result.diff
        if not cells:
            # A row with errors has no changes to show: show what the file says.
            values = row_result.row_values or {}
            cells = [values.get(column, "") for column in result.diff_headers]
        yield {
            # The first line of the file names the columns.
            "line": number + 1,
            "import_type": row_result.import_type,
            "status": status_label(row_result.import_type),
            "errors": list(row_errors(row_result, column_names)),
            "cells": cells,
        }


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export buttons on a partners list (see the module's docstring)."""

    formats = FORMATS
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmForm
    # The plain export form: the one with field checkboxes needs inline script.
    export_form_class = ExportForm
    import_template_name = "admin/partners/spreadsheet_import.html"
    # With a byte order mark, Excel reads the CSV as UTF-8 (Chinese, Russian intact).
    to_encoding = "utf-8-sig"

    def get_import_context_data(self, **kwargs):
        resource = self.resource_classes[0]()
        keys = [resource.fields[name].column_name for name in resource.get_import_id_fields()]
        return {**super().get_import_context_data(**kwargs), "key_columns": keys}

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, SpreadsheetRejected):
            form.add_error("import_file", str(error))
        else:
            form.add_error(
                "import_file",
                _(
                    "This file could not be read as the format chosen below. Choose the "
                    "file's format (CSV or XLSX), or save it again from the spreadsheet."
                ),
            )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("result") is not None:
            self.prepare_preview(request, context)
        return response

    def prepare_preview(self, request, context):
        result = context["result"]
        form = context["form"]
        if result.base_errors:
            # The file as a whole cannot be imported (a key column is missing): say so
            # on the form, where the staff member chooses another file.
            for error in result.base_errors:
                form.add_error("import_file", str(error.error))
            del context["result"]
            return
        resource = self.choose_import_resource_class(form, request)()
        context["preview_rows"] = list(preview_rows(result, resource.column_names()))
        context["invalid_row_count"] = len(result.invalid_rows)
        if result.has_validation_errors() and not result.has_errors():
            context["confirm_form"] = self.create_confirm_form(request, import_form=form)

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        data = super().get_import_data_kwargs(**kwargs)
        if isinstance(form, SpreadsheetConfirmForm):
            # Without the staff member's explicit choice, one bad row imports nothing.
            data["rollback_on_validation_errors"] = not form.cleaned_data["skip_invalid_rows"]
        return data

    def import_page(self):
        return HttpResponseRedirect(
            reverse(
                "admin:{}_{}_import".format(*self.get_model_info()),
                current_app=self.admin_site.name,
            )
        )

    def process_import(self, request, **kwargs):
        if self.has_import_permission(request) and not self.create_confirm_form(request).is_valid():
            # The library would show the confirmation again without saying why.
            messages.error(request, CHANGED_AFTER_PREVIEW)
            return self.import_page()
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # The waiting file goes once the import is confirmed: this is a second
            # confirmation (a double click, the back button) or a preview cleared away.
            messages.error(
                request,
                _(
                    "This preview was already confirmed or has expired: nothing more was "
                    "imported. Upload the file again to import it."
                ),
            )
            return self.import_page()

    def process_result(self, result, request):
        skipped = len(result.invalid_rows)
        if result.has_errors() or (skipped and not request.POST.get("skip_invalid_rows")):
            messages.error(
                request,
                _(
                    "Nothing was imported: some rows have errors. "
                    "Upload the file again to see them."
                ),
            )
            return self.import_page()
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)d row with errors was skipped.",
                    "%(count)d rows with errors were skipped.",
                    skipped,
                )
                % {"count": skipped},
            )
        return super().process_result(result, request)
