"""The identifiers an institution is known by outside the office, checked and
written one way: ROR IDs, Erasmus codes and SCHAC codes.

Each has a normalizer (what staff may paste becomes the stored spelling) and a
validator (a clear message for what cannot be one). The model fields use both, so
the admin, imports and `full_clean()` store and refuse the same things.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# ROR IDs: "0", six characters of Crockford's base 32 and two check digits.
# https://ror.readme.io/docs/identifier
ROR_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ROR_PATTERN = re.compile(r"0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}")
ROR_PREFIXES = ("https://ror.org/", "http://ror.org/", "ror.org/")

# Erasmus codes: the country part padded with spaces to three characters, then the
# city's letters and a two- or three-digit number: "PL WARSZAW01", "D  BERLIN01",
# "F  PARIS001".
ERASMUS_PATTERN = re.compile(r"([A-Z]{1,3}) *([A-Z][A-Z-]{0,7})([0-9]{2,3})")


def ror_check_digits(body):
    """ISO/IEC 7064 MOD 97-10 over the number the six base-32 characters make."""
    number = 0
    for character in body:
        number = number * 32 + ROR_ALPHABET.index(character)
    return f"{98 - number * 100 % 97:02d}"


def normalize_ror_id(value):
    """The bare ID of a ROR ID or its address: `https://ror.org/05QGHXH33/` → 05qghxh33."""
    value = (value or "").strip().lower()
    for prefix in ROR_PREFIXES:
        if value.startswith(prefix):
            value = value.removeprefix(prefix)
            break
    return value.strip("/")


def validate_ror_id(value):
    if not ROR_PATTERN.fullmatch(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a ROR ID: it has nine characters and starts with 0, "
                "e.g. 05qghxh33 (https://ror.org/05qghxh33)."
            ),
            code="invalid_ror_id",
            params={"value": value},
        )
    if ror_check_digits(value[1:7]) != value[7:]:
        raise ValidationError(
            _("“%(value)s” is not a ROR ID: its last two digits do not check. Copy it again."),
            code="ror_id_checksum",
            params={"value": value},
        )


def normalize_erasmus_code(value):
    """The code in upper case with its country part padded as the Erasmus+ lists
    write it: "pl warszaw01" and "PL  WARSZAW01" are "PL WARSZAW01"."""
    value = " ".join((value or "").upper().split())
    match = ERASMUS_PATTERN.fullmatch(value)
    if not match:
        return value
    country, city, number = match.groups()
    return f"{country:<3}{city}{number}"


def validate_erasmus_code(value):
    if not ERASMUS_PATTERN.fullmatch(value):
        raise ValidationError(
            _(
                "“%(value)s” is not an Erasmus code: a country code, a city code and "
                "a number, e.g. PL WARSZAW01 or D BREMERH01."
            ),
            code="invalid_erasmus_code",
            params={"value": value},
        )


def normalize_schac_code(value):
    """A SCHAC code is the institution's main domain, in lower case, with no scheme,
    path or trailing dot."""
    value = (value or "").strip().lower()
    value = re.sub(r"^[a-z]+://", "", value)
    return value.split("/", 1)[0].rstrip(".")


def validate_schac_code(value):
    try:
        DomainNameValidator(accept_idna=False)(value)
    except ValidationError:
        valid = False
    else:
        valid = "." in value
    if not valid:
        raise ValidationError(
            _("“%(value)s” is not a SCHAC code: give the institution's domain, e.g. uw.edu.pl."),
            code="invalid_schac_code",
            params={"value": value},
        )


class IdentifierFormField(forms.CharField):
    """Normalizes what is typed before the length and the validators look at it, so
    that a pasted address (https://ror.org/...) is not refused for its length."""

    def __init__(self, *, normalize, **kwargs):
        self.normalize = normalize
        super().__init__(**kwargs)

    def to_python(self, value):
        return self.normalize(super().to_python(value))


class IdentifierField(models.CharField):
    """A CharField that stores its value normalized: what the form, an import or the
    code gives is normalized before it is validated and before it is saved."""

    def __init__(self, *args, normalize, **kwargs):
        self.normalize = normalize
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["normalize"] = self.normalize
        return name, path, args, kwargs

    def to_python(self, value):
        return self.normalize(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": IdentifierFormField, "normalize": self.normalize, **kwargs}
        )

    def pre_save(self, model_instance, add):
        value = self.normalize(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
