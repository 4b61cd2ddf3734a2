"""Which translations of a record are missing or out of date.

A translation is out of date when the default-language text it was made from has
changed since the translation was last written. A record keeps, in its JSON field
`translation_sources`, one fingerprint per language: under the default language the
fingerprint of its own text as last saved, and under each other language the
fingerprint the default text had when that language's text last changed. The two
differ exactly when the default text changed after the translation, which a query
can compare without reading any text (see needing_translation()).

A language with text but no fingerprint (a translation written before records kept
them) counts as up to date: nothing says otherwise.
"""

import hashlib

from django.conf import settings
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _

from .languages import content_languages, language_name, localized_name

ORIGINAL = "original"
UP_TO_DATE = "up-to-date"
OUT_OF_DATE = "out-of-date"
MISSING = "missing"

STATE_LABELS = {
    ORIGINAL: _("original"),
    UP_TO_DATE: _("up to date"),
    OUT_OF_DATE: _("out of date"),
    MISSING: _("missing"),
}


def fingerprint(instance, fields, language):
    values = (getattr(instance, localized_name(field, language)) or "" for field in fields)
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:16]


def fingerprints(instance, fields):
    return {code: fingerprint(instance, fields, code) for code in content_languages()}


class TracksTranslations:
    """For a translated model with a `translation_sources` JSON field.

    TRACKED_FIELDS: the fields whose default-language text translations are made
    from. The model's is_translated(language) says whether a translation exists;
    translated_condition(language) says the same in a query.
    """

    TRACKED_FIELDS = ()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # What the text was when read, to tell on save which languages were edited.
        # Not when a tracked column was left unread: reading it would cost a query.
        loaded = instance.__dict__
        columns = [
            localized_name(f, code) for f in cls.TRACKED_FIELDS for code in content_languages()
        ]
        if all(column in loaded for column in columns):
            instance._read_fingerprints = fingerprints(instance, cls.TRACKED_FIELDS)
        return instance

    def record_translation_sources(self):
        """Note, for each language whose text changed since it was read, which
        default-language text it now stands for. save() calls it."""
        default = settings.LANGUAGE_CODE
        now = fingerprints(self, self.TRACKED_FIELDS)
        read = getattr(self, "_read_fingerprints", None)
        sources = dict(self.translation_sources or {})
        for code in content_languages():
            if code == default:
                continue
            if not any(getattr(self, localized_name(f, code)) for f in self.TRACKED_FIELDS):
                sources.pop(code, None)
            elif self._state.adding or (read is not None and read[code] != now[code]):
                sources[code] = now[default]
            elif code not in sources:
                # Written before records were kept: made from the text as it was read.
                sources[code] = read[default] if read is not None else now[default]
        sources[default] = now[default]
        self.translation_sources = sources
        self._read_fingerprints = now

    def translation_state(self, language):
        default = settings.LANGUAGE_CODE
        if language == default:
            return ORIGINAL
        if not self.is_translated(language):
            return MISSING
        sources = self.translation_sources or {}
        made_from = sources.get(language)
        if made_from is not None and made_from != sources.get(default):
            return OUT_OF_DATE
        return UP_TO_DATE

    def translation_states(self):
        """[(language code, its name, state, the state in words)], every language."""
        return [
            (code, language_name(code), state, STATE_LABELS[state])
            for code in content_languages()
            for state in [self.translation_state(code)]
        ]


def needing_translation(queryset, language):
    """The rows of `queryset` whose translation into `language` is missing or out
    of date, compared in the database."""
    made_from = KT(f"translation_sources__{language}")
    original = KT(f"translation_sources__{settings.LANGUAGE_CODE}")
    out_of_date = Q(translation_made_from__isnull=False) & ~Q(
        translation_made_from=F("translation_original")
    )
    return queryset.alias(translation_made_from=made_from, translation_original=original).filter(
        ~queryset.model.translated_condition(language) | out_of_date
    )
