"""The image upload view behind the rich-text editor (CKEditor 5's simple upload
adapter): multipart POST with the file in "upload", JSON back."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from .admin_storage import STORAGE_UNREACHABLE
from .images import MAX_UPLOAD_BYTES, body_image
from .library.models import LibraryImage
from .storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

# The permissions that let a staff member upload images into the editor: each app
# whose forms host the editor names its own (allow_uploads_to, from AppConfig.ready).
UPLOAD_PERMISSIONS = set()
UPLOAD_FOLDER = "editor/%Y/%m/"
# Twice the width of the text column, so that photos stay sharp on high-density
# screens; a 24-megapixel photo is not sent whole to every reader.
BODY_IMAGE_WIDTH = 1600
# Room for the multipart boundaries and headers around the file itself.
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024


@require_POST
@csrf_protect
def upload_image(request):
    if not may_upload_images(request.user):
        return upload_error(_("You are not allowed to upload images."), status=403)
    if request_size(request) > MAX_REQUEST_BYTES:
        return upload_error(_("The file is too large."), status=413)
    uploaded_file = request.FILES.get("upload")
    if uploaded_file is None:
        return upload_error(_("No file was sent."))
    try:
        image = body_image(uploaded_file, BODY_IMAGE_WIDTH)
    except ValidationError as error:
        return upload_error(" ".join(error.messages))
    try:
        name = default_storage.save(timezone.now().strftime(UPLOAD_FOLDER) + image.name, image)
        # The library row is written only once the file is stored; a file stored
        # without its row (the size asked afterwards failed) is an orphan nobody links.
        item = add_to_library(request, name)
    except STORAGE_ERRORS as error:
        logger.warning("An editor image upload failed, the file storage did not answer: %s", error)
        return upload_error(STORAGE_UNREACHABLE, status=503)
    return JsonResponse({"url": default_storage.url(name), "alt": item.alt, "id": item.pk})


def add_to_library(request, name):
    """Every uploaded image becomes a library item, with the description the editor
    asked for (an older client may send none: the library lists it as missing)."""
    decorative = request.POST.get("decorative") == "1"
    alt_text = "" if decorative else request.POST.get("alt", "").strip()[:255]
    item = LibraryImage(alt_text=alt_text, decorative=decorative, uploaded_by=request.user)
    item.file.name = name
    item.size = default_storage.size(name)
    LibraryImage._meta.get_field("file").update_dimension_fields(item, force=True)
    item.save()
    return item


def allow_uploads_to(*permissions):
    UPLOAD_PERMISSIONS.update(permissions)


def may_upload_images(user):
    return user.is_active and user.is_staff and any(map(user.has_perm, UPLOAD_PERMISSIONS))


def request_size(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def upload_error(message, status=400):
    return JsonResponse({"error": {"message": str(message)}}, status=status)
