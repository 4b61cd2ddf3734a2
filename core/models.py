from django.conf import settings
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .languages import localized_name
from .pagecache import cached_for_this_version


class EditorialRecord(models.Model):
    """Who wrote a piece of the site's content and who last changed it, and when: the
    admin fills the people in, the database the times."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    class Meta:
        abstract = True


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


class SearchEntry(models.Model):
    """One object of a kind the site search finds through the shared index: its words
    in every language, made by core.search.search_document() (core/search_index.py).

    SQLite indexes `title` and `text` in the FTS5 table core_search, PostgreSQL in
    the search_vector column with a GIN index; both are made and kept by migration
    0003. An entry exists for every object of the kind, public or not: what is
    public is decided when searching, so that a release time passing or a draft
    being published needs no new entry.
    """

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField(default="")
    text = models.TextField(default="")

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


def site_languages():
    """The languages the site offers, as choices, each in its own name (English,
    简体中文, Русский) as the language switcher names them. Read when a form is made,
    so that the database schema does not follow DJANGO_LANGUAGES."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


def default_language():
    return settings.LANGUAGE_CODE


class StaffPreferences(models.Model):
    """What a staff member chose for themselves: for now, the language of the
    e-mails the site sends them (reminders before agreements end)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="staff_preferences",
        verbose_name=_("user"),
    )
    email_language = models.CharField(
        _("language for e-mails"),
        max_length=10,
        choices=site_languages,
        default=default_language,
        help_text=_("The language of the e-mails the site sends this person."),
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return str(self.user)

    @staticmethod
    def email_language_of(user):
        """The user's language for e-mails; the default language when they chose none
        or chose one the site no longer offers."""
        preferences = getattr(user, "staff_preferences", None)
        language = preferences.email_language if preferences else None
        return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# The media library's model lives with its views and admin (core/library/); Django
# finds an app's models through this module.
from .library.models import LibraryImage  # noqa: E402, F401
