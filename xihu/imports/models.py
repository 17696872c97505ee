"""Import batches: one per uploaded file, from its preview to its confirmation and undo.

A batch starts as a preview (the plan of what the file would do waits in `plan`, compressed)
and is claimed once by its confirmation, so that a double click saves once. Confirmed, it
lists the records it created and updated (ImportBatchItem), which is what undo works from.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import RecordQuerySet


class BatchState(models.TextChoices):
    CHECKING = "checking", _("Checking")
    PREVIEW = "preview", _("Ready to import")
    REFUSED = "refused", _("Refused: rows with errors")
    SAVING = "saving", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing saved")
    UNDONE = "undone", _("Undone")


CONFIRMED_STATES = (BatchState.SAVING, BatchState.DONE, BatchState.FAILED, BatchState.UNDONE)


class ImportBatchQuerySet(RecordQuerySet):
    """`for_user` (from RecordQuerySet): staff see their station's batches, supervisors all."""

    def confirmed(self):
        return self.filter(state__in=CONFIRMED_STATES)

    def expired_previews(self, now=None):
        """Previews nobody confirmed within `IMPORT_PREVIEW_HOURS` (24 by default)."""
        hours = getattr(settings, "IMPORT_PREVIEW_HOURS", 24)
        limit = (now or timezone.now()) - datetime.timedelta(hours=hours)
        return self.filter(
            Q(state__in=(BatchState.PREVIEW, BatchState.REFUSED, BatchState.CHECKING)),
            created_at__lt=limit,
        )


class ImportBatch(models.Model):
    """One uploaded file of one record type: who, when, which file, what it did."""

    model = models.CharField(_("record type"), max_length=100)  # app_label.ModelName
    station = models.ForeignKey(
        "xihu.Station",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The importing staff member's station; empty for a district-wide import."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    state = models.CharField(
        _("state"), max_length=20, choices=BatchState.choices, default=BatchState.CHECKING
    )
    include_identical = models.BooleanField(_("identical rows imported too"), default=False)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    rows_saved = models.PositiveIntegerField(_("rows saved"), default=0)
    to_create = models.PositiveIntegerField(_("new"), default=0)
    to_update = models.PositiveIntegerField(_("changed"), default=0)
    identical = models.PositiveIntegerField(_("identical to a record"), default=0)
    repeated = models.PositiveIntegerField(_("repeated in the file"), default=0)
    error_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    message = models.TextField(_("message"), blank=True)
    # The preview's findings shown on the batch page: errors (line, column, value, messages),
    # the first rows, the rows undo left alone.
    report = models.JSONField(_("report"), default=dict, blank=True)
    plan = models.BinaryField(_("plan"), blank=True, default=b"", editable=False)
    # A large file waits here for the worker that checks it; emptied once it is read.
    upload = models.BinaryField(_("uploaded file"), blank=True, default=b"", editable=False)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        # The batch list (newest first, per station) and the same-file warning (by hash).
        indexes = [models.Index(fields=["station", "state", "created_at"], name="batch_list_idx")]

    def __str__(self):
        return f"#{self.pk} {self.file_name}"

    @property
    def record_model(self):
        from django.apps import apps

        return apps.get_model(self.model)

    @property
    def percent(self) -> int:
        """Progress of the running step, 0-100 (reading, checking, then saving)."""
        if self.state in (BatchState.DONE, BatchState.PREVIEW, BatchState.REFUSED):
            return 100
        total = self.rows_total or self.rows_read or 1
        if self.state == BatchState.SAVING:
            return min(100, 100 * self.rows_saved // max(1, self.to_create + self.to_update))
        return min(99, 100 * self.rows_checked // total)


class ImportBatchItem(models.Model):
    """A record a confirmed batch created or updated, and what undo needs to reverse it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    object_id = models.BigIntegerField()
    created = models.BooleanField()  # else updated
    version = models.PositiveIntegerField()  # the record's version right after the import
    before = models.JSONField(null=True, blank=True)  # updated fields' previous values

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
