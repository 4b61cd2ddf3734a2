from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .admin_tabs import LanguageTabsMixin
from .library.admin import LibraryImageAdmin
from .library.models import LibraryImage
from .models import Office

admin.site.site_header = _("International Office administration")
admin.site.site_title = _("International Office administration")
admin.site.index_title = _("Content")


@admin.register(Office)
class OfficeAdmin(LanguageTabsMixin, TranslationAdmin):
    list_display = ["name", "telephone", "email"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Office.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(LibraryImage, LibraryImageAdmin)
