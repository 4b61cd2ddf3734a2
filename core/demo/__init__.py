"""Demo content as data: each app keeps its demo rows in TOML files beside its `demo`
package, where they can be edited and translated without touching code
(docs/demo.md). The functions here turn such files into rows; the office's contact
details, in office.toml, are this package's own.
"""

import tomllib
from pathlib import Path

from ..languages import content_languages, localized_name
from ..models import Office

HERE = Path(__file__).parent


def read(path):
    with open(path, "rb") as file:
        try:
            return tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path}: {error}") from error


def read_folder(folder):
    """{file name without .toml: the file's data}, in the order of the file names."""
    return {path.stem: read(path) for path in sorted(Path(folder).glob("*.toml"))}


def columns(data, source=""):
    """A file's values as model fields.

    A table keyed by language (`[title]` with `en = ...`, `zh_hans = ...`) fills each
    language's own column (title_en, title_zh_hans): assigning `title` would fill the
    active language's column only. A list of lines becomes a text of one item a line.
    """
    languages = {code.replace("-", "_"): code for code in content_languages()}
    fields = {}
    for name, value in data.items():
        if not isinstance(value, dict):
            fields[name] = lines(value)
            continue
        if unknown := sorted(set(value) - set(languages)):
            raise ValueError(
                f"{source} [{name}]: {', '.join(unknown)} is not one of {', '.join(languages)}"
            )
        for key, text in value.items():
            fields[localized_name(name, languages[key])] = lines(text)
    return fields


def lines(value):
    return "\n".join(value) if isinstance(value, list) else value


def upsert(model, key, fields, create_only=None, fill_empty=None):
    """Create or update the row found by its natural key `key` (a dict of lookups).

    Saved whole through the model's save(), which makes what is derived from the
    fields given (slugs, search words, cleaned HTML), so loading again both updates
    the row and creates nothing twice. `create_only` is given to a new row only: a
    reload never overwrites it (a release's view count). `fill_empty` maps a field to
    a function making its value, called only when the row has none: a demo picture
    is drawn once, and one staff uploaded instead is kept.
    """
    row = model._default_manager.filter(**key).order_by("pk").first()
    if row is None:
        row = model(**key, **(create_only or {}))
    for name, value in fields.items():
        setattr(row, name, value)
    for name, make in (fill_empty or {}).items():
        if not getattr(row, name):
            # Stored before the row is saved: the field then makes no renditions now,
            # and a page makes each the first time it shows it, which keeps loading
            # the demo quick.
            upload = make()
            getattr(row, name).save(upload.name, upload, save=False)
    row.save()
    return row


def load():
    upsert(Office, {"pk": 1}, columns(read(HERE / "office.toml"), "office.toml"))
    return "office contact details in three languages"
