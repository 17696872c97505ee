"""The bulletin as a Word document in the official layout (SPEC §6, GB/T 9704-2012).

python-docx's default template is US Letter with theme fonts and a Japanese East Asian
theme language; every style and run here names its fonts explicitly (仿宋_GB2312, 黑体,
楷体_GB2312, 方正小标宋简体 for East Asian text, Times New Roman for Latin), and the
document's East Asian language is zh-CN, so Word never falls back to a Japanese font.
"""

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import raster

FONTS = {
    "body": "仿宋_GB2312",
    "heading": "黑体",
    "subheading": "楷体_GB2312",
    "title": "方正小标宋简体",
}
LATIN = "Times New Roman"
RED = RGBColor(0xC0, 0x00, 0x00)
BODY_PT = 16  # 三号
LINE_PT = 28  # 22 lines of 28 characters on the 225 mm type area


def _fonts(element, east_asia, latin=LATIN):
    """Name the fonts of a run or style explicitly, dropping the theme's."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attribute}"), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _language(document):
    """East Asian language zh-CN in the defaults and the theme setting (not ja-JP)."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is not None:
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{attribute}"), None)
        rfonts.set(qn("w:eastAsia"), FONTS["body"])
        rfonts.set(qn("w:ascii"), LATIN)
        rfonts.set(qn("w:hAnsi"), LATIN)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        document.settings.element.append(theme)
    theme.set(qn("w:eastAsia"), "zh-CN")


def _page(document):
    """A4, GB/T 9704 margins (top 37 mm, binding side 28 mm), odd and even footers."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _field(paragraph, instruction):
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._element.append(element)
    shown = paragraph.add_run("1")
    end = paragraph.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), "end")
    end._element.append(element)
    return [run, shown, end]


def _page_number(paragraph, alignment):
    """ "— 1 —" in 14 pt, one character in from the outer edge."""
    paragraph.alignment = alignment
    indent = Pt(14)
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    runs = [paragraph.add_run("— "), *_field(paragraph, "PAGE"), paragraph.add_run(" —")]
    for run in runs:
        _fonts(run._element, "宋体")
        run.font.size = Pt(14)


def _paragraph(
    document,
    text,
    *,
    font="body",
    size=BODY_PT,
    align=None,
    bold=False,
    color=None,
    indent=False,
    space_after=0,
):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(LINE_PT, size + 6))
    fmt.space_before, fmt.space_after = Pt(0), Pt(space_after)
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    run = paragraph.add_run(text)
    _fonts(run._element, FONTS[font])
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def _red_rule(paragraph):
    """The red rule under the document number: a bottom border of the paragraph."""
    ppr = paragraph._element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "8"), ("color", "C00000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.append(borders)


def word_document(parts):
    """A python-docx Document of the bulletin parts (documents.document_parts)."""
    bulletin, zh = parts["bulletin"], parts["bulletin"]["lang"] == "zh"
    document = Document()
    _page(document)
    _language(document)
    normal = document.styles["Normal"]
    _fonts(normal.element, FONTS["body"])
    normal.font.size = Pt(BODY_PT)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT

    _paragraph(
        document,
        bulletin["issuer"],
        font="title",
        size=30 if zh else 22,
        align=center,
        color=RED,
        space_after=12,
    )
    number = _paragraph(document, bulletin["doc_number"], align=center)
    _red_rule(number)
    _paragraph(document, "", size=BODY_PT)
    _paragraph(document, bulletin["title"], font="title", size=22, align=center, space_after=6)
    _paragraph(document, bulletin["period"], font="subheading", align=center)
    _paragraph(
        document, bulletin["as_of"], font="subheading", size=14, align=center, space_after=12
    )
    for section in bulletin["sections"]:
        if section["heading"]:
            _paragraph(document, section["heading"], font="heading", bold=not zh, indent=True)
        for text in section["paragraphs"]:
            _paragraph(document, text, indent=True)
    _paragraph(document, "")
    signature = _paragraph(document, bulletin["issuer"], align=right)
    signature.paragraph_format.right_indent = Pt(BODY_PT * 4)
    dated = _paragraph(document, bulletin["date"], align=right)
    dated.paragraph_format.right_indent = Pt(BODY_PT * 4)

    _charts(document, parts["charts"], zh)
    _table(document, parts["table"], zh)
    return document


def _charts(document, charts, zh):
    pictures = [raster.svg_to_png(svg) for svg in charts]
    pictures = [p for p in pictures if p is not None]
    if not pictures:
        return
    breaker = document.add_paragraph().add_run()
    breaker.add_break(WD_BREAK.PAGE)
    _paragraph(document, "附图" if zh else "Charts", font="heading", bold=not zh)
    for png in pictures:
        document.add_picture(png, width=Mm(156))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document, table, zh):
    _paragraph(document, table["title"], font="heading", bold=not zh)
    grid = document.add_table(rows=1, cols=len(table["headers"]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row_cells, values in [(grid.rows[0].cells, table["headers"])] + [
        (grid.add_row().cells, row) for row in table["rows"]
    ]:
        for n, (cell, text) in enumerate(zip(row_cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if n == 0 else WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(str(text))
            _fonts(run._element, FONTS["body"])
            run.font.size = Pt(10.5)
