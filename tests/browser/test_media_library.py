"""The media library, as a news editor uses it: describe a photo on upload, insert it
again from the library into another language's body, delete what no page uses; and
the editing area styled like the public release page."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from playwright.sync_api import expect

from core.library.models import LibraryImage
from news.models import NewsRelease
from tests.core.sample_images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
EDITABLE = ".ck-editor__editable"
HEADING_STYLE = """(element) => {
    const style = getComputedStyle(element);
    return [style.fontSize, style.fontWeight, style.backgroundColor, style.color,
            style.fontFamily, style.lineHeight];
}"""


@pytest.fixture
def editor(django_user_model):
    """A member of the "News editors" group: the library's permissions come from it."""
    from tests.conftest import make_group_member

    return make_group_member(django_user_model, "photo-editor", "News editors")


def log_in(page, user, next_url):
    prefix = next_url.split("/admin/")[0]
    page.goto(f"{prefix}/admin/login/?next={next_url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()


def library_item(alt_text, user=None, decorative=False):
    name = default_storage.save("editor/2026/01/photo.png", ContentFile(image_bytes("PNG")))
    item = LibraryImage(alt_text=alt_text, decorative=decorative, uploaded_by=user)
    item.file.name = name
    item.size = default_storage.size(name)
    item.save()
    return item


def editable_for(page, field):
    return page.locator(f"#id_{field} + .ck-editor .ck-editor__editable")


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/ru", "ru")])
def test_an_upload_asks_for_its_description_and_is_inserted_again_from_the_library(
    page, editor, prefix, language
):
    log_in(page, editor, f"{prefix}/admin/news/newsrelease/add/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.fill("#id_title_en", "Spring fair")
    english = editable_for(page, "body_en")
    english.click()
    page.keyboard.type("The fair in photos.")
    page.locator(".field-body_en .ck-file-dialog-button input[type=file]").set_input_files(
        files=[{"name": "fair.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}]
    )

    dialog = page.locator("dialog.rte-describe")
    expect(dialog).to_be_visible()
    dialog.locator("button[type=submit]").click()  # no description yet: refused
    expect(dialog.locator(".rte-error")).not_to_be_empty()
    dialog.locator("textarea").fill("Students at the spring fair")
    dialog.locator("button[type=submit]").click()

    uploaded = re.compile(r"^/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.webp$")
    expect(english.locator("img")).to_have_attribute("src", uploaded)
    expect(english.locator("img")).to_have_attribute("alt", "Students at the spring fair")
    item = LibraryImage.objects.get()
    assert (item.alt_text, item.uploaded_by, item.width) == (
        "Students at the spring fair",
        editor,
        120,
    )

    # The form shows one language at a time: the Russian body is in its tab.
    page.get_by_role("tab", name="Русский").first.click()
    page.locator(".field-body_ru .rte-library-open").click()
    picker = page.locator("dialog.rte-library")
    picker.get_by_role("button", name="Students at the spring fair").click()
    expect(picker).to_have_count(0)
    russian = editable_for(page, "body_ru")
    expect(russian.locator("img")).to_have_attribute("src", item.file.url)
    expect(russian.locator("img")).to_have_attribute("alt", "Students at the spring fair")

    page.fill("#id_title_ru", "Весенняя ярмарка")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    release = NewsRelease.objects.get()
    assert f'src="{item.file.url}"' in release.body_ru
    assert 'alt="Students at the spring fair"' in release.body_en
    assert LibraryImage.objects.count() == 1  # uploaded once, used twice


@pytest.mark.parametrize(
    ("prefix", "unused_label", "action_done"),
    [("", "Not used anywhere", "1 image deleted."), ("/zh-hans", None, None)],
)
def test_the_unused_images_are_listed_and_deleted_with_their_files(
    page, editor, settings, prefix, unused_label, action_done
):
    used = library_item("The library of the university")
    unused = library_item("A blurred photo")
    NewsRelease.objects.create(
        title="Library opens",
        body=f'<p>New hours.</p><figure class="image"><img src="{used.file.url}" alt="x"></figure>',
        release_time=timezone.now() - datetime.timedelta(hours=1),
        status=NewsRelease.Status.PUBLISHED,
    )
    log_in(page, editor, f"{prefix}/admin/core/libraryimage/")
    expect(page.locator("#result_list .library-thumbnail")).to_have_count(2)

    page.goto(f"{prefix}/admin/core/libraryimage/?use=unused")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("A blurred photo")
    if unused_label:
        expect(page.locator("#changelist-filter")).to_contain_text(unused_label)

    # Selecting both: the used one is kept.
    page.goto(f"{prefix}/admin/core/libraryimage/")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "delete_unused")
    page.locator("button[name=index]").click()
    if action_done:
        expect(page.locator(".messagelist .success")).to_have_text(action_done)
    else:
        expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(LibraryImage.objects.all()) == [used]
    assert not (settings.MEDIA_ROOT / unused.file.name).exists()
    assert (settings.MEDIA_ROOT / used.file.name).exists()

    # A used image cannot be deleted on its own either.
    page.goto(f"{prefix}/admin/core/libraryimage/{used.pk}/change/")
    expect(page.locator(".field-used_in")).to_contain_text("Library opens")
    expect(page.locator(".deletelink")).to_have_count(0)


def test_describing_an_image_in_the_library_needs_a_text_or_decorative(page, editor):
    item = library_item("")
    log_in(page, editor, f"/ru/admin/core/libraryimage/{item.pk}/change/")
    page.locator("input[name=_save]").click()
    expect(page.locator(".field-alt_text .errorlist")).to_be_visible()
    page.locator("#id_decorative").check()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    item.refresh_from_db()
    assert item.decorative


TAGS = ["h2", "h3", "p", "blockquote p", "li"]


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_headings_in_the_editor_look_like_those_of_the_public_page(
    browser, live_server, page, editor, prefix
):
    body = (
        "<h2>Exchange programmes</h2><h3>Deadlines</h3><p>Apply by May.</p>"
        "<blockquote><p>The best semester.</p></blockquote><ul><li>Visa</li></ul>"
    )
    release = NewsRelease.objects.create(
        title="Exchange",
        body=body,
        release_time=timezone.now() - datetime.timedelta(hours=1),
        status=NewsRelease.Status.PUBLISHED,
    )
    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(release.get_absolute_url())
    public = {tag: visitor.locator(f".prose {tag}").first.evaluate(HEADING_STYLE) for tag in TAGS}

    log_in(page, editor, f"{prefix}/admin/news/newsrelease/{release.pk}/change/")
    editable = editable_for(page, "body_en")
    expect(editable.locator("h2")).to_have_text("Exchange programmes")
    for tag in TAGS:
        assert editable.locator(tag).first.evaluate(HEADING_STYLE) == public[tag], tag
    # And not the admin's section bar.
    assert public["h2"][2] == "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_a_library_image_becomes_the_cover_without_a_second_upload(page, editor, prefix):
    item = library_item("Students at the spring fair", editor)
    log_in(page, editor, f"{prefix}/admin/news/newsrelease/add/")
    page.fill("#id_title_en", "Spring fair")
    editable_for(page, "body_en").click()
    page.keyboard.type("The fair in photos.")
    page.select_option("#id_cover_from_library", str(item.pk))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    release = NewsRelease.objects.get()
    assert release.cover.name == item.file.name
    assert release.cover_alt_en == "Students at the spring fair"
    page.goto(f"{prefix}/admin/core/libraryimage/{item.pk}/change/")
    expect(page.locator(".field-used_in")).to_contain_text("Spring fair")
    expect(page.locator(".deletelink")).to_have_count(0)
