import logging
from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from xihu.demo import load_accounts, load_stations

# Apps that add demo records, in order; each module has load(stdout) and is idempotent.
DEMO_MODULES = ["reports.demo"]


class Command(BaseCommand):
    help = "Load the Xihu stations, one demo account per role and the festival demo records."

    def handle(self, *args, **options):
        # Every station and record made is audited in the database; the terminal shows the
        # accounts table, not an audit line per record.
        audit_log = logging.getLogger("xihu.audit")
        level = audit_log.level
        audit_log.setLevel(logging.WARNING)
        try:
            with transaction.atomic():
                load_stations()
                accounts = load_accounts()
                for module_name in DEMO_MODULES:
                    if find_spec(module_name) is not None:  # present once its issue lands
                        import_module(module_name).load(self.stdout)
        finally:
            audit_log.setLevel(level)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Accounts (username / password):"))
        for username, role, station, password in accounts:
            where = f" at {station}" if station else ""
            self.stdout.write(f"  {username:<12} {password:<22} {role}{where}")
