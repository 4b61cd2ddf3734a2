"""The one way a document reaches a reader: after a permission check, as an attachment."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .models import Document


def download(request, pk, name):
    document = get_object_or_404(Document, pk=pk)
    if not document.is_public and not request.user.has_perm("documents.view_document"):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
