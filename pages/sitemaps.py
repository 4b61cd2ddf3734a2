from django.conf import settings

from .models import Page


def public_pages():
    """The public pages, in tree order, with what their addresses and languages need."""
    return list(Page.objects.published())


def languages_of(page):
    """The languages a page is written in: it is listed once in each of them."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if code == settings.LANGUAGE_CODE or page.is_translated(code)
    ]
