"""The bulletin's files in the official document layout (SPEC §6, GB/T 9704-2012): a PDF
(WeasyPrint) and a Word file (python-docx), Chinese and English.

Both are drawn from the same parts (`document_parts`): the bulletin (reports.bulletin), the
SVG charts and the table of figures. A4; the issuing body in red above a red rule; the
document number; the title; numbered headings 一、; FangSong body; page numbers "— 1 —"
(odd pages right, even pages left); the issuing body and date at the end; then the charts
and the figures.
"""

import io
import shutil
import subprocess
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import wording
from .bulletin import bulletin
from .charts import summary_charts
from .labels import FIGURE_LABELS, SECTION_LABELS
from .summary import MONEY, RATES, festival_report

RED = "C00000"
# Word names the fonts offices have (SPEC §6); East Asian text uses these names.
WORD_FONTS = {
    "body": "仿宋_GB2312",
    "heading": "黑体",
    "subheading": "楷体_GB2312",
    "title": "方正小标宋简体",
    "latin": "Times New Roman",
}
SERIF_CJK = ("Noto Serif CJK SC", "Noto Serif CJK TC", "Noto Serif CJK JP")
SANS_CJK = ("Noto Sans CJK SC",)


@cache
def installed_cjk_families():
    """Family names of the installed Chinese fonts (fontconfig); empty without fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(
        name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()
    )


def cjk_font() -> str | None:
    """The PDF's body font: the configured FangSong, else a free serif CJK font, else any
    installed Chinese font; None when there is none (the PDF cannot be made)."""
    families = installed_cjk_families()
    configured = settings.BULLETIN_FANGSONG_FONT
    if configured and configured in families:
        return configured
    for name in SERIF_CJK:
        if name in families:
            return name
    return min(families) if families else None


def heading_font():
    families = installed_cjk_families()
    return next((name for name in SANS_CJK if name in families), cjk_font())


def figures_table(sections, lang):
    """{"headers", "rows": [(label, value, previous, change)]} in the file's language,
    generic over the summary's keys (a figure without a label shows its key)."""
    zh = lang == "zh"
    headers = (
        ("项目", "本期", "上期", "同比")
        if zh
        else ("Figure", "This festival", "Comparison", "Change")
    )
    rows = []
    with translation.override("zh-hans" if zh else "en"):
        for section, group in sections.items():
            for name, figure in group.items():
                label = FIGURE_LABELS.get(section, {}).get(name, name)
                section_label = SECTION_LABELS.get(section, section)
                rows.append(
                    (
                        f"{section_label} · {label}",
                        _cell(section, name, figure.get("value"), lang),
                        _cell(section, name, figure.get("previous"), lang),
                        _change_cell(figure, lang),
                    )
                )
    return {
        "title": "附表：主要数据" if zh else "Table: the figures",
        "headers": headers,
        "rows": rows,
    }


def _cell(section, name, value, lang):
    if value is None:
        return "—"
    if (section, name) in RATES:
        return wording.percent(value)
    if (section, name) in MONEY:
        return f"{Decimal(str(value)):,.2f}"
    return wording.exact(value, lang)


def _change_cell(figure, lang):
    """+5.2% / −32.1% / +1.2 个百分点 (pp); — when undefined."""
    points = "change_pp" in figure
    value = figure.get("change_pp" if points else "change_pct")
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    unit = ("个百分点" if lang == "zh" else " pp") if points else "%"
    return f"{sign}{wording.trim(abs(value))}{unit}"


def document_parts(summary, lang, *, texts=None, as_of=None, number=None, data=None):
    """Everything a file shows: {"bulletin", "charts", "table"}; data: the chart series
    (the "charts" of reports.summary.festival_report), read when not given."""
    festival, station = summary["festival"], summary["station"]
    data = data if data is not None else festival_report(festival, station)["charts"]
    with translation.override("zh-hans" if lang == "zh" else "en"):  # charts in its language
        charts = summary_charts(data, summary["sections"], festival)
    return {
        "bulletin": bulletin(summary, lang, texts=texts, as_of=as_of, number=number),
        "charts": charts,
        "table": figures_table(summary["sections"], lang),
    }


def bulletin_pdf(parts):
    """The PDF's bytes (needs a Chinese font for the Chinese file and the charts)."""
    from weasyprint import CSS, HTML

    context = {**parts, "font": cjk_font(), "heading_font": heading_font()}
    html = render_to_string("reports/bulletin_document.html", context)
    # The layout is a stylesheet of its own: the document carries no inline style.
    css = CSS(string=render_to_string("reports/bulletin_document.css", context))
    return HTML(string=html).write_pdf(stylesheets=[css])


def bulletin_docx(parts):
    """The Word file's bytes."""
    from .word import word_document

    document = word_document(parts)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
