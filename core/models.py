from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import localized_name
from .pagecache import cached_for_this_version


class Office(models.Model):
    """The office's contact details, shown in every page's footer.

    There is one row (pk 1). Pages read it through `Office.current()`, which is
    cached for the content version (core.apps watches this model), so that an edit
    shows at once.
    """

    CACHE_NAME = "office"

    name = models.CharField(_("name"), max_length=200)
    university = models.CharField(_("university"), max_length=200, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    telephone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("office contact details")
        verbose_name_plural = _("office contact details")
        # The table keeps the name it had when the project package held the model.
        db_table = "intloffice_office"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="office_is_a_single_row"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def placeholder(cls):
        # In the default language's column, so that the name shows in every language
        # whichever language the first visitor reads.
        return cls(**{localized_name("name", settings.LANGUAGE_CODE): _("International Office")})

    @classmethod
    def current(cls):
        """The office's details, or an unsaved placeholder before any are entered."""
        return cached_for_this_version(
            cls.CACHE_NAME, lambda: cls.objects.filter(pk=1).first() or cls.placeholder()
        )


# The media library's model lives with its views and admin (core/library/); Django
# finds an app's models through this module.
from .library.models import LibraryImage  # noqa: E402, F401
