"""Back up and restore the whole database: pg_dump/pg_restore on PostgreSQL, SQLite's online
backup API on SQLite. `manage.py backup` / `restore` and `make backup` / `restore` call these.

`fingerprint()` gives each table's row count and a checksum of its rows, so a restore drill
can prove that nothing was lost.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection


class BackupError(Exception):
    pass


def _pg_env(settings_dict):
    env = dict(os.environ)
    for key, name in (("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    if settings_dict.get("USER"):
        env["PGUSER"] = settings_dict["USER"]
    return env


def _run(command, settings_dict):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} not found: install the PostgreSQL client tools")
    result = subprocess.run(command, env=_pg_env(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(path: Path) -> Path:
    """Write a consistent copy of the database to path (a snapshot; writers may go on)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        # Custom format: compressed, and pg_restore can clean and restore it in one go.
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={path}",
                settings_dict["NAME"],
            ],
            settings_dict,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"no backup for {connection.vendor}")
    return path


def restore(path: Path) -> None:
    """Replace the database's contents with the backup at path, in one transaction."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        connection.close()  # our own idle connection must not hold locks on the tables
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={settings_dict['NAME']}",
                str(path),
            ],
            settings_dict,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"no restore for {connection.vendor}")


def fingerprint() -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of the rows in primary-key order)} for every model's table."""
    out = {}
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table not in tables or model._meta.proxy or table in out:
            continue
        digest = hashlib.sha256()
        rows = 0
        for row in model._base_manager.order_by("pk").values_list().iterator(chunk_size=5000):
            digest.update(repr(row).encode())
            rows += 1
        out[table] = (rows, digest.hexdigest())
    return out
