"""Preview links: a draft or scheduled release shared for sign-off with people who
have no account.

A link's address holds a token signed with the site's secret key (so that it cannot
be guessed or altered) naming the link's row; the row says until when the link works
and whether it was revoked, so that an editor can end it at any time. The address can
be shown again and copied for as long as the link lives.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SALT = "news.preview-link"
DEFAULT_DAYS = 7
MAX_DAYS = 90


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    release = models.ForeignKey(
        "news.NewsRelease",
        verbose_name=_("news release"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    label = models.CharField(
        _("shared with"),
        max_length=100,
        blank=True,
        help_text=_("Who the link is for, as a reminder (optional)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.release} ({self.pk})"

    def get_absolute_url(self):
        return reverse("news:preview", kwargs={"token": self.token})

    @property
    def token(self):
        # Without a time in it: the address is the same each time it is shown.
        return signing.Signer(salt=SALT).sign(str(self.pk))

    @classmethod
    def create_for(cls, release, user, days=DEFAULT_DAYS, label=""):
        return cls.objects.create(
            release=release,
            created_by=user,
            label=label,
            expires_at=timezone.now() + timedelta(days=days),
        )

    @classmethod
    def from_token(cls, token):
        """The link a token names (revoked or expired ones too), or None when the token
        was not made here or was altered."""
        try:
            pk = signing.Signer(salt=SALT).unsign(token)
        except signing.BadSignature:
            return None
        if not pk.isdigit():
            return None
        return cls.objects.select_related("release").filter(pk=pk).first()

    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self, user):
        self.revoked_at = timezone.now()
        self.revoked_by = user
        self.save(update_fields=["revoked_at", "revoked_by"])
