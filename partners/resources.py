"""The spreadsheet columns of partners: institutions, rankings and agreements.

Each row is found by a natural key (an institution by its slug, a ranking by its
institution, system and year, an agreement by its institution, kind and signing
date), so that importing the same file again, or a file the admin exported, changes
nothing: every row comes back "skipped". Values pass through the model fields'
own normalizers and validators, and every problem a row has is a message on that
row, in the staff member's language.
"""

import datetime
from decimal import Decimal, InvalidOperation

from diff_match_patch import diff_match_patch
from django.core.exceptions import NON_FIELD_ERRORS, MultipleObjectsReturned, ValidationError
from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_countries import countries
from import_export import resources, widgets
from import_export.fields import Field
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.settings import DEFAULT_LANGUAGE as DEFAULT_CONTENT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from .models import Agreement, AgreementKind, AgreementStatus, Institution, Ranking, RankingSystem

# A cell beginning with one of these is a formula to Excel and LibreOffice: exported
# text that starts so is written with a leading apostrophe, which importing removes.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# An institution is known by the slug of its page in the default language.
DEFAULT_SLUG = build_localized_fieldname("slug", DEFAULT_CONTENT_LANGUAGE)


class SpreadsheetRejected(Exception):
    """A file that cannot be imported at all; its message is shown on the form."""


def neutralize_formula(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore_formula(text):
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def cell_text(value):
    """A cell as text: lines as Python writes them, no surrounding spaces."""
    if value is None:
        return ""
    return force_str(value).replace("\r\n", "\n").strip()


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return restore_formula(cell_text(value))

    def render(self, value, obj=None, **kwargs):
        return neutralize_formula(cell_text(value))


class PlainNumber:
    """A number written the same whatever the staff member's language (52.2403, never
    52,2403 or 1 816), so that a file exported in one language imports in another."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class WholeNumberWidget(PlainNumber, widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text})
        return int(number)


class NumberWidget(PlainNumber, widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from None


class DayWidget(widgets.DateWidget):
    """A date written 2025-06-30, or a date cell of the spreadsheet."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date: write it as 2025-06-30.") % {"value": text}
            ) from None


class CountryWidget(widgets.Widget):
    """A country by its ISO code (PL) or its name in any of the site's languages."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        if text.upper() in countries:
            return text.upper()
        for language in AVAILABLE_LANGUAGES:
            code = countries.by_name(text, language=language)
            if code:
                return code
        raise ValueError(
            _(
                "“%(value)s” is not a country: give its two-letter ISO code (e.g. PL) "
                "or its name in English, Chinese or Russian."
            )
            % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class ChoiceWidget(widgets.Widget):
    """One of a model field's choices, by its code or its name in any language."""

    def __init__(self, choices):
        super().__init__()
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        wanted = text.casefold()
        for code, label in self.choices.choices:
            names = {code.casefold()}
            for language in AVAILABLE_LANGUAGES:
                with override(language):
                    names.add(force_str(label).casefold())
            if wanted in names:
                return code
        raise ValueError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(self.choices.values)}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class InstitutionWidget(widgets.ForeignKeyWidget):
    """An institution by the slug of its page (the last part of /partners/<slug>/)."""

    def __init__(self):
        super().__init__(Institution, field=DEFAULT_SLUG)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        try:
            return Institution.objects.get(**{self.field: text})
        except Institution.DoesNotExist:
            raise ValueError(
                _(
                    "No institution has the slug “%(value)s”: import the institutions first, "
                    "or correct the slug."
                )
                % {"value": text}
            ) from None


class RankingSystemWidget(widgets.ForeignKeyWidget):
    """A ranking system by its short name (THE) or its full name."""

    def __init__(self):
        super().__init__(RankingSystem)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        found = list(
            RankingSystem.objects.filter(Q(short_name__iexact=text) | Q(name__iexact=text))
        )
        if len(found) != 1:
            raise ValueError(
                _(
                    "“%(value)s” is not a ranking system: give the short name (e.g. THE) "
                    "or the name of one in the list of ranking systems."
                )
                % {"value": text}
            )
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return value.label if value else ""


def text_column(attribute, column=None):
    return Field(attribute=attribute, column_name=column or attribute, widget=TextWidget())


def duplicate_key_message(key_columns, first_line):
    return _("Line %(line)s has the same %(columns)s: a file may give each of them only once.") % {
        "line": first_line,
        "columns": " + ".join(key_columns),
    }


class Diff(resources.Diff):
    """The library's preview of a row's changes, marked up without style attributes,
    which the admin's Content Security Policy refuses (admin-spreadsheets.css colours
    them)."""

    TAGS = {
        diff_match_patch.DIFF_DELETE: "del",
        diff_match_patch.DIFF_EQUAL: "span",
        diff_match_patch.DIFF_INSERT: "ins",
    }

    def as_html(self):
        matcher = diff_match_patch()
        cells = []
        for old, new in zip(self.left, self.right, strict=True):
            changes = matcher.diff_main("" if self.new else force_str(old), force_str(new))
            matcher.diff_cleanupSemantic(changes)
            parts = ((self.TAGS[change], text) for change, text in changes if text)
            cells.append(format_html_join("", "<{0}>{1}</{0}>", parts))
        return cells


class PartnerResource(resources.ModelResource):
    """What every partner spreadsheet does on import (see the module's docstring)."""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        # The preview shows what a row with errors says.
        store_row_values = True

    def get_diff_class(self):
        return Diff

    def before_import(self, dataset, **kwargs):
        self.lines_by_key = {}
        headers = {cell_text(header) for header in dataset.headers or []}
        missing = [
            self.fields[name].column_name
            for name in self.get_import_id_fields()
            if self.fields[name].column_name not in headers
        ]
        if missing:
            raise SpreadsheetRejected(
                _("The file has no column %(columns)s: its first line names the columns.")
                % {"columns": ", ".join(missing)}
            )

    def before_import_row(self, row, **kwargs):
        # The line in the spreadsheet: its first line holds the column names.
        line = kwargs["row_number"] + 1
        columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        key = tuple(cell_text(row.get(column)).casefold() for column in columns)
        first_line = self.lines_by_key.setdefault(key, line)
        if first_line != line:
            raise ValidationError(duplicate_key_message(columns, first_line))

    def get_instance(self, instance_loader, row):
        # An unknown institution or ranking system in a key column is the row's error,
        # like anywhere else in the row.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        except MultipleObjectsReturned:
            # Two agreements of one kind not yet signed, say: the file cannot tell
            # which one it means.
            columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
            raise ValidationError(
                _(
                    "More than one existing row has this %(columns)s: the file cannot say "
                    "which one it means. Change them in the admin instead."
                )
                % {"columns": " + ".join(columns)}
            ) from None

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Each value as the model field stores it (a ROR ID's https://ror.org/ prefix
        # dropped, an Erasmus code spaced), so that an unchanged row compares equal.
        for field in self.get_import_fields():
            if field.attribute in errors:
                continue
            model_field = self.model_field(field.attribute)
            if model_field is None or model_field.is_relation:
                continue
            if self.missing_required_translation(instance, model_field):
                # Under the original field's name, which the model's own check uses.
                errors[model_field.translated_field.name] = model_field.error_messages["blank"]
                continue
            try:
                value = model_field.to_python(getattr(instance, model_field.attname))
            except ValidationError as error:
                errors[field.attribute] = error.error_list
            else:
                if value == "" and model_field.null:
                    # An empty translation is stored as NULL (modeltranslation's way).
                    value = None
                setattr(instance, model_field.attname, value)
        self.normalize(instance)
        if errors:
            raise ValidationError(errors)

    def normalize(self, instance):
        """Make the instance what saving it would make it."""

    @staticmethod
    def missing_required_translation(instance, model_field):
        """A required field left empty in the default language. The model's own check
        reads the field in the active language, which may be another (a staff member
        importing in Russian), so this one names the column."""
        original = getattr(model_field, "translated_field", None)
        return (
            original is not None
            and not original.blank
            and model_field.language == DEFAULT_CONTENT_LANGUAGE
            and getattr(instance, model_field.attname) in ("", None)
        )

    def model_field(self, attribute):
        try:
            return self._meta.model._meta.get_field(attribute)
        except Exception:
            return None

    def column_names(self):
        """The column of each attribute, for naming the column of an error."""
        names = {}
        for field in self.get_import_fields():
            names[field.attribute] = field.column_name
            # The model reports a missing default-language name on "name".
            model_field = self.model_field(field.attribute)
            if getattr(model_field, "language", None) == DEFAULT_CONTENT_LANGUAGE:
                names.setdefault(model_field.translated_field.name, field.column_name)
        names[NON_FIELD_ERRORS] = ""
        return names


class InstitutionResource(PartnerResource):
    slug = text_column(DEFAULT_SLUG, "slug")
    name_en = text_column("name_en")
    name_zh_hans = text_column("name_zh_hans")
    name_ru = text_column("name_ru")
    other_names = text_column("other_names")
    city_en = text_column("city_en")
    city_zh_hans = text_column("city_zh_hans")
    city_ru = text_column("city_ru")
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    founded_year = Field(
        attribute="founded_year", column_name="founded_year", widget=WholeNumberWidget()
    )
    website = text_column("website")
    ror_id = text_column("ror_id")
    erasmus_code = text_column("erasmus_code")
    schac_code = text_column("schac_code")
    latitude = Field(attribute="latitude", column_name="latitude", widget=NumberWidget())
    longitude = Field(attribute="longitude", column_name="longitude", widget=NumberWidget())

    class Meta(PartnerResource.Meta):
        model = Institution
        name = "institutions"
        fields = [
            "slug",
            "name_en",
            "name_zh_hans",
            "name_ru",
            "other_names",
            "city_en",
            "city_zh_hans",
            "city_ru",
            "country",
            "founded_year",
            "website",
            "ror_id",
            "erasmus_code",
            "schac_code",
            "latitude",
            "longitude",
        ]
        import_id_fields = ["slug"]


class RankingResource(PartnerResource):
    institution = Field(
        attribute="institution", column_name="institution", widget=InstitutionWidget()
    )
    ranking_system = Field(
        attribute="system", column_name="ranking_system", widget=RankingSystemWidget()
    )
    year = Field(attribute="year", column_name="year", widget=WholeNumberWidget())
    rank = Field(attribute="rank_from", column_name="rank", widget=WholeNumberWidget())
    band_end = Field(attribute="rank_to", column_name="band_end", widget=WholeNumberWidget())

    class Meta(PartnerResource.Meta):
        model = Ranking
        name = "rankings"
        fields = ["institution", "ranking_system", "year", "rank", "band_end"]
        import_id_fields = ["institution", "ranking_system", "year"]

    def normalize(self, instance):
        if instance.rank_to is not None and instance.rank_to == instance.rank_from:
            instance.rank_to = None


class AgreementResource(PartnerResource):
    institution = Field(
        attribute="institution", column_name="institution", widget=InstitutionWidget()
    )
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(AgreementKind))
    signed_on = Field(attribute="signed_on", column_name="signed_on", widget=DayWidget())
    valid_until = Field(attribute="valid_until", column_name="valid_until", widget=DayWidget())
    status_override = Field(
        attribute="status_override",
        column_name="status_override",
        widget=ChoiceWidget(AgreementStatus),
    )
    programmes_en = text_column("programmes_en")
    programmes_zh_hans = text_column("programmes_zh_hans")
    programmes_ru = text_column("programmes_ru")

    class Meta(PartnerResource.Meta):
        model = Agreement
        name = "agreements"
        fields = [
            "institution",
            "kind",
            "signed_on",
            "valid_until",
            "status_override",
            "programmes_en",
            "programmes_zh_hans",
            "programmes_ru",
        ]
        import_id_fields = ["institution", "kind", "signed_on"]
