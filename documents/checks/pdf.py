"""A PDF is refused when anything in it can run or carry another file.

Readers act on names, whatever object holds them: /JavaScript and /JS (scripts),
/Launch (start a program), /EmbeddedFile(s) (a file inside, which may be one),
/RichMedia (Flash and video players) and /XFA (forms that run scripts). Any object
with one of these names as a key or value is refused, wherever it sits: every object
of the cross-reference table is read, those packed into compressed object streams
too, and pypdf decodes names written in hex escapes (/J#61vaScript). An /OpenAction
or /AA (additional actions) entry is refused when it is an action of those kinds.
As a second net, the raw bytes and every decoded object stream are searched for the
same names, so an object the table does not list (readers repair broken tables by
scanning) is judged too.
"""

import re
import time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

FORBIDDEN = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
}
TRIGGERS = {"/OpenAction", "/AA"}
# Bounds on the work one upload may cost: a PDF of 20 MB has far fewer objects.
MAX_OBJECTS = 200_000
MAX_SECONDS = 10
MAX_DEPTH = 64
# A name in raw PDF syntax: a slash, then regular characters (# escapes included).
RAW_NAME = re.compile(rb"/([^\s/\[\]<>(){}%]+)")
HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def refused(message):
    return ValidationError(message, code="unsafe_pdf")


def active_content():
    return refused(
        _(
            "This PDF contains scripts, launch actions, embedded files or interactive "
            "media, which could run on a reader's computer. Save it again as a plain PDF "
            "(for example with “Print to PDF”) and upload that."
        )
    )


def too_complex():
    return refused(_("This PDF is too complex to be checked. Save it again as a plain PDF."))


def raw_names(data):
    for match in RAW_NAME.finditer(data):
        name = HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        yield "/" + name.decode("latin-1")


def scan_raw(data):
    if any(name in FORBIDDEN for name in raw_names(data)):
        raise active_content()


class Walk:
    def __init__(self):
        self.started = time.monotonic()
        self.count = 0

    def tick(self):
        self.count += 1
        if self.count > MAX_OBJECTS or time.monotonic() - self.started > MAX_SECONDS:
            raise too_complex()

    def check(self, value, depth=0):
        """Look through one object's direct content (indirect ones are read on their own)."""
        self.tick()
        if depth > MAX_DEPTH:
            raise too_complex()
        if isinstance(value, NameObject) and value in FORBIDDEN:
            raise active_content()
        if isinstance(value, DictionaryObject):
            for key, item in value.items():
                if key in FORBIDDEN:
                    raise active_content()
                if key in TRIGGERS:
                    self.check_trigger(item)
                if not isinstance(item, IndirectObject):
                    self.check(item, depth + 1)
        elif isinstance(value, ArrayObject):
            for item in value:
                if not isinstance(item, IndirectObject):
                    self.check(item, depth + 1)

    def check_trigger(self, value):
        """An /OpenAction or /AA: the action it names, or each action of an /AA."""
        value = value.get_object() if isinstance(value, IndirectObject) else value
        actions = (
            value.values() if isinstance(value, DictionaryObject) and "/S" not in value else [value]
        )
        for action in actions:
            action = action.get_object() if isinstance(action, IndirectObject) else action
            if isinstance(action, DictionaryObject) and action.get("/S") in FORBIDDEN:
                raise active_content()


def object_ids(reader):
    for generation, objects in reader.xref.items():
        for number in objects:
            yield number, generation
    for number in reader.xref_objStm:
        yield number, 0


def check_pdf(uploaded):
    data = uploaded.read()
    uploaded.seek(0)
    scan_raw(data)
    try:
        reader = PdfReader(uploaded, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise refused(_("This PDF is protected by a password. Upload a copy without one."))
        walk = Walk()
        walk.check(reader.trailer)
        for number, generation in object_ids(reader):
            value = reader.get_object(IndirectObject(number, generation, reader))
            if value is None:
                continue
            walk.check(value)
            if isinstance(value, DictionaryObject) and value.get("/Type") == "/ObjStm":
                scan_raw(value.get_data())
        if len(reader.pages) == 0:
            raise refused(_("This PDF has no pages."))
    except ValidationError:
        raise
    # Whatever a malformed file makes pypdf raise is a refusal, never a server error.
    except Exception as error:
        raise ValidationError(
            _("This file starts like a PDF but cannot be read as one."), code="broken_pdf"
        ) from error
