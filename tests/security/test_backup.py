"""Backup drill: back up, change and wipe, restore, and compare every table's row count and
checksum. On PostgreSQL it runs pg_dump and pg_restore on committed data; on SQLite the
online backup API."""

import pytest
from django.core.management import call_command
from django.db import connection

from xihu.backup import fingerprint

from .urlwalk import walk

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_wipe_restore_loses_nothing(tmp_path, builder, supervisor, capsys):
    from incidents.models import PoliceReport

    for pattern in walk():  # one object of every model a URL serves, and their parents
        if pattern.model is not None:
            builder.get(pattern.model)
    report = PoliceReport.objects.first()
    before = fingerprint()
    rows_before = sum(rows for rows, _ in before.values())
    assert rows_before > 20

    dump = tmp_path / ("xihu.dump" if connection.vendor == "postgresql" else "xihu.sqlite3")
    call_command("backup", output=str(dump))
    assert dump.stat().st_size > 0

    # Life goes on after the backup: an edit, then disaster wipes everything.
    report.location = "changed after the backup"
    report.save(by=supervisor)
    assert fingerprint() != before
    call_command("flush", interactive=False)
    assert PoliceReport.objects.count() == 0

    call_command("restore", str(dump), interactive=False)
    after = fingerprint()
    lost = sum(max(before[t][0] - after.get(t, (0, ""))[0], 0) for t in before)
    differing = [t for t in before if before[t] != after.get(t)]
    out = capsys.readouterr().out
    with capsys.disabled():
        print(
            f"\nbackup drill ({connection.vendor}): {len(before)} tables, {rows_before} rows "
            f"backed up and restored, {lost} lost, {len(differing)} tables differ"
        )
    assert "Restored" in out
    assert lost == 0 and not differing, differing
    assert PoliceReport.objects.get(pk=report.pk).location != "changed after the backup"
