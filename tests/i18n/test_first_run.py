"""Issue 18: first run (.env from `make run`, a quiet load_demo) and the site's icon."""

import io
import logging
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from xihu.models import AuditEntry


def test_make_writes_a_local_env_once(tmp_path):
    if not (Path(settings.BASE_DIR) / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv beside the Makefile (make install makes it)")
    (tmp_path / "Makefile").write_text((Path(settings.BASE_DIR) / "Makefile").read_text())
    (tmp_path / ".venv").symlink_to(Path(settings.BASE_DIR) / ".venv")
    subprocess.run(["make", "-s", "-C", str(tmp_path), ".env"], check=True, capture_output=True)
    first = (tmp_path / ".env").read_text()
    assert first.startswith("DEBUG=1\nSECRET_KEY=") and len(first.split("=")[-1].strip()) >= 50
    subprocess.run(["make", "-s", "-C", str(tmp_path), ".env"], check=True, capture_output=True)
    assert (tmp_path / ".env").read_text() == first  # never overwritten


def test_env_is_ignored_by_git():
    lines = (Path(settings.BASE_DIR) / ".gitignore").read_text().split()
    assert ".env" in lines


def test_tests_run_with_debug_off_whatever_env_says():
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_load_demo_keeps_the_audit_in_the_database(caplog):
    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger="xihu"):
        call_command("load_demo", stdout=out)
    assert not [r for r in caplog.records if r.name == "xihu.audit"]
    assert AuditEntry.objects.filter(action="create").exists()
    assert "Accounts" in out.getvalue() and "audit" not in out.getvalue()
    assert logging.getLogger("xihu.audit").level == logging.NOTSET  # put back


@pytest.mark.django_db
def test_favicon_is_served_locally_and_linked(client_a, client_admin):
    assert finders.find("xihu/favicon.svg")
    assert (
        'rel="icon" href="/static/xihu/favicon.svg"'
        in client_a.get(reverse("home")).content.decode()
    )
    admin = client_admin.get(reverse("admin:index")).content.decode()
    assert 'rel="icon" href="/static/xihu/favicon.svg"' in admin
