"""CSV and XLSX export of exactly the filtered rows, columns named as in SPEC §2."""

import datetime
import re
from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils import timezone

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def export_value(record, field_name):
    """Machine-readable value: codes for choices and stations, ISO dates, plain decimals."""
    if field_name == "station":
        return record.station.code
    value = getattr(record, field_name)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "pk"):
        return value.pk
    return "" if value is None else value


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# Characters no XLSX cell may hold (XML 1.0 forbids them; openpyxl raises on them) and lone
# surrogates (not encodable): the input rules refuse both, but rows stored before them, or
# written by another door, must not break an export. Each is shown as U+FFFD.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading quote (CSV injection);
    characters no spreadsheet can hold become U+FFFD, so any stored text exports."""
    if not isinstance(value, str):
        return value
    value = UNWRITABLE.sub("\ufffd", value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def sheet_title(model) -> str:
    """The XLSX sheet's name: the record type in the page's language ("警情"), within Excel's
    rules (at most 31 characters, none of []:*?/\\)."""
    name = str(model._meta.verbose_name_plural)
    return "".join(c for c in name if c not in "[]:*?/\\")[:31] or model._meta.model_name


def dataset(rows, headers, title=""):
    """A tablib Dataset of the rows (formula-like cells neutralised); `title` names the sheet."""
    data = tablib.Dataset(headers=headers, title=title or None)
    for row in rows:
        data.append([neutralise(value) for value in row])
    return data


STREAM_ROWS = 50_000  # above this, a CSV export streams and an XLSX export is refused


class _Echo:
    def write(self, value):
        return value


def stream_csv_response(rows, headers, basename: str):
    """A CSV export written as it is read (constant memory, the first bytes at once), for
    exports of more than STREAM_ROWS rows; the same cells as `dataset` + `export_response`."""
    import csv

    from django.http import StreamingHttpResponse

    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(headers)
        for row in rows:
            yield writer.writerow([neutralise("" if v is None else v) for v in row])

    response = StreamingHttpResponse(lines(), content_type=EXPORT_FORMATS["csv"][0])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.csv"'
    return response


def export_response(data: tablib.Dataset, basename: str, fmt: str) -> HttpResponse:
    content_type, extension = EXPORT_FORMATS[fmt]
    content = data.export(fmt)
    if fmt == "csv":
        content = "\ufeff" + content  # BOM so that Excel opens Chinese text correctly
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.{extension}"'
    return response
