"""A staff member imports with the template, re-imports an edited export, undoes it (issue 12)."""

import csv
import datetime
import io

import openpyxl
import pytest

from incidents.models import PoliceReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def count(page, name):
    return page.locator(f"[data-count={name}]").inner_text().strip()


def test_template_fill_import_export_edit_reimport_undo(login, live_server, staff_a, tmp_path):
    page = login("staff_a")
    page.goto(f"{live_server.url}/incidents/police-reports/import/")
    with page.expect_download() as download:
        page.click("#import-template")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    # Filled as a user would: Chinese labels in the drop-down columns, a real date-time cell.
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    rows = [
        {
            "接警时间": datetime.datetime(2024, 2, 10, 8, 30),
            "类别": "刑事",
            "有效警情": "是",
            "警情来源": "110报警",
            "发生地点": "北山街",
            "简要警情": "电动车被盗",
        },
        {
            "接警时间": datetime.datetime(2024, 2, 10, 9, 15),
            "类别": "交通",
            "有效警情": "是",
            "警情来源": "巡逻发现",
            "发生地点": "断桥",
            "简要警情": "两车刮擦",
        },
    ]
    for number, row in enumerate(rows, start=2):
        for col, header in enumerate(headers, start=1):
            if header in row:
                sheet.cell(row=number, column=col, value=row[header])
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    page.set_input_files("input[name=file]", str(filled))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-confirm")
    assert (count(page, "to_create"), count(page, "to_update")) == ("2", "0")
    page.click("#import-confirm")
    page.wait_for_selector("[data-count=created]")
    assert count(page, "created") == "2"
    assert PoliceReport.objects.filter(station=staff_a.station).count() == 2

    # Export, change one cell, import the export again: one update, nothing created.
    page.goto(f"{live_server.url}/incidents/police-reports/")
    with page.expect_download() as download:
        page.click("text=导出 CSV")
    exported = tmp_path / "export.csv"
    download.value.save_as(exported)
    lines = list(csv.reader(io.StringIO(exported.read_text("utf-8-sig"), newline="")))
    column = lines[0].index("location")
    changed_row = next(i for i, line in enumerate(lines) if line[column] == "断桥")
    lines[changed_row][column] = "断桥残雪"
    edited = tmp_path / "edited.csv"
    with open(edited, "w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(lines)

    page.goto(f"{live_server.url}/incidents/police-reports/import/")
    page.set_input_files("input[name=file]", str(edited))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-confirm")
    assert (count(page, "to_create"), count(page, "to_update"), count(page, "identical")) == (
        "0",
        "1",
        "1",
    )
    page.click("#import-confirm")
    page.wait_for_selector("[data-count=updated]")
    assert (count(page, "updated"), count(page, "created")) == ("1", "0")
    assert PoliceReport.objects.get(location="断桥残雪").version == 2

    # Undo the re-import: the record is as it was before.
    page.click("#import-undo")
    page.wait_for_selector("#undone")
    assert not PoliceReport.objects.filter(location="断桥残雪").exists()
    assert PoliceReport.objects.get(location="断桥").version == 3
    page.goto(f"{live_server.url}/imports/")
    assert page.locator("#batches tbody tr").count() == 2
