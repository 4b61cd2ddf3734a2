"""The editor's library picker: the described images, as JSON, newest first."""

from django.db.models import Q
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.editor import may_upload_images, upload_error
from core.images import get_rendition

from .models import LibraryImage

PAGE_SIZE = 48
THUMBNAIL_WIDTH = 240


@require_GET
def library_images(request):
    # Whoever may put an uploaded image into a body may put a library image there.
    if not may_upload_images(request.user):
        return upload_error(_("You are not allowed to use the media library."), status=403)
    query = request.GET.get("q", "").strip()[:100]
    # An image without a description would reach the page without alt text.
    items = LibraryImage.objects.filter(Q(decorative=True) | ~Q(alt_text=""))
    if query:
        items = items.filter(Q(alt_text__icontains=query) | Q(file__icontains=query))
    return JsonResponse({"images": [describe(item) for item in items[:PAGE_SIZE]]})


def describe(item):
    thumbnail = get_rendition(item.file, THUMBNAIL_WIDTH)
    return {
        "id": item.pk,
        "url": item.file.url,
        "thumbnail": thumbnail.url if thumbnail else item.file.url,
        "alt": item.alt,
        "decorative": item.decorative,
        "label": item.alt_text or _("Decorative image"),
    }
