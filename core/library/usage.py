"""Where library images are used: apps name the fields that may show one.

`register(model, html=[...], files=[...])`: `html` fields hold rich text whose
<img src> may be a library image's URL, `files` are image fields (covers, logos)
whose stored name may be a library image's. Translated fields are searched in every
content language. Called from the apps' AppConfig.ready(), like
core.pagecache.watch, so that core never imports an app.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist

from core.languages import content_languages, localized_name


@dataclass(frozen=True)
class Usage:
    """One record that shows an image."""

    model: type
    pk: object

    @property
    def kind(self):
        return self.model._meta.verbose_name


REGISTRY = {}


def register(model, html=(), files=()):
    fields = REGISTRY.setdefault(model, {"html": set(), "files": set()})
    fields["html"].update(html)
    fields["files"].update(files)


def columns(model, field):
    """The database columns of `field`: one per language when it is translated."""
    names = [localized_name(field, code) for code in content_languages()]
    present = [name for name in names if has_field(model, name)]
    return present or [field]


def has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def usages_by_name(names):
    """{stored file name: [Usage, ...]} for each of `names` that is used somewhere.

    One query a registered model: each row's registered values are searched for
    the names (an <img src> ends with the stored name; an image field is it).
    """
    names = set(filter(None, names))
    found = {}
    if not names:
        return found
    for model, fields in REGISTRY.items():
        html = [column for field in sorted(fields["html"]) for column in columns(model, field)]
        files = sorted(fields["files"])
        for row in model._base_manager.values_list("pk", *html, *files).iterator():
            pk, texts, stored = row[0], row[1 : 1 + len(html)], row[1 + len(html) :]
            hits = {name for name in names if name in stored}
            text = "\n".join(value for value in texts if value)
            hits.update(name for name in names if text and "/" + name + '"' in text)
            for name in hits:
                found.setdefault(name, []).append(Usage(model, pk))
    return found
