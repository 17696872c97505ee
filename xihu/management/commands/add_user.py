import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from xihu.accounts import user_create_or_update
from xihu.roles import Role


class Command(BaseCommand):
    help = "Create a user (or update an existing one) with a role and, for staff, a station."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help="|".join(Role.values))
        parser.add_argument("--station", help="station code; required for staff")
        parser.add_argument("--password", help="prompted for when omitted on a terminal")

    def handle(self, *args, username, role, station, password, **options):
        if password is None and sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            user = user_create_or_update(
                username=username, role=role, station_code=station, password=password
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        where = f" at {user.station.code}" if user.station else ""
        self.stdout.write(self.style.SUCCESS(f"User {user.username}: {user.role}{where}."))
        if not password:
            self.stdout.write("No password set: the user cannot log in until one is.")
