"""Create and drop the bench database (BENCH_DATABASE_URL, default xihu_bench)."""

from urllib.parse import urlsplit, urlunsplit

import psycopg


def _admin_url(url):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def recreate(url):
    """Drop the database if it exists and create it empty."""
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop(url):
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate():
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def truncate_records():
    """Empty every table of the domain apps and the festivals, keeping the schema."""
    from django.apps import apps
    from django.db import connection

    labels = {"incidents", "inspections", "disputes", "patrols", "services", "reports"}
    tables = [m._meta.db_table for m in apps.get_models() if m._meta.app_label in labels]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
