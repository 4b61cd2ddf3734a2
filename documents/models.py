"""Files the office offers for download: application forms, guides, agreements.

A document is stored under a random name in its own storage, outside the public media
folder, and reaches a reader only through the download view, which checks who may
read it (see documents/views.py).
"""

import unicodedata
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import PlainTextField


class DocumentsStorage(Storage):
    """The "documents" storage of STORAGES, looked up on each use rather than once
    when the model is loaded, so that settings changed after start-up (tests, a
    deployment's own storage) are the ones used."""

    def __getattr__(self, name):
        return getattr(storages["documents"], name)

    def url(self, name):
        # A document is read only through its download view, after the permission
        # check: the storage's own address (a bucket's, signed or not) is never shown.
        raise NotImplementedError("Documents are linked by Document.get_absolute_url().")


def delegate(name):
    def method(self, *args, **kwargs):
        return getattr(storages["documents"], name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "open", "save", "delete", "exists", "size", "path", "listdir",
    "get_valid_name", "get_alternative_name", "get_available_name", "generate_filename",
    "get_accessed_time", "get_created_time", "get_modified_time",
):  # fmt: skip
    setattr(DocumentsStorage, _name, delegate(_name))

DOCUMENTS_STORAGE = DocumentsStorage()


def documents_storage():
    return DOCUMENTS_STORAGE


def random_name(document, original_name):
    """A stored name that says nothing of the original one and is never reused; its
    extension is the kind's, found from the content (never the uploaded name's)."""
    suffix = f".{document.kind}" if document.kind else PurePosixPath(original_name).suffix
    return f"{uuid.uuid4().hex}{suffix.lower()}"


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """What anyone may download: the only documents a public page may list."""
        return self.filter(visibility=Document.Visibility.PUBLIC)


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

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title", "pk"]

    def __str__(self):
        # Said wherever staff pick or see a document (the attach box, history), so
        # that no one attaches a staff-only one expecting readers to see it.
        if self.visibility == self.Visibility.STAFF:
            return _("%(title)s (staff only)") % {"title": self.title}
        return self.title

    def save(self, *args, **kwargs):
        # A replaced file is deleted once the new one is committed: until then the
        # row still names the old one, and a rolled-back save keeps it.
        old = None
        if self.pk:
            old = Document.objects.filter(pk=self.pk).values_list("file", flat=True).first()
        super().save(*args, **kwargs)
        if old and old != self.file.name:
            delete_file_later(old)

    def get_absolute_url(self):
        return reverse("documents:download", args=[self.pk, self.original_name])

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC


# Extensions that the kind found replaces: a file named .exe, .png or .doc that turns
# out to be a PDF is a .pdf.
REPLACED_SUFFIXES = {
    *CONTENT_TYPES, "doc", "xls", "docm", "xlsm", "exe", "png", "jpg", "html", "htm", "svg", "zip",
}  # fmt: skip


def stored_name(original_name, kind):
    """The file name readers get: the one uploaded, without characters that cannot be
    in a header or an address, and with the extension of the kind found."""
    name = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in original_name)
    name = " ".join(name.replace("/", "_").replace("\\", "_").split())
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix.lower() in REPLACED_SUFFIXES:
        name = stem
    # No leading dot (a hidden file once saved) and no trailing one.
    name = name.strip(" .")
    return f"{name[: 250 - len(kind)] or 'document'}.{kind}"


def delete_file_later(name):
    # Robust: the change is committed by then, and a store that fails to delete the
    # old file must not turn it into an error (a file left over is only an orphan).
    transaction.on_commit(lambda: DOCUMENTS_STORAGE.delete(name), robust=True)


@receiver(post_delete, sender=Document, dispatch_uid="documents-delete-file")
def delete_file(sender, instance, **kwargs):
    """A deleted document's file goes too (after the commit: a rolled-back deletion
    keeps it), whether one row or many were deleted."""
    if instance.file.name:
        delete_file_later(instance.file.name)
