"""Helpers for import tests: upload a file on a record type's import page, confirm it."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xihu.imports.models import ImportBatch

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def workbook_bytes(rows, *, title=None) -> bytes:
    """An .xlsx of the given rows (values as openpyxl writes them: dates stay date cells)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, url_name, content, *, name="rows.csv", encoding="utf-8"):
    """POST a file to `<url_name>` (e.g. "incidents:policereport_import")."""
    if isinstance(content, str):
        content = content.encode(encoding)
    return client.post(reverse(url_name), {"file": SimpleUploadedFile(name, content)})


def batch_of(response) -> ImportBatch:
    form = (response.context or {}).get("form") if response.status_code != 302 else None
    assert response.status_code == 302, form.errors if form else response.status_code
    pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    return ImportBatch.objects.get(pk=pk)


def preview(client, url_name, content, **kwargs) -> ImportBatch:
    """Upload and return the batch of its preview (state preview or refused)."""
    return batch_of(upload(client, url_name, content, **kwargs))


def confirm(client, batch, **data) -> ImportBatch:
    response = client.post(reverse("imports:batch_confirm", args=[batch.pk]), data)
    assert response.status_code == 302, response.status_code
    batch.refresh_from_db()
    return batch


def errors_of(batch) -> set[tuple[int, str]]:
    return {(line, column) for line, column, _value, _messages in batch.report["errors"]}
