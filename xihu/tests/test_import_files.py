"""Reading station spreadsheets as the user sees them (issue 12): one test per kind.

Each kind goes through the import page (a staff member of beishan) and is read back from
the records or the API: date cells, formulas, float money, a wrong <dimension>, .xls,
encodings, Chinese headers and labels, oversized and bomb files, dates outside the window.
"""

import datetime
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from incidents.models import Case, PoliceReport
from inspections.models import Venue
from patrols.models import PatrolDeployment
from xihu.imports.files import ImportFileError, decode_text, read_table
from xihu.tests.importing import FIXTURES, confirm, errors_of, preview, upload, workbook_bytes

pytestmark = pytest.mark.django_db

CASES = "incidents:case_import"
REPORTS = "incidents:policereport_import"
CASE_HEADER = [
    "cracked_on",
    "nature",
    "category",
    "title",
    "suspects_arrested",
    "gangs_smashed",
    "recovered_value",
]


def sheet_xlsx(rows_xml: str, *, dimension: str | None = "A1") -> bytes:
    """An .xlsx whose first sheet is the given <sheetData> rows, written as a program would
    (formulas with or without their stored result, any <dimension> record)."""
    base = workbook_bytes([["x"]])
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows_xml}</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            dst.writestr(item, data)
    return out.getvalue()


def inline_row(number, values):
    cells = []
    for col, value in enumerate(values):
        ref = f"{chr(65 + col)}{number}"
        if isinstance(value, int | float):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        elif value.startswith("="):
            cells.append(f'<c r="{ref}"><f>{value[1:]}</f></c>')
        elif value.startswith("{f}"):  # formula with its stored result: {f}B2*2|4
            formula, result = value[3:].split("|")
            cells.append(f'<c r="{ref}"><f>{formula}</f><v>{result}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


# --- cells read for what the user sees ---


@pytest.mark.parametrize(
    "sample, url, model, field, expected",
    [
        ("case_excel_date_cell.xlsx", CASES, Case, "cracked_on", datetime.date(2024, 2, 10)),
        (
            "service_tally_excel_date_cell.xlsx",
            "services:servicetally_import",
            None,
            "date",
            datetime.date(2024, 2, 12),
        ),
    ],
)
def test_excel_date_cells_are_dates(client_a, api_a, sample, url, model, field, expected):
    batch = preview(client_a, url, (FIXTURES / sample).read_bytes(), name=sample)
    assert batch.state == "preview", batch.report
    confirm(client_a, batch)
    assert (batch.state, batch.created) == ("done", 1)
    api = "/api/v1/cases/" if model is Case else "/api/v1/service-tallies/"
    (row,) = api_a.get(api).json()["results"]
    assert row[field] == expected.isoformat()


def test_date_time_cell_is_local_time(client_a):
    content = workbook_bytes(
        [["received_at", "category"], [datetime.datetime(2024, 2, 10, 8, 30), "刑事"]]
    )
    batch = preview(client_a, REPORTS, content, name="r.xlsx")
    confirm(client_a, batch)
    report = PoliceReport.objects.get()
    assert report.received_at == datetime.datetime(2024, 2, 10, 0, 30, tzinfo=datetime.UTC)


def test_formula_gives_its_stored_result_and_none_is_a_row_error(client_a):
    rows = (
        inline_row(1, ["title", "cracked_on", "category", "suspects_arrested"])
        + inline_row(2, ["有结果", "2024-02-10", "theft", "{f}1+1|2"])
        + inline_row(3, ["无结果", "2024-02-10", "theft", "=1+1"])
    )
    batch = preview(client_a, CASES, sheet_xlsx(rows), name="f.xlsx")
    assert errors_of(batch) == {(3, "suspects_arrested")}
    (message,) = [m for line, _c, _v, m in batch.report["errors"] if line == 3]
    assert "公式" in message[0] or "formula" in message[0]
    fixed = sheet_xlsx(
        inline_row(1, ["title", "cracked_on", "category", "suspects_arrested"])
        + inline_row(2, ["有结果", "2024-02-10", "theft", "{f}1+1|2"])
    )
    confirm(client_a, preview(client_a, CASES, fixed, name="f.xlsx"))
    assert Case.objects.get().suspects_arrested == 2


def test_float_money_is_rounded_to_cents(client_a, api_a):
    content = workbook_bytes(
        [CASE_HEADER, [datetime.date(2024, 2, 10), "刑事", "盗窃", "钱", 1, 0, 11000.009999999998]]
    )
    confirm(client_a, preview(client_a, CASES, content, name="m.xlsx"))
    assert Case.objects.get().recovered_value == Decimal("11000.01")
    assert api_a.get("/api/v1/cases/").json()["results"][0]["recovered_value"] == "11000.01"


@pytest.mark.parametrize("dimension", ["A1", "A1:G2", None])
def test_the_dimension_record_is_not_trusted(client_a, dimension):
    rows = inline_row(1, ["title", "cracked_on", "category"]) + "".join(
        inline_row(n, [f"第{n}行", "2024-02-10", "theft"]) for n in range(2, 6)
    )
    batch = preview(client_a, CASES, sheet_xlsx(rows, dimension=dimension), name="d.xlsx")
    assert (batch.rows_total, batch.to_create) == (4, 4)


def test_stale_dimension_sample_reads_three_rows(client_a, api_a):
    content = (FIXTURES / "case_stale_dimension_3_rows.xlsx").read_bytes()
    batch = preview(client_a, CASES, content, name="case_stale_dimension_3_rows.xlsx")
    assert (batch.rows_total, batch.to_create, batch.repeated) == (3, 3, 0)
    confirm(client_a, batch)
    assert api_a.get("/api/v1/cases/").json()["count"] == 3


def test_xls_is_accepted_with_its_date_cells(client_a):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("勤务")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for col, name in enumerate(
        ["日期", "班次", "巡逻方式", "警力（人）", "警车（辆）", "巡区类型", "武装联勤巡逻"]
    ):
        sheet.write(0, col, name)
    for col, value in enumerate(["白班", "车巡", 120, 20, "景区", "是"], start=1):
        sheet.write(1, col, value)
    sheet.write(1, 0, datetime.date(2024, 2, 10), date_style)
    buffer = io.BytesIO()
    book.save(buffer)
    batch = preview(client_a, "patrols:patroldeployment_import", buffer.getvalue(), name="a.xls")
    assert batch.state == "preview", batch.report
    confirm(client_a, batch)
    row = PatrolDeployment.objects.get()
    assert (row.date, row.shift, row.mode, row.personnel, row.joint_armed) == (
        datetime.date(2024, 2, 10),
        "day",
        "car",
        120,
        True,
    )


# --- encodings ---

CSV_HEADER = "received_at,category,location\n"


@pytest.mark.parametrize(
    "encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")]
)
def test_utf8_with_or_without_bom_and_gb18030(client_a, encoding, bom):
    text = CSV_HEADER + "2024-02-10 08:00,刑事,西湖区北山街（断桥）\n"
    batch = preview(client_a, REPORTS, bom + text.encode(encoding))
    confirm(client_a, batch)
    assert PoliceReport.objects.get().location == "西湖区北山街（断桥）"


def test_utf8_file_with_a_gbk_line_is_refused_naming_it(client_a):
    content = (FIXTURES / "police_utf8_plus_gbk_row.csv").read_bytes()
    response = upload(client_a, REPORTS, content, name="police_utf8_plus_gbk_row.csv")
    assert response.status_code == 400
    assert "3" in str(response.context["form"].errors["file"])  # the GBK line
    assert not PoliceReport.objects.exists()


@pytest.mark.parametrize(
    "content, line",
    [
        # One stray byte in an otherwise UTF-8 file.
        (
            (CSV_HEADER + "2024-02-10 08:00,fire,北山街\n2024-02-10 09:00,fire,断").encode()
            + b"\xff"
            + "桥\n".encode(),
            3,
        ),
        # Big5 (traditional Chinese): valid GB18030 byte pairs, meaningless text.
        ((CSV_HEADER + "2024-02-10 08:00,fire,臺北市中正區警察局報案\n").encode("big5"), 2),
    ],
)
def test_garbled_files_are_refused_naming_the_line(client_a, content, line):
    with pytest.raises(ImportFileError) as refused:
        decode_text(content)
    assert f"{line}" in str(refused.value)
    response = upload(client_a, REPORTS, content)
    assert response.status_code == 400
    assert not PoliceReport.objects.exists()


def test_gb18030_with_rare_name_characters_is_still_accepted():
    text = CSV_HEADER + "2024-02-10 08:00,fire,张喆家门口，王堃报警，李玥到场，西湖区灵隐路\n"
    assert decode_text(text.encode("gb18030")) == text


# --- headers and labels ---


def test_chinese_headers_and_labels(client_a, api_a):
    text = (
        "接警时间,类别,有效警情,警情来源,发生地点\n"
        "2024-02-10 08:00,刑事,是,110报警,北山街\n"
        "2024-02-10 09:00,Traffic,无效,Walk-in,断桥\n"
    )
    batch = preview(client_a, REPORTS, text)
    assert batch.state == "preview", batch.report
    confirm(client_a, batch)
    rows = api_a.get("/api/v1/police-reports/?ordering=received_at").json()["results"]
    got = sorted((r["category"], r["effective"], r["source"]) for r in rows)
    assert got == [("criminal", True, "call_110"), ("traffic", False, "walk_in")]


def test_english_headers_and_a_venue_kind_label(client_a):
    text = "Name,Address,Kind\n知味观,湖滨路,小餐饮场所\n"
    batch = preview(client_a, "inspections:venue_import", text)
    assert batch.state == "preview", batch.report
    confirm(client_a, batch)
    assert Venue.objects.get().kind == "restaurant"


# --- bounds ---


@override_settings(IMPORT_MAX_UPLOAD_BYTES=100_000)
def test_an_oversized_upload_is_refused_at_once(client_a):
    content = (CSV_HEADER + "2024-02-10 08:00,fire,北山街\n" * 20_000).encode()
    client_a.get(reverse(REPORTS))  # warm: the first request of a process loads the URLs
    started = time.monotonic()
    response = upload(client_a, REPORTS, content)
    assert time.monotonic() - started < 1
    assert response.status_code == 400
    assert "97.7" in str(response.context["form"].errors["file"])


def test_a_declared_huge_body_is_refused_before_it_is_read(client_a):
    client_a.get(reverse(REPORTS))
    started = time.monotonic()
    response = client_a.generic(
        "POST",
        reverse(REPORTS),
        b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(120 * 1024 * 1024),
    )
    assert time.monotonic() - started < 1
    assert response.status_code == 400


def test_a_sheet_that_claims_the_whole_grid_reads_in_bounded_memory(client_a):
    rows = (
        inline_row(1, ["title", "cracked_on", "category"])
        + inline_row(2, ["炸弹", "2024-02-10", "theft"])
        + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    content = sheet_xlsx(rows, dimension="A1:XFD1048576")
    assert len(content) < 5000
    client_a.get(reverse(CASES))  # warm: the first request of a process loads the URLs
    started = time.monotonic()
    batch = preview(client_a, CASES, content, name="bomb.xlsx")
    assert time.monotonic() - started < 1
    tracemalloc.start()
    table = read_table(io.BytesIO(content), max_rows=200_000)
    assert [cells for _line, cells in table.rows] == [["炸弹", "2024-02-10", "theft"]]
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert (batch.rows_total, batch.to_create) == (1, 1)  # the far cell is past the header


def test_a_zip_bomb_is_refused_by_its_unpacked_size(client_a):
    from xihu.imports import files

    rows = inline_row(1, ["title"]) + inline_row(2, ["x" * 1000])
    content = sheet_xlsx(rows)
    original = files.MAX_UNZIPPED_BYTES
    files.MAX_UNZIPPED_BYTES = 2000
    try:
        response = upload(client_a, CASES, content, name="zip.xlsx")
    finally:
        files.MAX_UNZIPPED_BYTES = original
    assert response.status_code == 400
    assert "MB" in str(response.context["form"].errors["file"])


def test_rows_past_the_limit_stop_the_read(client_a, monkeypatch):
    from incidents.views import PoliceReportImport

    monkeypatch.setattr(PoliceReportImport, "max_rows", 5)
    for content, name in [
        (CSV_HEADER + "2024-02-10 08:00,fire,x\n" * 6, "r.csv"),
        (
            workbook_bytes([["received_at", "category"]] + [["2024-02-10 08:00", "fire"]] * 6),
            "r.xlsx",
        ),
    ]:
        response = upload(client_a, REPORTS, content, name=name)
        assert response.status_code == 400
        assert "5" in str(response.context["form"].errors["file"])
    ok = preview(client_a, REPORTS, CSV_HEADER + "2024-02-10 08:00,fire,x\n" * 5)
    assert ok.rows_total == 5


# --- the date window ---


def test_date_time_0001_is_a_row_error_and_never_a_500(client_a, api_a):
    content = (FIXTURES / "police_datetime_0001.csv").read_bytes()
    batch = preview(client_a, REPORTS, content, name="police_datetime_0001.csv")
    assert errors_of(batch) == {(2, "received_at")}
    page = client_a.get(reverse("imports:batch_detail", args=[batch.pk]))
    assert page.status_code == 400
    confirmed = client_a.post(reverse("imports:batch_confirm", args=[batch.pk]))
    assert confirmed.status_code == 302  # a refused preview cannot be confirmed
    assert api_a.get("/api/v1/police-reports/").json()["count"] == 0


@pytest.mark.parametrize("value", ["1999-12-31", "2100-01-01", "0001-01-01"])
def test_dates_outside_the_window_are_row_errors(client_a, value):
    text = "cracked_on,category,title\n" + f"{value},theft,x\n"
    assert errors_of(preview(client_a, CASES, text)) == {(2, "cracked_on")}
