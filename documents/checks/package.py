"""Office Open XML (DOCX, XLSX) and OpenDocument (ODT, ODS) files are ZIP packages.

Only the package's directory is trusted to be small: before anything is
decompressed, the entries are counted and their declared sizes added up (a ZIP bomb
declares gigabytes), and the one or two parts read to decide the kind are read with
a bound (zipfile never gives more than an entry declares).

Office Open XML: [Content_Types].xml must declare the main part of a Word document
or an Excel workbook. Macro-enabled types (.docm, .xlsm: their main part and the
vbaProject part), ActiveX controls and embedded OLE objects (which carry programs)
are refused, by declared type and by part name.

OpenDocument: the first entry is `mimetype`, holding exactly the type of text or
spreadsheet. Basic/ and Scripts/ folders are macros: refused.
"""

import re
import zipfile
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ENTRIES = 5_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART = 2 * 1024 * 1024

MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Content types and part names that mean code: macros, ActiveX, OLE objects.
ACTIVE_TYPE = re.compile(r"macroEnabled|vbaProject|vbaData|activeX|oleObject", re.I)
ACTIVE_PART = re.compile(
    r"vbaProject\.bin|vbaData\.xml|(^|/)activeX/|oleObject[^/]*\.bin$|"
    r"\.(exe|dll|com|bat|cmd|scr|msi|ps1|vbs|js|jar|lnk)$",
    re.I,
)
NAMESPACE = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def refused(message, code):
    return ValidationError(message, code=code)


def not_an_office_file():
    return refused(
        _(
            "This ZIP file is not a Word (DOCX), Excel (XLSX) or OpenDocument (ODT, "
            "ODS) file. Accepted are PDF, DOCX, XLSX, ODT and ODS files."
        ),
        "wrong_kind",
    )


def read_part(package, info):
    if info.file_size > MAX_PART:
        raise not_an_office_file()
    with package.open(info) as part:
        return part.read(MAX_PART + 1)


def check_package(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as package:
            entries = package.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
                raise refused(
                    _("This file unpacks to far more than a document holds; it is refused."),
                    "zip_bomb",
                )
            names = {info.filename: info for info in entries}
            if entries and entries[0].filename == "mimetype":
                return check_opendocument(package, entries)
            if "[Content_Types].xml" in names:
                return check_office_open_xml(package, names)
    except ValidationError:
        raise
    # Whatever a broken archive makes zipfile raise is a refusal, never a server error.
    except Exception as error:
        raise refused(_("This file is a damaged ZIP archive."), "broken_zip") from error
    raise not_an_office_file()


def macros():
    return refused(
        _(
            "This file contains macros, ActiveX controls or embedded programs, which could "
            "run on a reader's computer. Save it as a plain document (DOCX, XLSX, ODT, ODS) "
            "or as PDF."
        ),
        "macros",
    )


def check_office_open_xml(package, names):
    data = read_part(package, names["[Content_Types].xml"])
    # A content-types part never has a DTD: one here could only be an entity attack.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise not_an_office_file()
    try:
        # Without a DTD (refused above) there is no entity to expand.
        root = ElementTree.fromstring(data)  # noqa: S314
    except ElementTree.ParseError as error:
        raise not_an_office_file() from error
    declared = [
        (element.get("PartName", element.get("Extension", "")), element.get("ContentType", ""))
        for element in root
        if element.tag in (f"{NAMESPACE}Override", f"{NAMESPACE}Default")
    ]
    if any(ACTIVE_TYPE.search(content_type) for _part, content_type in declared):
        raise macros()
    if any(ACTIVE_PART.search(name) for name in names):
        raise macros()
    kinds = {
        MAIN_TYPES[content_type] for _part, content_type in declared if content_type in MAIN_TYPES
    }
    if len(kinds) != 1:
        raise not_an_office_file()
    return kinds.pop()


def check_opendocument(package, entries):
    mimetype = read_part(package, entries[0])
    kind = ODF_TYPES.get(mimetype.decode("ascii", "replace"))
    if kind is None:
        raise not_an_office_file()
    for info in entries:
        name = info.filename
        if name.startswith(("Basic/", "Scripts/")) or ACTIVE_PART.search(name):
            raise macros()
    return kind
