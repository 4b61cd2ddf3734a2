"""Files the office offers for download: application forms, guides, agreements.

A document is stored under a random name in its own storage, outside the public media
folder, and reaches a reader only through the download view, which checks who may
read it (see documents/views.py).
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import PlainTextField


class DocumentsStorage(Storage):
    """The "documents" storage of STORAGES, looked up on each use rather than once
    when the model is loaded, so that settings changed after start-up (tests, a
    deployment's own storage) are the ones used."""

    def __getattr__(self, name):
        return getattr(storages["documents"], name)


def delegate(name):
    def method(self, *args, **kwargs):
        return getattr(storages["documents"], name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "open", "save", "delete", "exists", "size", "url", "path", "listdir",
    "get_valid_name", "get_alternative_name", "get_available_name", "generate_filename",
    "get_accessed_time", "get_created_time", "get_modified_time",
):  # fmt: skip
    setattr(DocumentsStorage, _name, delegate(_name))

DOCUMENTS_STORAGE = DocumentsStorage()


def documents_storage():
    return DOCUMENTS_STORAGE


def random_name(document, original_name):
    """A stored name that says nothing of the original one and is never reused."""
    return f"{uuid.uuid4().hex}{PurePosixPath(original_name).suffix.lower()}"


class Document(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        STAFF = "staff", _("Staff only")

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", _("Word document (DOCX)")
        XLSX = "xlsx", _("Excel workbook (XLSX)")
        ODT = "odt", _("OpenDocument text (ODT)")
        ODS = "ods", _("OpenDocument spreadsheet (ODS)")

    title = PlainTextField(_("title"), max_length=255)
    file = models.FileField(_("file"), storage=documents_storage, upload_to=random_name)
    original_name = PlainTextField(_("file name"), max_length=255, editable=False)
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    visibility = models.CharField(
        _("who may download it"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.STAFF,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:download", args=[self.pk, self.original_name])

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC
