from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from xihu.backup import BackupError, backup, fingerprint


class Command(BaseCommand):
    help = "Back up the database (pg_dump on PostgreSQL, a file copy on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="file to write; default backups/xihu-<date>-<time>.<dump|sqlite3>"
        )

    def handle(self, *args, output=None, **options):
        from django.db import connection

        if output is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
            output = f"backups/xihu-{stamp}.{suffix}"
        try:
            path = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        try:
            tables = fingerprint()
        except DatabaseError:  # a schema behind the code: the file is written all the same
            self.stdout.write(f"Backed up to {path} (run migrate to count the rows)")
            return
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(f"Backed up {len(tables)} tables, {rows} rows to {path}")
