"""A supervisor reads the 2024 summary, looks at one station, then the bulletin and files."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_supervisor_reads_summary_station_bulletin_and_downloads(login, live_server, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    call_command("load_demo", stdout=io.StringIO())
    page = login("supervisor", "supervisor-demo-2024")
    page.goto(f"{live_server.url}/reports/spring-festival-2024/")
    effective = page.locator("#figure-police_reports-effective")
    assert effective.locator(".value").inner_text() == "767"
    assert "-32.1%" in effective.locator(".change").inner_text()

    page.select_option("#station-select", "beishan")
    with page.expect_navigation():
        page.click("#station-filter button[type=submit]")
    assert "station=beishan" in page.url
    assert "北山派出所" in page.locator("h1").inner_text()
    beishan = int(page.locator("#figure-police_reports-effective .value").inner_text())
    assert 0 < beishan < 767

    page.select_option("#station-select", "")
    with page.expect_navigation():
        page.click("#station-filter button[type=submit]")
    with page.expect_navigation():
        page.click("#bulletin-link")
    with page.expect_navigation():
        page.click("#lang-en")
    assert "received 767 effective police reports, down 32.1% year on year" in page.content()

    with page.expect_download() as pdf_download:
        page.click("#download-pdf-zh")
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "767" in text
    for title in ("多层次推进安保", "立体化筑牢安全屏障", "全方位净化治安环境"):
        assert title in text

    with page.expect_download() as docx_download:
        page.click("#download-docx-en")
    docx = Path(docx_download.value.path()).read_bytes()
    assert docx
    paragraphs = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert any("767 effective police reports" in p for p in paragraphs)
