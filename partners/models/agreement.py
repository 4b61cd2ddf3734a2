"""Agreements signed (or being prepared) with partner institutions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import PlainLongTextField
from documents.models import Document

from .common import add_months, non_empty_lines


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of cooperation")
    PROGRAMME = "programme", _("Programme agreement")
    STUDENT_EXCHANGE = "student_exchange", _("Student exchange agreement")
    STAFF_EXCHANGE = "staff_exchange", _("Staff exchange agreement")
    JOINT_DEGREE = "joint_degree", _("Joint or double degree agreement")
    RESEARCH = "research", _("Research cooperation agreement")


class AgreementStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("In preparation")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")


class AgreementQuerySet(models.QuerySet):
    def in_force(self, today=None):
        return self.filter(Agreement.in_force_condition(today or timezone.localdate()))

    def expired(self, today=None):
        return self.filter(Agreement.expired_condition(today or timezone.localdate()))

    def in_preparation(self, today=None):
        today = today or timezone.localdate()
        return self.exclude(Agreement.in_force_condition(today)).exclude(
            Agreement.expired_condition(today)
        )

    def expiring_within_six_months(self, today=None):
        """In force today, and ending within six calendar months."""
        today = today or timezone.localdate()
        return self.in_force(today).filter(valid_until__lte=add_months(today, 6))


class Agreement(models.Model):
    """An agreement signed (or being prepared) with a partner institution.

    Its status follows its dates: in preparation until it is signed, in force from
    the day it is signed until its end date, expired after. `status_override` is for
    what the dates cannot say (an agreement ended early, or signed but suspended).
    """

    institution = models.ForeignKey(
        "Institution", models.CASCADE, related_name="agreements", verbose_name=_("institution")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AgreementKind)
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, help_text=_("Leave empty while in preparation.")
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if open-ended.")
    )
    programmes = PlainLongTextField(
        _("programmes covered"),
        blank=True,
        help_text=_("One per line, e.g. polymer materials and engineering."),
    )
    signatories = PlainLongTextField(_("signatories"), blank=True, help_text=_("One per line."))
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="agreements",
        help_text=_(
            "The agreement's text or forms that go with it. Only public documents are "
            "shown on the partner's page."
        ),
    )
    signed_copy = models.ForeignKey(
        "documents.Document",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_agreements",
        verbose_name=_("signed copy"),
        help_text=_(
            "The scanned agreement with its signatures, as a PDF document. Only staff "
            "see it: it is never shown on public pages."
        ),
    )
    internal_notes = PlainLongTextField(
        _("internal notes"),
        blank=True,
        help_text=_("For staff only: never shown on public pages."),
    )
    status_override = models.CharField(
        _("status override"),
        max_length=20,
        choices=AgreementStatus,
        blank=True,
        help_text=_(
            "Normally empty: the status follows the dates. Set it only when the dates "
            "cannot say it, e.g. an agreement ended early."
        ),
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=models.F("signed_on")),
                name="agreement_ends_after_signing",
                violation_error_message=_("An agreement cannot end before it is signed."),
            ),
        ]

    def __str__(self):
        signed = self.signed_on.isoformat() if self.signed_on else _("unsigned")
        return f"{self.get_kind_display()} ({signed})"

    def clean(self):
        errors = {}
        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            errors["valid_until"] = _("The end date cannot be before the signing date.")
        if self.signed_copy and self.signed_copy.kind != Document.Kind.PDF:
            errors["signed_copy"] = _(
                "The signed copy must be a PDF document; “%(title)s” is a %(kind)s."
            ) % {"title": self.signed_copy.title, "kind": self.signed_copy.get_kind_display()}
        elif self.signed_copy and self.signed_copy.is_public:
            # A public document is anyone's to download from its own address, whatever
            # the partner's page leaves out.
            errors["signed_copy"] = _(
                "The signed copy must be a staff-only document; “%(title)s” is public."
            ) % {"title": self.signed_copy.title}
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def in_force_condition(today, prefix=""):
        """The rule for "in force" as a Q, for querysets and annotations alike."""
        dates_say_in_force = Q(**{f"{prefix}signed_on__lte": today}) & (
            Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today})
        )
        return Q(**{f"{prefix}status_override": AgreementStatus.IN_FORCE}) | (
            Q(**{f"{prefix}status_override": ""}) & dates_say_in_force
        )

    @staticmethod
    def expired_condition(today, prefix=""):
        return Q(**{f"{prefix}status_override": AgreementStatus.EXPIRED}) | Q(
            **{f"{prefix}status_override": "", f"{prefix}valid_until__lt": today}
        )

    def status_on(self, today):
        """The same rule as the conditions above, for one agreement."""
        if self.status_override:
            return AgreementStatus(self.status_override)
        if self.valid_until and self.valid_until < today:
            return AgreementStatus.EXPIRED
        if self.signed_on and self.signed_on <= today:
            return AgreementStatus.IN_FORCE
        return AgreementStatus.IN_PREPARATION

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return self.status.label

    @property
    def public_documents(self):
        """The attached documents anyone may download, from the prefetch that
        Institution.objects.for_detail() makes, else from one query. Never the signed
        copy, even when it is attached too and someone made it public: signatures and
        the parties' details are not for the public."""
        prefetched = getattr(self, "prefetched_public_documents", None)
        if prefetched is None:
            prefetched = list(self.documents.public())
        return [document for document in prefetched if document.pk != self.signed_copy_id]

    @property
    def programmes_list(self):
        return non_empty_lines(self.programmes)

    @property
    def signatories_list(self):
        return non_empty_lines(self.signatories)
