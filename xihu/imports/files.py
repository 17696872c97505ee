"""Reading an uploaded .csv or .xlsx into text cells."""

import csv
import datetime
import io
from decimal import Decimal

from django.utils.translation import gettext as _


class ImportFileError(Exception):
    """The file as a whole cannot be imported (format, columns, size)."""


def cell_text(value) -> str:
    """A spreadsheet cell as text; naive date-times stay naive (local time, SPEC §2)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def read_table(uploaded, *, max_rows: int) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of an uploaded .csv (UTF-8 or GB18030) or .xlsx, as text."""
    name = (getattr(uploaded, "name", "") or "").lower()
    content = uploaded.read()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(content)
    elif name.endswith(".csv"):
        lines = _csv_lines(content)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    try:
        headers = [cell_text(h).lower() for h in next(lines)]
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    rows = [[cell_text(c) for c in cells] for cells in lines]
    # Spreadsheets often end with blank lines; blank lines inside the data stay, so that
    # the line numbers of the errors are the spreadsheet's.
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > max_rows:
        raise ImportFileError(
            _("The file has more than %(max)d rows; split it.") % {"max": max_rows}
        )
    return headers, rows


def _csv_lines(content: bytes):
    # Excel on Chinese Windows saves CSV in GB18030/GBK rather than UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The CSV file is neither UTF-8 nor GB18030 text."))
    try:
        return iter(list(csv.reader(io.StringIO(text, newline=""))))
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file cannot be read: %(error)s") % {"error": exc})


def _xlsx_lines(content: bytes):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or mislabelled file
        raise ImportFileError(_("The XLSX file cannot be read.")) from None
    return iter(list(book.worksheets[0].iter_rows(values_only=True)))
