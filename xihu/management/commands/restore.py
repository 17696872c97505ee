from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from xihu.backup import BackupError, fingerprint, restore


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, path, interactive=True, **options):
        if interactive:
            answer = input(f"Replace EVERY record in the database with {path}? Type 'yes': ")
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        try:
            tables = fingerprint()
        except DatabaseError:  # a schema behind the code: the file is written all the same
            self.stdout.write(f"Restored from {path} (run migrate to count the rows)")
            return
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(f"Restored {len(tables)} tables, {rows} rows from {path}")
