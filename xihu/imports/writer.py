"""Writing a checked plan, and undoing a confirmed batch, with history rows set-wise.

Both run in one transaction each: all or nothing. Records are written with the database's
bulk path (`bulk_create` / `bulk_update` in batches) and their history rows with
simple-history's bulk helpers, so 10,000 rows cost a few dozen queries, not 20,000.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import BatchState, ImportBatch, ImportBatchItem

CHUNK = 2000  # rows per bulk write, and between two progress reports while saving


def _in_bulk(queryset, ids, *, lock=False):
    found = {}
    if lock:
        queryset = queryset.select_for_update()
    for start in range(0, len(ids), 900):  # SQLite allows ~1,000 parameters
        found.update(queryset.in_bulk(ids[start : start + 900]))
    return found


def write_plan(importer, plan, *, user, batch, include_skipped=False, progress=None):
    """Create and update what the plan says; returns (created, updated, skipped).

    Raises engine.StaleRows (nothing written) when a record to update changed since the
    preview.
    """
    from .engine import StaleRows

    model = importer.model()
    meta = model._meta
    attnames = [meta.get_field(name).attname for name in importer.fields]
    reason = f"import #{batch.pk}"
    rows = list(plan.creates)
    if include_skipped and not importer.identity:  # never a second record of one identity
        rows += [(line, sid, values) for line, sid, values, _why in plan.skipped]
    skipped = len(plan.unchanged) + len(plan.skipped) - (len(rows) - len(plan.creates))
    now = timezone.now()
    items = []
    saved = 0
    with transaction.atomic():
        if plan.updates:
            current = _in_bulk(model._base_manager, [u[1] for u in plan.updates], lock=True)
            stale = [
                line
                for line, pk, version, _c, _b in plan.updates
                if pk not in current or current[pk].version != version
            ]
            if stale:
                raise StaleRows(stale)
            changed, objs = set(), []
            for _line, pk, version, changes, before in plan.updates:
                obj = current[pk]
                for name, value in changes.items():
                    setattr(obj, name, value)
                    changed.add(name)
                obj.version, obj.updated_by, obj.updated_at = version + 1, user, now
                objs.append(obj)
                items.append(
                    ImportBatchItem(
                        batch=batch, object_id=pk, created=False, version=version + 1, before=before
                    )
                )
            bulk_update_with_history(
                objs,
                model,
                fields=[*sorted(changed), "version", "updated_by", "updated_at"],
                batch_size=importer.batch_size,
                default_user=user,
                default_change_reason=reason,
            )
            saved += len(objs)
            if progress:
                progress(saved=saved)
        for start in range(0, len(rows), CHUNK):
            objs = [
                model(
                    station_id=station_id,
                    created_by=user,
                    updated_by=user,
                    **dict(zip(attnames, values, strict=True)),
                )
                for _line, station_id, values in rows[start : start + CHUNK]
            ]
            bulk_create_with_history(
                objs,
                model,
                batch_size=importer.batch_size,
                default_user=user,
                default_change_reason=reason,
            )
            items.extend(
                ImportBatchItem(batch=batch, object_id=o.pk, created=True, version=o.version)
                for o in objs
            )
            saved += len(objs)
            if progress:
                progress(saved=saved)
        ImportBatchItem.objects.bulk_create(items, batch_size=CHUNK)
    return len(rows), len(plan.updates), skipped


def history_rows(model, objs, *, kind, user, reason):
    """Historical rows of type kind ("+", "~", "-") for objs, written in one bulk insert."""
    history = model.history.model
    when = timezone.now()
    rows = [
        history(
            history_date=when,
            history_user=user,
            history_change_reason=reason,
            history_type=kind,
            **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
        )
        for obj in objs
    ]
    history.objects.bulk_create(rows, batch_size=1000)


def undo_batch(batch: ImportBatch, *, user) -> list | None:
    """Reverse a confirmed batch: delete what it created, revert what it updated.

    A record changed since the import (its version moved), deleted since, or referred to
    by other records is left alone and listed: [(record id, reason), ...]. Returns None when
    the batch was not (or no longer) done: of two undos at once, one does the work.
    """
    reason = f"undo import #{batch.pk}"
    now = timezone.now()
    left = []
    with transaction.atomic():
        claimed = ImportBatch.objects.filter(pk=batch.pk, state=BatchState.DONE).update(
            state=BatchState.UNDONE, undone_at=now, undone_by=user
        )
        if not claimed:
            return None
        model = batch.record_model
        meta = model._meta
        items = list(batch.items.all())
        current = _in_bulk(model._base_manager, [i.object_id for i in items], lock=True)
        doomed, reverted, fields = [], [], set()
        for item in items:
            obj = current.get(item.object_id)
            if obj is None:
                left.append((item.object_id, _("deleted since the import")))
            elif obj.version != item.version:
                left.append((item.object_id, _("changed since the import")))
            elif item.created:
                doomed.append(obj)
            else:
                for name, value in (item.before or {}).items():
                    setattr(obj, name, meta.get_field(name).to_python(value))
                    fields.add(name)
                obj.version, obj.updated_by, obj.updated_at = obj.version + 1, user, now
                reverted.append(obj)
        if reverted:
            bulk_update_with_history(
                reverted,
                model,
                fields=[*sorted(fields), "version", "updated_by", "updated_at"],
                batch_size=1000,
                default_user=user,
                default_change_reason=reason,
            )
        left.extend(_delete_with_history(model, doomed, user=user, reason=reason))
        batch.refresh_from_db()
        batch.report = {**batch.report, "left_alone": left}
        batch.save(update_fields=["report"])
    return left


def _delete_with_history(model, objs, *, user, reason):
    """Delete objs keeping a "-" history row each; those other records protect are kept.

    A record type nothing refers to is deleted set-wise (history rows in bulk, then a raw
    DELETE per chunk); otherwise each record goes through delete() so that PROTECT and
    CASCADE rules hold, and simple-history writes its row from the delete signal.
    """
    referred = [
        rel
        for rel in model._meta.related_objects
        if not rel.related_model.__name__.startswith("Historical")
    ]
    if not referred:
        history_rows(model, objs, kind="-", user=user, reason=reason)
        ids = [o.pk for o in objs]
        for start in range(0, len(ids), 900):
            model._base_manager.filter(pk__in=ids[start : start + 900])._raw_delete(
                model._base_manager.db
            )
        return []
    left = []
    for obj in objs:
        try:
            with transaction.atomic():
                obj._change_reason = reason
                obj.delete(by=user)
        except ProtectedError:
            left.append((obj.pk, _("other records refer to it")))
    return left
