"""Uploads while the file storage does not answer: a clear message, nothing half-saved.

The admin saves an object, its inlines and its history inside one transaction; a file
is written to the storage while its row is saved. When the storage fails there, the
transaction is rolled back (no row names a file that is not stored), and the form is
shown again with what was entered and a message, answering 503. A file stored before
the failure is an orphan no row names.
"""

import logging

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .storage import OBJECT_STORE_ERRORS

logger = logging.getLogger(__name__)

STORAGE_UNREACHABLE = _(
    "The file storage cannot be reached just now, so nothing was saved. "
    "Please try again in a few minutes."
)

# Said under the form shown again: a browser cannot put a chosen file back.
CHOOSE_FILES_AGAIN = _("Your other entries are kept below; choose the files again.")


class StorageErrorsAdminMixin:
    """For admins whose forms upload files: a failed upload shows the form again."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OBJECT_STORE_ERRORS as error:
            if request.method != "POST" or getattr(request, "storage_unreachable", False):
                raise
            logger.warning("An upload failed, the file storage did not answer: %s", error)
        # The save was rolled back with its transaction; this second pass only
        # validates the same entries, and the form refuses them with the message.
        request.storage_unreachable = True
        response = super().changeform_view(request, object_id, form_url, extra_context)
        response.status_code = 503
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "storage_unreachable", False):
            return refusing(form)
        return form


def refusing(form_class):
    class RefusedForStorage(form_class):
        def clean(self):
            super().clean()
            raise ValidationError(
                [STORAGE_UNREACHABLE, CHOOSE_FILES_AGAIN], code="storage_unreachable"
            )

    return RefusedForStorage


class StorageUnreachableMiddleware:
    """Any other staff request that fails on the object store (a spreadsheet waiting
    for confirmation, a library action) answers an admin page with the message
    instead of a server error; the admin's transaction has been rolled back by then.

    Only object storage errors: a local disk's OSError may be anything (mail, a
    full disk) and stays a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        user = getattr(request, "user", None)
        if not isinstance(exception, OBJECT_STORE_ERRORS) or not (
            user and user.is_active and user.is_staff
        ):
            return None
        logger.warning("A staff request failed, the file storage did not answer: %s", exception)
        context = {**admin.site.each_context(request), "title": _("File storage unreachable"),
                   "message": STORAGE_UNREACHABLE, "form_url": request.get_full_path()}  # fmt: skip
        return TemplateResponse(request, "admin/storage_unreachable.html", context, status=503)
