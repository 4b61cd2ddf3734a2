from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import PlainTextField


class LibraryImage(models.Model):
    """An image uploaded through the rich-text editor, ready to be used again.

    The file is the re-encoded copy the editor stored (core.editor); its URL is what
    rich-text bodies hold, so the library finds where it is used by that name
    (core.library.usage).
    """

    file = models.ImageField(
        _("file"), upload_to="editor/%Y/%m/", width_field="width", height_field="height"
    )
    alt_text = PlainTextField(
        _("description (alt text)"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("The picture adds nothing to the text: screen readers skip it."),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("library image")
        verbose_name_plural = _("library images")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.alt_text or self.file.name.rsplit("/", 1)[-1]

    def clean(self):
        if not self.decorative and not (self.alt_text or "").strip():
            raise ValidationError(
                {"alt_text": _("Describe the picture, or mark it as decorative.")}
            )

    @property
    def alt(self):
        """The alt attribute the picture gets in a body: empty when decorative."""
        return "" if self.decorative else self.alt_text

    @property
    def has_description(self):
        return self.decorative or bool(self.alt_text.strip())
