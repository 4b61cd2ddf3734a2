"""The one way a document reaches a reader: after a permission check, as an attachment.

A staff-only document answers 404 to everyone else, anonymous or signed in, exactly
as an id that does not exist: neither a redirect to the login page nor a 403 tells a
guesser that it is there. Only then is the name in the address looked at, so a wrong
name redirects only for those who may read the document.
"""

import logging

from botocore.exceptions import ClientError
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.storage import STORAGE_ERRORS

from .models import Document

logger = logging.getLogger(__name__)

# Public documents may be kept by browsers and proxies for a short while: one made
# staff-only, or replaced, stops being served within this many seconds.
PUBLIC_MAX_AGE = 300


@require_safe
def download(request, pk, name):
    document = get_object_or_404(Document, pk=pk)
    if not document.is_public and not (
        request.user.is_active
        and request.user.is_staff
        and request.user.has_perm("documents.view_document")
    ):
        raise Http404
    if name != document.original_name:
        return HttpResponsePermanentRedirect(document.get_absolute_url())
    try:
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    except STORAGE_ERRORS as error:
        if is_missing(error):
            raise Http404 from error
        logger.warning("Document %s not served, the file storage did not answer: %s", pk, error)
        return storage_unreachable()
    response["X-Content-Type-Options"] = "nosniff"
    # Opened in the browser after all (a PDF viewer), the file runs nothing and
    # reaches nothing of the site.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if document.is_public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        patch_vary_headers(response, ["Cookie"])
    return response


def is_missing(error):
    """Whether the object store answered that the file is not there."""
    code = isinstance(error, ClientError) and error.response.get("Error", {}).get("Code")
    return code in ("404", "NoSuchKey")


def storage_unreachable():
    response = HttpResponse(
        _("The document cannot be fetched just now. Please try again in a few minutes."),
        content_type="text/plain; charset=utf-8",
        status=503,
    )
    response["Retry-After"] = "60"
    patch_cache_control(response, no_store=True)
    return response
