from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Kind, Level


class ProgrammeFilterForm(forms.Form):
    """The list's filters. Whatever does not validate is ignored, never an error."""

    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Kind.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    partner = forms.IntegerField(
        label=_("Partner institution"), required=False, min_value=1, max_value=2**31 - 1
    )

    def clean_country(self):
        code = self.cleaned_data["country"].upper()
        return code if code in countries else ""

    def value(self, name):
        """The field's valid value, or None: a field that did not validate counts as unset."""
        if not hasattr(self, "cleaned_data") or name in self.errors:
            return None
        return self.cleaned_data.get(name) or None
