"""The bulletin as a PDF (WeasyPrint) and as a Word file (python-docx)."""

import io
import shutil
import subprocess
from functools import cache

from django.template.loader import render_to_string

from .wording import exact

DOCX_FONT = "Noto Serif CJK SC"


@cache
def cjk_font():
    """The family name of an installed Chinese font (fontconfig), or None."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})
    for preferred in ("Noto Sans CJK SC", "Noto Serif CJK SC"):
        if preferred in families:
            return preferred
    return families[0] if families else None


def bulletin_pdf(context):
    from weasyprint import HTML

    html = render_to_string("reports/bulletin_document.html", {**context, "font": cjk_font()})
    return HTML(string=html).write_pdf()


def bulletin_docx(context):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = DOCX_FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)  # Word picks CJK by this
    bulletin = context["bulletin"]
    document.add_heading(bulletin["title"], level=0)
    document.add_paragraph(bulletin["period"])
    for section in bulletin["sections"]:
        if section["heading"]:
            document.add_heading(section["heading"], level=1)
        for paragraph in section["paragraphs"]:
            document.add_paragraph(paragraph)
    _figures_table(document, context)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _figures_table(document, context):
    headers = context["table_headers"]
    document.add_heading(headers[0], level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers[1:], strict=True):
        cell.text = str(text)
    for section in context["rows"]:
        for row in section["figures"]:
            change = row["change"]
            cells = table.add_row().cells
            cells[0].text = f"{section['label']} · {row['label']}"
            cells[1].text = exact(row["figure"]["value"], "en")
            cells[2].text = exact(row["figure"]["previous"], "en")
            cells[3].text = "" if change is None else str(change)
