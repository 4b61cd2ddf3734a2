from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntlOfficeConfig(AppConfig):
    """The project package: it composes the apps (urls, home page, sitemap index, demo)."""

    name = "intloffice"


class AxesAdminConfig(AxesConfig):
    """django-axes (the login lockout) under a name staff understand, in their language.

    Axes names its app "Axes" and gives it no verbose name to translate; everything else
    (its ready(), which loads its checks and signal handlers) is its own.
    """

    verbose_name = _("Login attempts")
