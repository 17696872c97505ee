"""The two steps of an import, preview and confirmation, as functions a view or a task runs.

Both record their progress on the batch (rows read, checked, saved) so that the batch page
can show it, and leave the batch in a final state whatever happens: a failure is the
batch's message, never a half-saved import.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from . import registry
from .engine import StaleRows
from .models import BatchState, ImportBatch

log = logging.getLogger("xihu.imports")


def _reporter(batch, *fields):
    """A progress callback that writes the batch's counters (outside the import's own
    transaction, so that the status page sees them while it runs)."""

    def progress(**counts):
        values = {f"rows_{k}": v for k, v in counts.items() if f"rows_{k}" in fields}
        if values:
            ImportBatch.objects.filter(pk=batch.pk).update(**values)
            for name, value in values.items():
                setattr(batch, name, value)

    return progress


def run_preview(batch, importer, opened, *, user):
    """Check every row of an opened file and keep the plan on the batch (state preview or
    refused). Raises ImportFileError when the file turns out unreadable while reading."""
    plan = importer.check(opened, user=user, progress=_reporter(batch, "rows_read", "rows_checked"))
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
    batch.save()


def run_confirm(batch, *, user):
    """Carry out a claimed batch's plan (state saving); ends done or failed."""
    importer = registry.get(batch.model)
    plan = importer.load_plan(batch.plan)
    try:
        created, updated, skipped = importer.save(
            plan,
            user=user,
            batch=batch,
            include_skipped=batch.include_identical,
            progress=_reporter(batch, "rows_saved"),
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
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=BatchState.DONE,
        created=created,
        updated=updated,
        skipped=skipped,
        rows_saved=created + updated,
        plan=b"",
    )


def fail(batch, message):
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=BatchState.FAILED, message=message, plan=b""
    )
