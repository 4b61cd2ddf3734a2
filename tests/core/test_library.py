"""The media library: items made by uploads, where they are used, the picker's JSON,
and who may see it."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.library.models import LibraryImage
from core.library.usage import usages_by_name
from news.models import NewsRelease
from partners.models import Institution
from tests.conftest import make_staff_user

from .sample_images import image_bytes, upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/editor/upload-image/"
LIBRARY_URL = "/editor/library/"


def library_item(alt_text="", decorative=False):
    name = default_storage.save("editor/2026/01/photo.png", ContentFile(image_bytes("PNG")))
    item = LibraryImage(alt_text=alt_text, decorative=decorative)
    item.file.name = name
    item.save()
    return item


def test_an_upload_becomes_a_library_item_with_its_description(client, news_editor):
    client.force_login(news_editor)
    response = client.post(
        UPLOAD_URL, {"upload": upload(image_bytes("PNG")), "alt": "  Students at the fair "}
    )

    item = LibraryImage.objects.get()
    assert response.json() == {"url": item.file.url, "alt": "Students at the fair", "id": item.pk}
    assert (item.uploaded_by, item.width, item.height) == (news_editor, 120, 80)
    assert item.size == default_storage.size(item.file.name) > 0


def test_a_decorative_upload_has_an_empty_alt(client, news_editor):
    client.force_login(news_editor)
    response = client.post(
        UPLOAD_URL, {"upload": upload(image_bytes("PNG")), "alt": "ignored", "decorative": "1"}
    )

    assert response.json()["alt"] == ""
    assert LibraryImage.objects.get().decorative


def test_a_refused_upload_leaves_no_library_item(client, news_editor):
    client.force_login(news_editor)
    response = client.post(UPLOAD_URL, {"upload": upload(b"<html></html>"), "alt": "x"})

    assert response.status_code == 400
    assert not LibraryImage.objects.exists()


def test_usage_is_found_in_every_language_of_a_body_and_in_image_fields():
    in_russian = library_item("a")
    as_logo = library_item("b")
    unused = library_item("c")
    release = NewsRelease.objects.create(
        title="Fair", body="<p>Text</p>", body_ru=f'<p><img src="{in_russian.file.url}"></p>'
    )
    institution = Institution.objects.create(name="Irkutsk", slug="irkutsk", country="RU")
    Institution.objects.filter(pk=institution.pk).update(logo=as_logo.file.name)

    found = usages_by_name([in_russian.file.name, as_logo.file.name, unused.file.name])

    assert [(u.model, u.pk) for u in found[in_russian.file.name]] == [(NewsRelease, release.pk)]
    assert [(u.model, u.pk) for u in found[as_logo.file.name]] == [(Institution, institution.pk)]
    assert unused.file.name not in found


def test_the_picker_lists_only_described_images(client, news_editor):
    described = library_item("The main building")
    decorative = library_item(decorative=True)
    library_item("")
    client.force_login(news_editor)

    images = client.get(LIBRARY_URL).json()["images"]

    assert {image["id"] for image in images} == {described.pk, decorative.pk}
    assert client.get(LIBRARY_URL, {"q": "main build"}).json()["images"][0]["alt"] == (
        "The main building"
    )


def test_the_picker_is_closed_to_staff_who_may_not_upload(client, django_user_model):
    library_item("The main building")
    client.force_login(make_staff_user(django_user_model, "office", "change_office"))

    assert client.get(LIBRARY_URL).status_code == 403


def test_news_editors_may_use_the_library_admin_but_not_add_to_it(client, news_editor):
    client.force_login(news_editor)

    assert client.get("/admin/core/libraryimage/").status_code == 200
    assert client.get("/admin/core/libraryimage/add/").status_code == 403


def test_a_used_image_cannot_be_deleted_from_its_page(client, news_editor):
    item = library_item("a")
    NewsRelease.objects.create(title="Fair", body=f'<p><img src="{item.file.url}"></p>')
    client.force_login(news_editor)

    assert (
        client.post(f"/admin/core/libraryimage/{item.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert LibraryImage.objects.filter(pk=item.pk).exists()


def test_deleting_an_unused_image_deletes_its_renditions_and_their_records(client, news_editor):
    from core.images import get_rendition
    from core.images.renditions import record_key, recorded_here, rendition_name

    item = library_item("unused")
    rendition = get_rendition(item.file, 320)
    name = rendition_name(item.file.name, 320)
    assert rendition and default_storage.exists(name)
    assert cache.get(record_key(name)) and name in recorded_here
    client.force_login(news_editor)
    news_editor.user_permissions.add(*Permission.objects.filter(codename="delete_libraryimage"))

    response = client.post(f"/admin/core/libraryimage/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not default_storage.exists(name)
    # A record left behind would name a file that is gone, and never expire.
    assert cache.get(record_key(name)) is None and name not in recorded_here
