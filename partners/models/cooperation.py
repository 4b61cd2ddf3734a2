"""An agreement in the terms of the Erasmus Without Paper inter-institutional agreement:
its cooperation conditions (who goes where, how many, for how long, in which subjects,
at which levels, in which language) and the contact persons on each side.
"""

from django import forms
from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.collation import sort_key
from core.fields import PlainTextField
from core.languages import active_language

from ..isced import validate_isced_code

# Academic years are stored as the calendar year they start in: 2024 is 2024/25.
FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR = 2000, 2099


class SubjectArea(models.Model):
    """A field of education and training of ISCED-F 2013 (seeded by a migration)."""

    code = models.CharField(
        _("ISCED-F code"),
        max_length=4,
        primary_key=True,
        validators=[validate_isced_code],
        help_text=_(
            "Two digits for a broad field, three for a narrow one, four for a detailed one."
        ),
    )
    name = PlainTextField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("subject area")
        verbose_name_plural = _("subject areas")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class MobilityType(models.TextChoices):
    STUDENT_STUDIES = "student_studies", _("Student mobility for studies")
    STUDENT_TRAINEESHIP = "student_traineeship", _("Student mobility for traineeships")
    STAFF_TEACHING = "staff_teaching", _("Staff mobility for teaching")
    STAFF_TRAINING = "staff_training", _("Staff mobility for training")


STUDENT_MOBILITY = {MobilityType.STUDENT_STUDIES, MobilityType.STUDENT_TRAINEESHIP}

# The length of one mobility that makes sense for each type, in its own unit: months
# for students (a summer school to a full year), days for staff (Erasmus+ funds staff
# mobility of up to two months).
DURATION_RANGE = {
    MobilityType.STUDENT_STUDIES: (1, 12),
    MobilityType.STUDENT_TRAINEESHIP: (1, 12),
    MobilityType.STAFF_TEACHING: (1, 60),
    MobilityType.STAFF_TRAINING: (1, 60),
}


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("From our university to the partner")
    INCOMING = "incoming", _("From the partner to our university")


class EducationLevel(models.IntegerChoices):
    """The European Qualifications Framework's levels of higher education."""

    SHORT_CYCLE = 5, _("Short cycle (EQF 5)")
    BACHELOR = 6, _("Bachelor (EQF 6)")
    MASTER = 7, _("Master (EQF 7)")
    DOCTORAL = 8, _("Doctoral (EQF 8)")


class CEFRLevel(models.TextChoices):
    """Levels of the Common European Framework of Reference for Languages."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


def academic_year_label(year):
    return f"{year}/{(year + 1) % 100:02d}"


def academic_year_choices():
    return [
        (year, academic_year_label(year))
        for year in range(FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR + 1)
    ]


# {code: English name}: the names are the msgids of Django's own catalogues, which
# translate every one of them (LANG_INFO spells a few otherwise, e.g. "Bokmal").
LANGUAGE_NAMES = dict(global_settings.LANGUAGES)


def language_name(code):
    """A language's name in the reader's language."""
    return gettext(LANGUAGE_NAMES[code])


def language_choices():
    """Every language of Django's own list, named and sorted in the reader's language."""
    language = active_language()
    named = [(code, language_name(code)) for code in LANGUAGE_NAMES]
    return sorted(named, key=lambda choice: sort_key(choice[1], language))


def validate_education_levels(value):
    if not isinstance(value, list) or any(level not in EducationLevel.values for level in value):
        raise ValidationError(
            _("Education levels are EQF levels 5 to 8."), code="invalid_education_levels"
        )
    if len(set(value)) != len(value):
        raise ValidationError(
            _("Give each education level once."), code="repeated_education_levels"
        )


class EducationLevelsField(models.JSONField):
    """A list of EQF levels, e.g. [6, 7], entered as check boxes.

    A list rather than a table of its own: four fixed values that every database
    stores the same way, read together with the condition."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": EducationLevel.choices,
            "coerce": int,
            "widget": forms.CheckboxSelectMultiple,
        }
        # The plain field's form field: JSONField's would be a text box of JSON.
        return models.Field.formfield(self, **{**defaults, **kwargs})


class CooperationCondition(models.Model):
    """One flow of mobility an agreement provides for, as Erasmus agreements state it."""

    agreement = models.ForeignKey(
        "Agreement", models.CASCADE, related_name="conditions", verbose_name=_("agreement")
    )
    mobility_type = models.CharField(_("mobility type"), max_length=30, choices=MobilityType)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction)
    first_academic_year = models.PositiveSmallIntegerField(
        _("first academic year"), choices=academic_year_choices
    )
    last_academic_year = models.PositiveSmallIntegerField(
        _("last academic year"), choices=academic_year_choices
    )
    mobilities_per_year = models.PositiveSmallIntegerField(
        _("mobilities per year"),
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text=_("How many students or staff members may go each academic year."),
    )
    duration = models.PositiveSmallIntegerField(
        _("duration per mobility"),
        help_text=_(
            "In months for student mobility (1 to 12), in days for staff mobility (1 to 60)."
        ),
    )
    subject_areas = models.ManyToManyField(
        SubjectArea, verbose_name=_("subject areas"), blank=True, related_name="conditions"
    )
    education_levels = EducationLevelsField(
        _("education levels"),
        validators=[validate_education_levels],
        help_text=_("At least one for student mobility; staff mobility may have none."),
    )
    language = models.CharField(
        _("recommended language of instruction"),
        max_length=7,
        choices=language_choices,
        blank=True,
    )
    cefr_level = models.CharField(
        _("recommended CEFR level"), max_length=2, choices=CEFRLevel, blank=True
    )

    class Meta:
        verbose_name = _("cooperation condition")
        verbose_name_plural = _("cooperation conditions")
        # Students before staff, each in the list's order; outgoing before incoming.
        ordering = [
            models.Case(
                *(
                    models.When(mobility_type=value, then=models.Value(position))
                    for position, value in enumerate(MobilityType.values)
                ),
                default=models.Value(len(MobilityType.values)),
            ),
            "-direction",
            "pk",
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_academic_year__gte=models.F("first_academic_year")),
                name="condition_years_in_order",
                violation_error_message=_(
                    "The last academic year cannot come before the first one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(mobilities_per_year__gte=1) & Q(duration__gte=1),
                name="condition_counts_positive",
                violation_error_message=_(
                    "Give at least one mobility a year of at least one day or month."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_mobility_type_display()}, {self.academic_years}"

    def save(self, *args, **kwargs):
        self.education_levels = sorted(set(self.education_levels or []))
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        first, last = self.first_academic_year, self.last_academic_year
        if first and last and last < first:
            errors["last_academic_year"] = _(
                "The last academic year cannot come before the first one."
            )
        if message := self.duration_error():
            errors["duration"] = message
        if self.is_student_mobility and not self.education_levels:
            errors["education_levels"] = _(
                "Give at least one education level for student mobility."
            )
        if self.cefr_level and not self.language:
            errors["language"] = _("Give the language that the CEFR level is for.")
        if errors:
            raise ValidationError(errors)

    def duration_error(self):
        if self.mobility_type not in DURATION_RANGE or self.duration is None:
            return None
        low, high = DURATION_RANGE[self.mobility_type]
        if low <= self.duration <= high:
            return None
        if self.is_student_mobility:
            message = _("A student mobility lasts %(low)s to %(high)s months: give the months.")
        else:
            message = _("A staff mobility lasts %(low)s to %(high)s days: give the days.")
        return message % {"low": low, "high": high}

    @property
    def is_student_mobility(self):
        return self.mobility_type in STUDENT_MOBILITY

    @property
    def is_outgoing(self):
        return self.direction == Direction.OUTGOING

    @property
    def academic_years(self):
        """The first and last academic years joined by a dash, or the one year."""
        first = academic_year_label(self.first_academic_year)
        if self.last_academic_year == self.first_academic_year:
            return first
        return f"{first}\N{EN DASH}{academic_year_label(self.last_academic_year)}"

    @property
    def education_level_labels(self):
        return [EducationLevel(level).label for level in self.education_levels]

    @property
    def language_name(self):
        return language_name(self.language) if self.language else ""


class AgreementContact(models.Model):
    """A person to write to about an agreement, on our side or the partner's: for
    staff only, never on public pages."""

    class Side(models.TextChoices):
        OURS = "ours", _("Our university")
        PARTNER = "partner", _("Partner institution")

    agreement = models.ForeignKey(
        "Agreement", models.CASCADE, related_name="contacts", verbose_name=_("agreement")
    )
    side = models.CharField(_("side"), max_length=10, choices=Side)
    name = PlainTextField(_("name"), max_length=200)
    role = PlainTextField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telephone = PlainTextField(_("telephone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["agreement", "side", "pk"]

    def __str__(self):
        return self.name
