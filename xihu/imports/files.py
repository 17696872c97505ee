"""Reading an uploaded .csv, .xlsx or .xls into a header and a stream of rows (SPEC §2 Imports).

A cell is read for what the user sees: a date cell is a `datetime.date`, a date-time cell a
naive `datetime.datetime` (local time), a number a float, a formula its stored result, and a
formula with no stored result the `NO_RESULT` marker (a row error, never a 0). The engine
turns these into text for the field that receives them (engine.cell_value).

Bounds, so that no file takes a worker down (issue 12):
- the upload is refused before it is read when it is larger than `max_upload_bytes()`
  (views.py checks Content-Length and counts the bytes as they arrive);
- a workbook's parts may not unzip to more than `MAX_UNZIPPED_BYTES`, taken from the zip's
  directory; Python's zipfile never inflates a member past its declared size, and calamine
  is only given a workbook rebuilt from what zipfile read (a lying header cannot reach it);
- the sheet's `<dimension>` record is never trusted; rows are counted in the sheet itself and
  a file with more than the row limit is refused before its cells are parsed;
- each row is cut at the header's width.

Readers: python-calamine for .xlsx (about 15 times faster than openpyxl: 100,000 rows in
2 s instead of 27 s) when the sheet's cells fit a dense grid of `DENSE_CELLS` (calamine
allocates rows x columns of the used range, so one stray cell in XFD1048576 asks it for
550 GB and aborts the process); otherwise openpyxl's streaming parser, which never holds
more than one row. xlrd reads .xls with ragged rows (memory follows the cells present).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _

MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
DENSE_CELLS = 3_000_000  # ~100 MB in calamine's grid
MAX_COLUMNS = 100  # a header wider than this is not a record import


def max_upload_bytes() -> int:
    """The largest upload accepted, in bytes (settings.IMPORT_MAX_UPLOAD_BYTES, 64 MB)."""
    return getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", 64 * 1024 * 1024)


class ImportFileError(Exception):
    """The file as a whole cannot be imported (format, encoding, columns, size)."""


class _NoResult:
    """A formula cell saved without its result (written by a program, never opened)."""

    def __str__(self):
        return ""

    def __repr__(self):
        return "NO_RESULT"


NO_RESULT = _NoResult()


@dataclass
class Table:
    """The first sheet or the CSV: `headers` as text, `rows` as (line, cells) pairs.

    `line` is the spreadsheet's line number (the header being line 1); cells are cut or
    padded to the header's width; blank rows are left out. `rows` is a generator that raises
    ImportFileError when the file turns out to have more than `max_rows` rows.
    """

    headers: list[str]
    rows: Iterator[tuple[int, list]]
    sha256: str


def read_table(uploaded, *, max_rows: int) -> Table:
    """Open an uploaded file; the kind is told by its first bytes, then by its name."""
    content = uploaded.read(max_upload_bytes() + 1)
    if len(content) > max_upload_bytes():
        raise ImportFileError(too_large_message())
    sha256 = hashlib.sha256(content).hexdigest()
    name = (getattr(uploaded, "name", "") or "").lower()
    if content.startswith(b"PK\x03\x04"):
        lines = _xlsx_lines(content, max_rows)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .xls (Excel 97-2003, WPS .et)
        lines = _xls_lines(content, max_rows)
    elif name.endswith((".csv", ".txt")):
        lines = _csv_lines(content)
    else:
        raise ImportFileError(_("Upload a .csv, .xlsx or .xls file."))
    for _line, cells in lines:
        if any(_filled(c) for c in cells):
            width = _header_width(cells)
            headers = [cell_header(c) for c in cells[:width]]
            return Table(headers, _bounded(lines, width, max_rows), sha256)
    raise ImportFileError(_("The file is empty."))


def too_large_message() -> str:
    from django.template.defaultfilters import filesizeformat

    return _("The file is larger than %(size)s; split it into smaller files.") % {
        "size": filesizeformat(max_upload_bytes())
    }


def cell_header(value) -> str:
    if value is None or value is NO_RESULT:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def _filled(value) -> bool:
    return not (value is None or value == "" or (isinstance(value, str) and not value.strip()))


def _header_width(cells) -> int:
    width = max(i + 1 for i, c in enumerate(cells) if _filled(c))
    if width > MAX_COLUMNS:
        raise ImportFileError(
            _("The first row has %(count)d columns; a record has far fewer.") % {"count": width}
        )
    return width


def _bounded(lines, width, max_rows):
    count = 0
    for line, cells in lines:
        cells = list(cells[:width])
        if not any(_filled(c) for c in cells):
            continue  # blank rows are spacing, not records; the line numbers stay
        count += 1
        if count > max_rows:
            raise ImportFileError(
                _("The file has more than %(max)d rows; split it.") % {"max": max_rows}
            )
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        yield line, cells


# --- CSV ---


def _csv_lines(content: bytes):
    text = decode_text(content)
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(
                _("Line %(line)d of the CSV file cannot be read: %(error)s")
                % {"line": reader.line_num, "error": exc}
            )
        yield line, cells
        line = reader.line_num + 1


def decode_text(content: bytes) -> str:
    """The CSV's text: strict UTF-8 (BOM or not), else GB18030 if it is plausibly Chinese.

    Order matters: GB18030 can decode almost any byte string, so it is only a candidate when
    the whole file is not UTF-8. Two kinds of file then decode "successfully" into mojibake
    and are refused, naming the line:
    - mostly UTF-8 with a line saved in GBK: the lines that are valid UTF-8 and carry
      non-ASCII text show the file is UTF-8; the first line that is not is named;
    - Big5 (traditional Chinese) or another encoding: decoded as GB18030 it yields kana,
      Greek, Cyrillic, private-use characters, or mostly hanzi outside GB2312's 6,763
      common ones (Big5's second bytes 0x40-0x7E land there); simplified Chinese text
      written in GB18030 almost never does (`_implausible_line`).
    """
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(_("The file is UTF-16 text; save it as CSV (UTF-8)."))
    body = content[3:] if content.startswith(codecs.BOM_UTF8) else content
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_break = _line_of(body, exc.start)
        if content.startswith(codecs.BOM_UTF8):
            raise ImportFileError(_not_utf8(utf8_break))
    if _has_utf8_text(body):
        raise ImportFileError(_not_utf8(utf8_break))
    try:
        text = body.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "The file is neither UTF-8 (line %(utf8)d breaks it) nor GB18030 (line "
                "%(gb)d breaks it). Save it as CSV UTF-8."
            )
            % {"utf8": utf8_break, "gb": _line_of(body, exc.start)}
        )
    bad = _implausible_line(text)
    if bad is not None:
        raise ImportFileError(
            _(
                "The file is not UTF-8 (line %(utf8)d) and read as GB18030 it gives garbled "
                "text (line %(line)d): it may be Big5 or another encoding. Save it as CSV "
                "UTF-8."
            )
            % {"utf8": utf8_break, "line": bad}
        )
    return text


def _not_utf8(line):
    return _(
        "Line %(line)d is not UTF-8 while the rest of the file is: the file mixes encodings. "
        "Save it again as CSV UTF-8."
    ) % {"line": line}


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _has_utf8_text(data: bytes) -> bool:
    """Whether some line is valid UTF-8 with non-ASCII characters in it (so: a UTF-8 file)."""
    for raw in data.split(b"\n"):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


# Characters that Chinese office files written in GB18030 contain besides ASCII.
_PLAUSIBLE = re.compile(
    "[\u00a0-\u00ff\u2000-\u206f\u2100-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u257f"
    "\u25a0-\u26ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)


def _implausible_line(text: str) -> int | None:
    """The first line that GB18030 text from a Chinese office would not contain, or None."""
    hanzi = outside = 0
    first_outside = None
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if char.isascii():
                continue
            if not _PLAUSIBLE.match(char):
                return number
            if "\u4e00" <= char <= "\u9fff":
                hanzi += 1
                encoded = char.encode("gb18030")
                if not (len(encoded) == 2 and encoded[0] >= 0xB0 and encoded[1] >= 0xA1):
                    outside += 1
                    first_outside = first_outside or number
    # Names use a few rare characters; a third of them outside GB2312 is another encoding.
    if hanzi >= 6 and outside * 3 > hanzi:
        return first_outside
    return None


# --- XLSX ---

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_WIDE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{2,3})\d+"')
_CELL_WITHOUT_REF = re.compile(rb"<(?:\w+:)?c(?:\s(?![^>]*\br=)[^>]*)?/?>")
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*'
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*</(?:\w+:)?c>"
)


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def _xlsx_lines(content: bytes, max_rows: int):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
        if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
            raise ImportFileError(
                _("The workbook unpacks to more than %(mb)d MB; split it.")
                % {"mb": MAX_UNZIPPED_BYTES // (1024 * 1024)}
            )
        parts = {m.filename: archive.read(m) for m in members if not m.is_dir()}
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ImportFileError(_("The XLSX file cannot be read.")) from None
    sheet = parts.get(_first_sheet_path(parts))
    if sheet is None:
        raise ImportFileError(_("The XLSX file has no worksheet."))
    rows = [m for m in _ROW.finditer(sheet) if not m.group(1).endswith(b"/")]
    if len(rows) > max_rows + 1:
        raise ImportFileError(
            _("The file has more than %(max)d rows; split it.") % {"max": max_rows}
        )
    numbers = (_ROW_NUMBER.search(m.group(1)) for m in rows)
    last_row = max((int(n.group(1)) for n in numbers if n), default=len(rows))
    last_col = max((_column_number(m.group(1)) for m in _WIDE_CELL.finditer(sheet)), default=26)
    unresolved = {
        (int(m.group(2)), _column_number(m.group(1)) - 1)
        for m in _FORMULA_WITHOUT_VALUE.finditer(sheet)
    }
    if _CELL_WITHOUT_REF.search(sheet) or last_row * last_col > DENSE_CELLS:
        return _openpyxl_lines(parts, unresolved)
    return _calamine_lines(parts, unresolved)


def _first_sheet_path(parts) -> str | None:
    try:
        book = ElementTree.fromstring(parts["xl/workbook.xml"])
        rels = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    except (KeyError, ElementTree.ParseError):
        return None
    first = book.find(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
    if first is None:
        return None
    rel_id = first.get(f"{_NS_REL}id")
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _rebuilt(parts) -> bytes:
    """The workbook as zipfile read it (stored, not compressed), for calamine."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return buffer.getvalue()


def _calamine_lines(parts, unresolved):
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(_rebuilt(parts)))
        sheet = book.get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except Exception:  # calamine raises its own kinds on a damaged file
        raise ImportFileError(_("The XLSX file cannot be read.")) from None
    first_row, first_col = sheet.start or (0, 0)
    for index, cells in enumerate(rows):
        line = first_row + index + 1
        if first_col:
            cells = [""] * first_col + list(cells)
        if unresolved:
            cells = [
                NO_RESULT if (line, col) in unresolved else value for col, value in enumerate(cells)
            ]
        yield line, cells


def _openpyxl_lines(parts, unresolved):
    """A row at a time, whatever the sheet's extent; for sheets calamine cannot hold."""
    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    class RowParser(WorkSheetParser):
        def parse_row(self, row):
            # As openpyxl's, without keeping every row's attributes (height, style).
            if "r" in row.attrib:
                self.row_counter = int(row.attrib["r"])
            else:
                self.row_counter += 1
            self.col_counter = 0
            return self.row_counter, [self.parse_cell(el) for el in row]

    try:
        book = openpyxl.load_workbook(io.BytesIO(_rebuilt(parts)), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        source = sheet._get_source()
    except Exception:
        raise ImportFileError(_("The XLSX file cannot be read.")) from None
    with source:
        parser = RowParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        width = None
        for line, found in parser.parse():
            cells = []
            for cell in found:
                col = cell["column"] - 1
                if width is not None and col >= width:
                    break
                if col >= MAX_COLUMNS:
                    break
                cells.extend([""] * (col - len(cells)))
                value = cell["value"]
                if (line, col) in unresolved:
                    value = NO_RESULT
                cells.append(_midnight_to_date(value))
            if width is None and any(_filled(c) for c in cells):
                width = max(i + 1 for i, c in enumerate(cells) if _filled(c))
            yield line, cells


def _midnight_to_date(value):
    # openpyxl gives a date cell as a datetime at midnight; calamine and xlrd as a date.
    if isinstance(value, datetime.datetime) and value.time() == datetime.time.min:
        return value.date()
    return value


# --- XLS ---


def _xls_lines(content: bytes, max_rows: int):
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=content, on_demand=True, ragged_rows=True, formatting_info=False
        )
        sheet = book.sheet_by_index(0)
    except Exception:  # xlrd raises many kinds on a damaged or mislabelled file
        raise ImportFileError(_("The XLS file cannot be read.")) from None
    if (
        sheet.nrows > max_rows + 1
        and sum(1 for i in range(sheet.nrows) if sheet.row_len(i)) > max_rows + 1
    ):
        raise ImportFileError(
            _("The file has more than %(max)d rows; split it.") % {"max": max_rows}
        )
    for index in range(sheet.nrows):
        cells = []
        for cell in sheet.row_slice(index, 0, min(sheet.row_len(index), MAX_COLUMNS)):
            cells.append(_xls_value(cell, book.datemode))
        yield index + 1, cells


def _xls_value(cell, datemode):
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _midnight_to_date(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return NO_RESULT
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return cell.value


def normalise_header(text: str) -> str:
    """A header cell as compared with field names and labels: NFKC, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()
