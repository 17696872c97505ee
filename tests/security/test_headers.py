"""Production headers: CSP without inline script, HSTS, secure cookies, `check --deploy`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import client_for
from .urlwalk import walk

ROOT = Path(settings.BASE_DIR)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
# Swagger UI and ReDoc bootstrap themselves inline; their views relax script-src for
# themselves alone (see CONTENT_SECURITY_POLICY in settings).
INLINE_ALLOWED = {"api-docs", "api-redoc"}


def production_env():
    """This process's environment without what the test settings and conftest relax."""
    relaxed = {
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "STATIC_MANIFEST",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    return {k: v for k, v in os.environ.items() if k not in relaxed}


def test_deploy_check_is_clean_under_production_settings():
    """The Makefile's `check` target: production settings, a real key, one allowed host."""
    env = production_env()
    env.update(
        DJANGO_SETTINGS_MODULE="xihu.settings",
        SECRET_KEY="check-only-0123456789-a-long-random-enough-value-for-the-deploy-check",
        ALLOWED_HOSTS="records.xihu.example",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    print("\ncheck --deploy:", result.stdout.strip() or result.stderr.strip())
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_security_headers_on_every_page(client, supervisor, station_a):
    response = client.get("/accounts/login/", secure=True)
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)[1]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert settings.SESSION_COOKIE_HTTPONLY


def test_production_cookies_are_secure():
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)"
    )
    env = production_env()
    env.update(DJANGO_SETTINGS_MODULE="xihu.settings", SECRET_KEY="x" * 60)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["True", "True", "True", "True", "False"], out.stderr


@pytest.mark.django_db
def test_no_page_carries_inline_script(supervisor, station_a):
    """Every GET page without parameters, as a supervisor: no inline <script> body and no
    on*= handler attribute, which the CSP would block in the browser anyway."""
    client = client_for(supervisor)
    checked, offenders = 0, []
    for pattern in walk():
        if pattern.params or pattern.name in INLINE_ALLOWED or pattern.is_admin:
            continue
        url = "/" + pattern.route.replace("^", "").replace("$", "")
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        checked += 1
        if INLINE_SCRIPT.search(html) or INLINE_HANDLER.search(html):
            offenders.append(url)
    print(f"\nCSP: {checked} pages without inline script")
    assert checked >= 5
    assert not offenders, offenders
