"""Content in several languages: which translations a record has, and queries that
fall back to the default language the way the model's own attributes do.

django-modeltranslation gives each translated field a column per language
(`title_en`, `title_zh_hans`, `title_ru`) and makes `release.title` read the active
language's column, or the default language's when that one is empty. Queries on
the columns do not fall back by themselves (nor do values(), order_by() or an
empty string): the helpers here do.
"""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, Q, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, get_language_info, override, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname


def content_languages():
    """The languages content is written in: a column for each, whatever the site offers."""
    return settings.MODELTRANSLATION_LANGUAGES


def active_language():
    return get_language() or settings.LANGUAGE_CODE


def localized_name(field, language=None):
    """The column of `field` in `language` (the active one by default): title_zh_hans."""
    return build_localized_fieldname(field, language or active_language())


def translations_of(instance, field):
    """Every non-empty value of `field`, one a language."""
    values = (getattr(instance, localized_name(field, code)) for code in content_languages())
    return [value for value in values if value]


def has_translation(instance, fields, language=None):
    """Whether `instance` has its own text in `language` for all of `fields`."""
    return all(getattr(instance, localized_name(field, language)) for field in fields)


def fallback_language(instance, field):
    """The default language when `instance` shows `field` in it because it has no
    text of its own in the active language; otherwise None."""
    language = active_language()
    if language == settings.LANGUAGE_CODE or getattr(instance, localized_name(field, language)):
        return None
    return settings.LANGUAGE_CODE


# What a list says beside an item whose title it shows in another language, in the
# reader's language (Russian needs a phrase, not the language's name: "на английском").
SHOWN_IN = {
    "en": pgettext_lazy("an item shown in this language", "English"),
    "zh-hans": pgettext_lazy("an item shown in this language", "Chinese"),
    "ru": pgettext_lazy("an item shown in this language", "Russian"),
}


# Punctuation that joins the parts of a line ("Telephone: ...", "PDF, 2 MB", "(12)") where a
# language writes it otherwise than English: Chinese uses full-width marks, which
# carry their own spacing.
JOINERS = {"zh-hans": {"colon": "：", "comma": "，", "open": "（", "close": "）"}}
DEFAULT_JOINERS = {"colon": ": ", "comma": ", ", "open": " (", "close": ")"}


def joiner(kind):
    """The "colon", "comma" or parenthesis ("open", "close") that joins parts of a line
    in the active language."""
    return JOINERS.get(active_language(), DEFAULT_JOINERS).get(kind, DEFAULT_JOINERS[kind])


def place_name(city, country):
    """A city and its country as the active language writes them: "Bremerhaven,
    Germany"; in Chinese the larger place first and no comma: 德国不来梅港."""
    if not city or not country:
        return city or country or ""
    if active_language() in JOINERS:
        return f"{country}{city}"
    return f"{city}{joiner('comma')}{country}"


def translated_languages(instance, fields):
    """The languages in which `instance` has its own text for all of `fields`."""
    return [code for code in content_languages() if has_translation(instance, fields, code)]


def with_fallback(field):
    """An expression for `field` in the active language, or the default one's when empty."""
    language = active_language()
    column = F(localized_name(field, language))
    if language == settings.LANGUAGE_CODE:
        return column
    default = F(localized_name(field, settings.LANGUAGE_CODE))
    return Coalesce(NullIf(column, Value("")), default, output_field=TextField())


def equals_with_fallback(field, value):
    """A condition matching rows whose `field`, as the active language shows it, is `value`."""
    own = localized_name(field)
    default = localized_name(field, settings.LANGUAGE_CODE)
    if own == default:
        return Q(**{own: value})
    missing = Q(**{f"{own}__isnull": True}) | Q(**{own: ""})
    return Q(**{own: value}) | (missing & Q(**{default: value}))


def language_name(code):
    """A language's name in that language: 简体中文, Русский."""
    return get_language_info(code)["name_local"]


def path_in_language(request, language):
    """The address of the page `request` asks for, in `language` (path and query), or
    None when the requested path is not one of the site's addresses.

    The path is resolved and reversed, never edited: a requested `//evil.example/news/`
    or `/%2Fevil.example/news/` is no address of this site, and an address that
    reverse() makes always starts with a single slash, so it stays on this host.
    """
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    with override(language):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def translation_flag_name(language):
    return "translated_" + localized_name("", language).lstrip("_")


def translation_flags(fields):
    """Annotations saying, per language, whether a row has its own text for all `fields`.

    For lists that must know a row's languages without loading its long texts.
    """
    return {
        translation_flag_name(code): ExpressionWrapper(
            Q(*(Q(**{f"{localized_name(field, code)}__gt": ""}) for field in fields)),
            output_field=BooleanField(),
        )
        for code in content_languages()
    }
