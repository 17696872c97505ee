"""The two steps of an import, preview and confirmation: run in the request for small files,
as background tasks (django-tasks, `manage.py db_worker`) for large ones.

Both record their progress on the batch (rows read, checked, saved) so that the batch page
can show it, and leave the batch in a final state whatever happens: a failure is the
batch's message, never a half-saved import.
"""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections
from django.utils.translation import gettext as _
from django_tasks import task

from . import registry
from .engine import StaleRows
from .files import ImportFileError
from .models import BatchState, ImportBatch

log = logging.getLogger("xihu.imports")


def runs_as_task(rows: int) -> bool:
    """Whether a file of about `rows` rows is checked and saved by the worker."""
    return rows > settings.IMPORT_TASK_ROWS


def estimated_rows(content: bytes) -> int:
    """An upper estimate of a file's rows, without parsing it: lines of a CSV; a workbook's
    size over ~25 bytes per row (an .xlsx row of a record compresses to 25-60 bytes)."""
    if content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return len(content) // 25
    return content.count(b"\n")


class Progress:
    """Writes a batch's counters as the work goes, where the status page can read them.

    While saving, the import's own transaction is open; on PostgreSQL the counters then go
    through a second connection in autocommit, so they are seen before the commit. (SQLite
    allows one writer at a time: there they are written in the transaction, and seen at
    its end.)
    """

    def __init__(self, batch, *fields):
        self.batch = batch
        self.fields = fields
        self.side = None

    def __call__(self, **counts):
        values = {f"rows_{k}": v for k, v in counts.items() if f"rows_{k}" in self.fields}
        if not values:
            return
        for name, value in values.items():
            setattr(self.batch, name, value)
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            if self.side is None:
                self.side = connections.create_connection("default")
            columns = ", ".join(f'"{name}" = %s' for name in values)
            with self.side.cursor() as cursor:
                cursor.execute(
                    f'UPDATE "{ImportBatch._meta.db_table}" SET {columns} WHERE "id" = %s',
                    [*values.values(), self.batch.pk],
                )
        else:
            ImportBatch.objects.filter(pk=self.batch.pk).update(**values)

    def close(self):
        if self.side is not None:
            self.side.close()
            self.side = None


class NamedBytes(io.BytesIO):
    """A stored upload, read again as the uploaded file was."""

    def __init__(self, content, name):
        super().__init__(bytes(content))
        self.name = name


def run_preview(batch, importer, opened, *, user):
    """Check every row of an opened file and keep the plan on the batch (state preview or
    refused). Raises ImportFileError when the file turns out unreadable while reading."""
    progress = Progress(batch, "rows_read", "rows_checked")
    plan = importer.check(opened, user=user, progress=progress)
    store_preview(batch, importer, plan)
    return plan


def store_preview(batch, importer, plan):
    counts = plan.counts()
    shown = plan.errors[: importer.shown_errors]
    batch.report = {
        "sample": plan.sample,
        "errors": [
            [row.line, column, row.values.get(column, ""), messages]
            for row in shown
            for column, messages in row.errors.items()
        ],
    }
    for name, value in counts.items():
        setattr(batch, name, value)
    batch.rows_read = batch.rows_checked = plan.rows
    batch.state = BatchState.PREVIEW if plan.ok else BatchState.REFUSED
    batch.plan = importer.dump_plan(plan) if plan.ok else b""
    batch.upload = b""
    batch.save()


@task()
def preview_task(batch_id: int) -> str:
    """Check a large file stored on its batch (the worker's side of the preview)."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    importer = registry.get(batch.model)
    try:
        opened = importer.open(NamedBytes(batch.upload, batch.file_name), user=batch.created_by)
        run_preview(batch, importer, opened, user=batch.created_by)
    except ImportFileError as exc:
        fail(batch, str(exc))
    except Exception as exc:  # noqa: BLE001  (the batch must not stay "checking" forever)
        log.exception("import batch %s: preview failed", batch_id)
        fail(batch, _("The file could not be checked: %(error)s") % {"error": type(exc).__name__})
    return ImportBatch.objects.get(pk=batch_id).state


def run_confirm(batch, *, user):
    """Carry out a claimed batch's plan (state saving); ends done or failed."""
    importer = registry.get(batch.model)
    progress = Progress(batch, "rows_saved")
    try:
        plan = importer.load_plan(batch.plan)
        created, updated, skipped = importer.save(
            plan, user=user, batch=batch, include_skipped=batch.include_identical, progress=progress
        )
    except StaleRows as exc:
        fail(
            batch,
            _(
                "Nothing was imported: the records of lines %(lines)s were changed by someone "
                "else since the preview. Export them again."
            )
            % {"lines": ", ".join(str(line) for line in exc.lines[:20])},
        )
        return
    except (DatabaseError, ValidationError, ValueError) as exc:
        log.warning("import batch %s failed: %r", batch.pk, exc)
        fail(batch, _("Nothing was imported: a row breaks a rule of the database."))
        return
    except Exception as exc:  # noqa: BLE001  (never a 500, never a batch left "saving")
        log.exception("import batch %s: confirm failed", batch.pk)
        fail(batch, _("Nothing was imported: %(error)s") % {"error": type(exc).__name__})
        return
    finally:
        progress.close()
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=BatchState.DONE,
        created=created,
        updated=updated,
        skipped=skipped,
        rows_saved=created + updated,
        plan=b"",
    )


@task()
def confirm_task(batch_id: int) -> str:
    """Save a large confirmed batch (the worker's side of the confirmation)."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    run_confirm(batch, user=batch.created_by)
    return ImportBatch.objects.get(pk=batch_id).state


def fail(batch, message):
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=BatchState.FAILED, message=message, plan=b"", upload=b""
    )
