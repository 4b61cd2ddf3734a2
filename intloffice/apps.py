from django.apps import AppConfig


class IntlOfficeConfig(AppConfig):
    """The project package: it composes the apps (urls, home page, sitemap index, demo)."""

    name = "intloffice"
