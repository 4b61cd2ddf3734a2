from django import forms
from django.utils import translation

from core.widgets import RichTextWidget


class ReleaseForm(forms.Form):
    body = forms.CharField(widget=RichTextWidget(upload_url_name="editor_upload_image"))
    note = forms.CharField(widget=RichTextWidget())


def test_the_widget_renders_a_textarea_marked_for_the_editor_with_its_upload_url():
    html = str(ReleaseForm()["body"])

    assert html.startswith("<textarea")
    assert "data-rich-text" in html
    assert 'data-upload-url="/editor/upload-image/"' in html
    assert 'data-language="en"' in html


def test_without_an_upload_url_name_the_editor_gets_no_upload_url():
    assert "data-upload-url" not in str(ReleaseForm()["note"])


def test_the_editor_language_and_its_translation_file_follow_the_active_language():
    for language, editor_language in [("zh-hans", "zh-cn"), ("ru", "ru")]:
        with translation.override(language):
            form = ReleaseForm()
            assert f'data-language="{editor_language}"' in str(form["body"])
            assert f"vendor/ckeditor5/translations/{editor_language}.umd.js" in str(form.media)

    with translation.override("en"):
        assert "translations/" not in str(ReleaseForm().media)


def test_the_media_load_the_vendored_build_before_our_script_and_no_inline_script():
    media = str(ReleaseForm().media)

    assert media.index("vendor/ckeditor5/ckeditor5.umd.js") < media.index("js/rich-text-editor.js")
    assert "vendor/ckeditor5/ckeditor5.css" in media
    assert "<script>" not in media
