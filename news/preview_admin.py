"""Preview links in the admin: made, listed and revoked from a release's change page
(the section under its form, templates/admin/news/newsrelease/change_form.html)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .previews import DEFAULT_DAYS, MAX_DAYS, PreviewLink


class PreviewLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Shared with"),
        max_length=100,
        required=False,
        help_text=_("Who the link is for, as a reminder (optional)."),
    )
    days = forms.IntegerField(
        label=_("Works for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
    )


def url_name(opts, action):
    return f"{opts.app_label}_{opts.model_name}_{action}"


class PreviewLinksAdminMixin:
    """For the release's ModelAdmin: the preview links of a release that is not public."""

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/preview-links/",
                self.admin_site.admin_view(self.create_preview_link),
                name=url_name(self.opts, "preview_link_create"),
            ),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                self.admin_site.admin_view(self.revoke_preview_link),
                name=url_name(self.opts, "preview_link_revoke"),
            ),
        ]
        return own + super().get_urls()

    def release_to_share(self, request, object_id):
        """The release, if this user may change it; 404 or 403 otherwise."""
        release = self.get_object(request, object_id)
        if release is None:
            raise Http404
        if not self.has_change_permission(request, release):
            raise PermissionDenied
        return release

    def back_to(self, release):
        url = reverse("admin:" + url_name(self.opts, "change"), args=[release.pk])
        return HttpResponseRedirect(url + "#preview-links")

    def create_preview_link(self, request, object_id):
        return require_POST(self._create_preview_link)(request, object_id)

    def _create_preview_link(self, request, object_id):
        release = self.release_to_share(request, object_id)
        form = PreviewLinkForm(request.POST)
        if release.is_published():
            messages.error(
                request, gettext("This release is public: share its own address instead.")
            )
        elif not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label else errors[0])
        else:
            link = PreviewLink.create_for(
                release, request.user, form.cleaned_data["days"], form.cleaned_data["label"]
            )
            messages.success(
                request,
                gettext("Preview link created. It works until %(time)s.")
                % {"time": formats.localize(timezone.localtime(link.expires_at))},
            )
        return self.back_to(release)

    def revoke_preview_link(self, request, object_id, link_id):
        return require_POST(self._revoke_preview_link)(request, object_id, link_id)

    def _revoke_preview_link(self, request, object_id, link_id):
        release = self.release_to_share(request, object_id)
        link = release.preview_links.filter(pk=link_id).first()
        if link is None:
            raise Http404
        if link.revoked_at is None:
            link.revoke(request.user)
            messages.success(request, gettext("The preview link was revoked: it no longer works."))
        return self.back_to(release)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        release = self.get_object(request, object_id)
        if release is not None and self.has_change_permission(request, release):
            extra_context["preview_links"] = self.preview_links_context(request, release)
        return super().change_view(request, object_id, form_url, extra_context)

    def preview_links_context(self, request, release):
        links = release.preview_links.select_related("created_by", "revoked_by")
        return {
            "can_create": not release.is_published(),
            "form": PreviewLinkForm(),
            "create_url": reverse(
                "admin:" + url_name(self.opts, "preview_link_create"), args=[release.pk]
            ),
            "links": [
                {
                    "link": link,
                    "active": link.is_active(),
                    "url": request.build_absolute_uri(link.get_absolute_url()),
                    "revoke_url": reverse(
                        "admin:" + url_name(self.opts, "preview_link_revoke"),
                        args=[release.pk, link.pk],
                    ),
                }
                for link in links
            ],
        }
