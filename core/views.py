"""Pieces of views shared by the apps' pages."""

from django.shortcuts import redirect


class CanonicalSlugMixin:
    """A detail page with one address: the object's, with its slug in this language.

    An address with another slug (an old one, another language's, or none) redirects
    permanently to get_absolute_url(), so that links and search engines keep one
    address per page in each language.
    """

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get(self.slug_url_kwarg) != self.object.slug:
            return redirect(self.object.get_absolute_url(), permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))
