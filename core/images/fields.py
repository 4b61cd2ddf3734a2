"""The model and form fields of uploaded images."""

from django import forms
from django.db import models

from .encoding import clean_image
from .renditions import make_renditions
from .validation import CONTENT_TYPES


class RasterImageFormField(forms.ImageField):
    """An image upload checked and re-encoded by `clean_image()`."""

    def to_python(self, data):
        # FileField's checks (empty, name length) only: clean_image() does the
        # image checks, stricter than forms.ImageField's shallow verify().
        uploaded_file = forms.FileField.to_python(self, data)
        if uploaded_file is None:
            return None
        return clean_image(uploaded_file)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ",".join(CONTENT_TYPES.values())
        return attrs


class RasterImageField(models.ImageField):
    """An ImageField whose form field validates and re-encodes uploads.

    The stored name is random (upload_to decides the folder): two uploads of
    "photo.jpg" never overwrite or reveal each other.

    `rendition_widths` are the widths the pages show the image at: their renditions
    are made when a new file is stored, so that the staff member who uploads it waits
    for them once, instead of the first reader of each page.
    """

    def __init__(self, *args, rendition_widths=(), **kwargs):
        # Not part of the database column, so not deconstructed into migrations.
        self.rendition_widths = tuple(rendition_widths)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # The address migrations import it from, wherever in the package it lives.
        return name, "core.images.RasterImageField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RasterImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        # A private Django API, on purpose (checked against Django 6.1.3): FieldFile's
        # _committed is False for a file assigned but not yet stored, which is what
        # FileField.pre_save() itself reads; tests/test_private_django_apis.py pins it.
        stored_now = not getattr(getattr(model_instance, self.attname), "_committed", True)
        fieldfile = super().pre_save(model_instance, add)
        if stored_now and fieldfile:
            make_renditions(fieldfile, self.rendition_widths)
        return fieldfile
