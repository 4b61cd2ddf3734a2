"""Partners in and out of the admin as CSV and XLSX spreadsheets (django-import-export)."""

import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Agreement, AgreementKind, Institution, Ranking
from tests.conftest import make_staff_user

from .conftest import make_agreement, make_institution, make_ranking

pytestmark = pytest.mark.django_db

CSV, XLSX = "0", "1"  # the formats' places in the import form's list

INSTITUTION_COLUMNS = [
    "slug",
    "name_en",
    "name_zh_hans",
    "name_ru",
    "other_names",
    "city_en",
    "city_zh_hans",
    "city_ru",
    "country",
    "founded_year",
    "website",
    "ror_id",
    "erasmus_code",
    "schac_code",
    "latitude",
    "longitude",
]

WARSAW = {
    "slug": "university-of-warsaw",
    "name_en": "University of Warsaw",
    "name_zh_hans": "华沙大学",
    "name_ru": "Варшавский университет",
    "other_names": "Uniwersytet Warszawski\nUW",
    "city_en": "Warsaw",
    "city_zh_hans": "华沙",
    "city_ru": "Варшава",
    "country": "PL",
    "founded_year": "1816",
    "website": "https://en.uw.edu.pl/",
    "ror_id": "https://ror.org/039bjqg32",
    "erasmus_code": "pl warszaw01",
    "schac_code": "UW.EDU.PL",
    "latitude": "52.2403",
    "longitude": "21.0189",
}

IRKUTSK = {
    "slug": "irkutsk-state-university",
    "name_en": "Irkutsk State University",
    "name_zh_hans": "伊尔库茨克国立大学",
    "name_ru": "Иркутский государственный университет",
    "other_names": "",
    "city_en": "Irkutsk",
    "city_zh_hans": "伊尔库茨克",
    "city_ru": "Иркутск",
    "country": "Россия",
    "founded_year": "1918",
    "website": "",
    "ror_id": "",
    "erasmus_code": "",
    "schac_code": "",
    "latitude": "",
    "longitude": "",
}


@pytest.fixture(autouse=True)
def imports_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "import_export": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "imports", "base_url": None},
        },
    }


def url(model, view):
    return reverse(f"admin:partners_{model}_{view}")


def csv_file(rows, columns=None, name="partners.csv"):
    columns = columns or list(rows[0])
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_bytes(rows, columns=None):
    columns = columns or list(rows[0])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_file(rows, columns=None, name="partners.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, columns))


def preview(client, model, upload, file_format=CSV):
    """The dry run: upload the file and get the preview page."""
    return client.post(
        url(model, "import"), {"import_file": upload, "format": file_format, "resource": "0"}
    )


def confirm(client, model, preview_response, skip_invalid_rows=False):
    data = dict(preview_response.context["confirm_form"].initial)
    if skip_invalid_rows:
        data["skip_invalid_rows"] = "on"
    return client.post(url(model, "process_import"), data)


def import_file(client, model, upload, file_format=CSV):
    response = preview(client, model, upload, file_format)
    assert response.status_code == 200
    assert not preview_errors(response)
    return confirm(client, model, response)


def preview_statuses(response):
    return [row["import_type"] for row in response.context["preview_rows"]]


def preview_errors(response):
    """{line: [(column, message), ...]} of the rows with errors."""
    rows = response.context.get("preview_rows") or []
    return {row["line"]: row["errors"] for row in rows if row["errors"]}


def snapshot():
    return (
        list(Institution.objects.order_by("pk").values()),
        list(Ranking.objects.order_by("pk").values()),
        list(Agreement.objects.order_by("pk").values()),
    )


def export(client, model, file_format):
    return client.post(url(model, "export"), {"format": file_format, "resource": "0"})


# The dry run and the confirmation


def test_the_preview_lists_every_row_and_changes_nothing(partner_manager_client):
    response = preview(partner_manager_client, "institution", csv_file([WARSAW, IRKUTSK]))

    assert response.status_code == 200
    assert preview_statuses(response) == ["new", "new"]
    assert "华沙大学" in response.content.decode()
    assert not Institution.objects.exists()


def test_confirming_imports_the_rows_normalized_by_the_model_fields(partner_manager_client):
    response = import_file(partner_manager_client, "institution", csv_file([WARSAW, IRKUTSK]))

    assert response.status_code == 302
    warsaw = Institution.objects.get(slug_en="university-of-warsaw")
    assert (warsaw.name_zh_hans, warsaw.city_ru) == ("华沙大学", "Варшава")
    assert (warsaw.ror_id, warsaw.erasmus_code, warsaw.schac_code) == (
        "039bjqg32",
        "PL WARSZAW01",
        "uw.edu.pl",
    )
    assert (warsaw.latitude, warsaw.longitude) == (Decimal("52.2403"), Decimal("21.0189"))
    assert warsaw.other_names == "Uniwersytet Warszawski\nUW"
    assert Institution.objects.get(slug_en="irkutsk-state-university").country.code == "RU"


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_importing_the_same_file_again_changes_nothing(partner_manager_client, file_format):
    def upload():
        rows = [WARSAW, IRKUTSK]
        return csv_file(rows) if file_format == CSV else xlsx_file(rows)

    import_file(partner_manager_client, "institution", upload(), file_format)
    before = snapshot()

    response = preview(partner_manager_client, "institution", upload(), file_format)
    assert preview_statuses(response) == ["skip", "skip"]
    confirm(partner_manager_client, "institution", response)
    assert snapshot() == before


def test_a_changed_cell_is_an_update_of_that_row_only(partner_manager_client):
    import_file(partner_manager_client, "institution", csv_file([WARSAW, IRKUTSK]))

    response = preview(
        partner_manager_client,
        "institution",
        csv_file([WARSAW, {**IRKUTSK, "city_en": "Irkutsk City"}]),
    )

    assert preview_statuses(response) == ["skip", "update"]


# Errors: each on its row, in plain words, and nothing imported


ERRORS = {
    "unknown country": ({"country": "Atlantis"}, "country", "is not a country"),
    "bad ROR ID": ({"ror_id": "05qghxh3x"}, "ror_id", "is not a ROR ID"),
    "no name": ({"name_en": ""}, "name_en", "This field cannot be blank."),
    "bad year": ({"founded_year": "eighteen"}, "founded_year", "is not a whole number"),
}


@pytest.mark.parametrize("case", ERRORS.values(), ids=ERRORS.keys())
def test_a_bad_institution_row_is_an_error_on_its_line_and_imports_nothing(
    partner_manager_client, case
):
    change, column, message = case
    response = preview(
        partner_manager_client, "institution", csv_file([IRKUTSK, {**WARSAW, **change}])
    )

    errors = preview_errors(response)
    assert list(errors) == [3]
    assert [col for col, text in errors[3] if message in text] == [column], errors

    confirm(partner_manager_client, "institution", response)
    assert not Institution.objects.exists()


def test_each_error_of_a_row_is_listed_once(partner_manager_client):
    response = preview(
        partner_manager_client, "institution", csv_file([{**WARSAW, "slug": "not a slug!"}])
    )

    errors = preview_errors(response)[2]
    assert len(errors) == len(set(errors)) == 1, errors


def test_an_unknown_country_may_be_given_in_chinese_or_russian(partner_manager_client):
    rows = [{**WARSAW, "country": "波兰"}, {**IRKUTSK, "country": "Россия"}]
    import_file(partner_manager_client, "institution", csv_file(rows))

    assert sorted(i.country.code for i in Institution.objects.all()) == ["PL", "RU"]


def test_a_key_given_twice_in_the_file_is_an_error_on_the_second_line(partner_manager_client):
    response = preview(
        partner_manager_client,
        "institution",
        csv_file([WARSAW, IRKUTSK, {**WARSAW, "city_en": "x"}]),
    )

    assert list(preview_errors(response)) == [4]
    assert "Line 2 has the same slug" in preview_errors(response)[4][0][1]


def test_the_preview_and_its_errors_are_in_the_staff_members_language(partner_manager_client):
    response = partner_manager_client.post(
        "/ru" + url("institution", "import"),
        {"import_file": csv_file([{**WARSAW, "name_en": ""}]), "format": CSV, "resource": "0"},
    )

    assert preview_errors(response) == {2: [("name_en", "Это поле не может быть пустым.")]}
    text = response.content.decode()
    assert "Предпросмотр" in text and "Подтвердить импорт" in text


def test_skipping_the_bad_rows_imports_the_others(partner_manager_client):
    response = preview(
        partner_manager_client, "institution", csv_file([{**WARSAW, "ror_id": "nonsense"}, IRKUTSK])
    )
    assert list(preview_errors(response)) == [2]
    assert "skip_invalid_rows" in response.content.decode()

    confirm(partner_manager_client, "institution", response, skip_invalid_rows=True)

    assert list(Institution.objects.values_list("slug_en", flat=True)) == [
        "irkutsk-state-university"
    ]


def test_confirming_without_choosing_to_skip_imports_nothing_and_says_so(partner_manager_client):
    response = preview(
        partner_manager_client, "institution", csv_file([{**WARSAW, "ror_id": "nonsense"}, IRKUTSK])
    )

    response = confirm(partner_manager_client, "institution", response)

    assert response.status_code == 302
    assert response.url == url("institution", "import")
    assert not Institution.objects.exists()


# Rankings and agreements


def test_confirming_twice_imports_once_and_says_why_the_second_did_nothing(
    partner_manager_client,
):
    response = preview(partner_manager_client, "institution", csv_file([WARSAW]))
    confirm(partner_manager_client, "institution", response)

    again = confirm(partner_manager_client, "institution", response)

    assert Institution.objects.count() == 1
    assert again.status_code == 302
    assert again.url == url("institution", "import")
    shown = [str(m) for m in again.wsgi_request._messages]
    assert any("already confirmed or has expired" in message for message in shown), shown


@pytest.mark.parametrize("field", ["format", "resource"])
def test_a_confirmation_with_an_edited_hidden_field_is_refused_and_imports_nothing(
    partner_manager_client, field
):
    response = preview(partner_manager_client, "institution", csv_file([WARSAW]))
    data = {**response.context["confirm_form"].initial, field: "7"}

    refused = partner_manager_client.post(url("institution", "process_import"), data)

    assert refused.status_code == 302
    assert refused.url == url("institution", "import")
    shown = [str(m) for m in refused.wsgi_request._messages]
    assert any("changed after the preview" in message for message in shown), shown
    assert not Institution.objects.exists()


def test_rankings_are_imported_by_institution_slug_and_system_short_name(
    partner_manager_client, systems
):
    make_institution(slug="irkutsk", name="Irkutsk")
    rows = [
        {
            "institution": "irkutsk",
            "ranking_system": "THE",
            "year": "2024",
            "rank": "301",
            "band_end": "350",
        },
        {
            "institution": "irkutsk",
            "ranking_system": "RAEX",
            "year": "2024",
            "rank": "31",
            "band_end": "",
        },
    ]

    import_file(partner_manager_client, "ranking", csv_file(rows))

    assert sorted(str(r) for r in Ranking.objects.all()) == [
        "RAEX-100 Best Universities of Russia 2024: 31",
        "THE World University Rankings 2024: 301–350",
    ]
    again = preview(partner_manager_client, "ranking", csv_file(rows))
    assert preview_statuses(again) == ["skip", "skip"]


RANKING_ERRORS = {
    "rank out of range": ({"rank": "0"}, "rank", "greater than or equal to 1"),
    "band in the wrong order": ({"rank": "350", "band_end": "301"}, "band_end", "A band runs"),
    "unknown institution": ({"institution": "atlantis"}, "", "No institution has the slug"),
    "unknown ranking system": ({"ranking_system": "XYZ"}, "", "is not a ranking system"),
}


@pytest.mark.parametrize("case", RANKING_ERRORS.values(), ids=RANKING_ERRORS.keys())
def test_a_bad_ranking_row_is_an_error_on_its_line_and_imports_nothing(
    partner_manager_client, systems, case
):
    change, column, message = case
    make_institution(slug="irkutsk", name="Irkutsk")
    good = {
        "institution": "irkutsk",
        "ranking_system": "QS",
        "year": "2024",
        "rank": "5",
        "band_end": "",
    }
    bad = {**good, "ranking_system": "THE", **change}

    response = preview(partner_manager_client, "ranking", csv_file([good, bad]))

    errors = preview_errors(response)
    assert list(errors) == [3]
    assert any(col == column and message in text for col, text in errors[3]), errors
    confirm(partner_manager_client, "ranking", response)
    assert not Ranking.objects.exists()


AGREEMENT = {
    "institution": "irkutsk",
    "kind": "memorandum",
    "signed_on": "2021-05-26",
    "valid_until": "2026-05-25",
    "status_override": "",
    "programmes_en": "Polymer materials",
    "programmes_zh_hans": "高分子材料",
    "programmes_ru": "Полимерные материалы",
}


def test_agreements_are_imported_and_an_end_before_the_start_is_an_error(partner_manager_client):
    make_institution(slug="irkutsk", name="Irkutsk")
    backwards = {**AGREEMENT, "kind": "student_exchange", "valid_until": "2020-01-01"}

    response = preview(partner_manager_client, "agreement", csv_file([AGREEMENT, backwards]))

    assert list(preview_errors(response)) == [3]
    assert "cannot be before the signing date" in preview_errors(response)[3][0][1]
    confirm(partner_manager_client, "agreement", response, skip_invalid_rows=True)
    agreement = Agreement.objects.get()
    assert (agreement.kind, agreement.programmes_zh_hans) == (
        AgreementKind.MEMORANDUM,
        "高分子材料",
    )


def test_a_row_matching_two_existing_agreements_is_an_error_that_says_so(
    partner_manager_client,
):
    irkutsk = make_institution(slug="irkutsk", name="Irkutsk")
    make_agreement(irkutsk, signed_on=None)
    make_agreement(irkutsk, signed_on=None)
    before = snapshot()

    response = preview(
        partner_manager_client, "agreement", csv_file([{**AGREEMENT, "signed_on": ""}])
    )

    assert preview_errors(response) == {
        2: [
            (
                "",
                "More than one existing row has this institution + kind + signed_on: the file "
                "cannot say which one it means. Change them in the admin instead.",
            )
        ]
    }
    confirm(partner_manager_client, "agreement", response, skip_invalid_rows=True)
    assert snapshot() == before


# Export


@pytest.fixture
def partners(systems):
    warsaw = make_institution(
        slug="university-of-warsaw",
        name_en="University of Warsaw",
        name_zh_hans="华沙大学",
        name_ru="Варшавский университет",
        city="Warsaw",
        city_ru="Варшава",
        country="PL",
        ror_id="039bjqg32",
        latitude=Decimal("52.2403"),
        longitude=Decimal("21.0189"),
        other_names='=HYPERLINK("http://evil.example")\n@SUM(A1)',
    )
    make_ranking(warsaw, systems["THE"])
    make_agreement(warsaw, programmes_ru="Физика")
    return warsaw


def test_the_csv_export_has_a_byte_order_mark_and_keeps_chinese_and_russian(
    partner_manager_client, partners
):
    response = export(partner_manager_client, "institution", CSV)

    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (rows[0]["name_zh_hans"], rows[0]["city_ru"]) == ("华沙大学", "Варшава")


def test_the_xlsx_export_keeps_chinese_and_russian(partner_manager_client, partners):
    response = export(partner_manager_client, "institution", XLSX)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = [[cell.value for cell in line] for line in sheet.iter_rows(max_row=2)]
    values = dict(zip(header, row, strict=True))
    assert (values["name_zh_hans"], values["name_ru"]) == ("华沙大学", "Варшавский университет")


def test_a_cell_that_would_be_a_formula_is_exported_as_text(partner_manager_client, partners):
    response = export(partner_manager_client, "institution", XLSX)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(max_row=2))
    cell = row[[c.value for c in header].index("other_names")]
    assert cell.data_type == "s"
    assert cell.value.startswith("'=HYPERLINK")
    csv_text = export(partner_manager_client, "institution", CSV).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and '"=HYPERLINK' not in csv_text


@pytest.mark.parametrize("file_format", [CSV, XLSX])
@pytest.mark.parametrize("model", ["institution", "ranking", "agreement"])
def test_an_exported_file_imported_again_changes_nothing(
    partner_manager_client, partners, model, file_format
):
    exported = export(partner_manager_client, model, file_format).content
    before = snapshot()
    name = "export.csv" if file_format == CSV else "export.xlsx"

    response = preview(
        partner_manager_client, model, SimpleUploadedFile(name, exported), file_format
    )

    assert set(preview_statuses(response)) == {"skip"}
    confirm(partner_manager_client, model, response)
    assert snapshot() == before


def test_a_file_exported_in_russian_imports_unchanged_in_english(partner_manager_client, partners):
    exported = partner_manager_client.post(
        "/ru" + url("institution", "export"), {"format": CSV, "resource": "0"}
    ).content
    assert b"52.2403" in exported

    response = preview(partner_manager_client, "institution", SimpleUploadedFile("e.csv", exported))

    assert preview_statuses(response) == ["skip"]


# Permissions


@pytest.mark.parametrize("model", ["institution", "ranking", "agreement"])
def test_staff_without_the_add_and_change_permissions_cannot_import(
    client, django_user_model, model
):
    viewer = make_staff_user(django_user_model, "viewer", f"view_{model}", f"change_{model}")
    client.force_login(viewer)

    assert client.get(url(model, "import")).status_code == 403
    assert client.post(url(model, "process_import"), {}).status_code == 403
    assert "import_link" not in client.get(url(model, "changelist")).content.decode()


@pytest.mark.parametrize("model", ["institution", "ranking", "agreement"])
def test_staff_without_the_view_permission_cannot_export(client, django_user_model, model):
    other = make_staff_user(django_user_model, "other", "view_office")
    client.force_login(other)

    assert client.get(url(model, "export")).status_code == 403
    assert client.post(url(model, "export"), {"format": CSV}).status_code == 403


def test_staff_with_the_view_permission_may_export_but_not_import(
    client, django_user_model, partners
):
    viewer = make_staff_user(django_user_model, "viewer", "view_institution")
    client.force_login(viewer)

    assert export(client, "institution", CSV).status_code == 200
    assert client.get(url("institution", "import")).status_code == 403


# Bounded cost: bad files are form errors


def file_errors(response):
    assert response.status_code == 200
    return response.context["form"].errors.get("import_file", [])


def test_a_file_over_the_size_limit_is_a_form_error(partner_manager_client, settings):
    settings.SPREADSHEET_MAX_BYTES = 1000
    upload = csv_file([WARSAW] * 20)

    errors = file_errors(preview(partner_manager_client, "institution", upload))

    assert "the largest file that can be imported is" in errors[0]


def test_a_file_over_the_row_limit_is_a_form_error(partner_manager_client, settings):
    settings.SPREADSHEET_MAX_ROWS = 3
    rows = [{**IRKUTSK, "slug": f"u{n}"} for n in range(4)]

    for upload, file_format in [(csv_file(rows), CSV), (xlsx_file(rows), XLSX)]:
        errors = file_errors(preview(partner_manager_client, "institution", upload, file_format))
        assert "more than 3 rows" in errors[0]


def test_a_text_file_renamed_xlsx_is_a_form_error(partner_manager_client):
    upload = SimpleUploadedFile("partners.xlsx", b"slug,name_en\nx,y\n")

    errors = file_errors(preview(partner_manager_client, "institution", upload, XLSX))

    assert "not an XLSX workbook" in errors[0]


def test_a_zip_bomb_is_a_form_error(partner_manager_client):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<" + b" " * 50_000_000 + b">")
    upload = SimpleUploadedFile("partners.xlsx", bomb.getvalue())

    errors = file_errors(preview(partner_manager_client, "institution", upload, XLSX))

    assert "unpacks to far more" in errors[0]


def test_a_file_without_the_key_column_is_a_form_error(partner_manager_client):
    upload = csv_file([{"name_en": "University of Warsaw"}])

    errors = file_errors(preview(partner_manager_client, "institution", upload))

    assert "The file has no column slug" in errors[0]


def test_a_csv_that_is_not_utf8_is_a_form_error(partner_manager_client):
    upload = SimpleUploadedFile("partners.csv", "slug,name_en\nx,Łódź\n".encode("cp1250"))

    errors = file_errors(preview(partner_manager_client, "institution", upload))

    assert "could not be read" in errors[0]
