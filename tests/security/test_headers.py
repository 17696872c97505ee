"""Production headers: CSP without inline script or style, Permissions-Policy, HSTS, secure
cookies, `check --deploy`."""

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
INLINE_STYLE = re.compile(r"<style[\s>]|<[a-z][^>]*\sstyle\s*=", re.I)


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
    # Nothing silenced: axes.W006 (lockout without the address) and the rest must hold.
    assert "(0 silenced)" in result.stdout and not settings.SILENCED_SYSTEM_CHECKS


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
class TestNoInlineScriptOrStyle:
    """Every page an administrator can open (the admin and the API docs included), with the
    records of the security world behind its parameters: no inline <script> body, no on*=
    handler, no <style> element and no style= attribute. The CSP (script-src and style-src
    'self') would block them in the browser; here they fail before they ship."""

    @pytest.mark.parametrize("pattern", [pytest.param(p, id=p.label) for p in walk()])
    def test_page(self, world, pattern):
        _model, _obj, url = world.target(pattern)
        if url is None:
            pytest.skip(world.skip_reason(pattern))
        response = client_for(world.users["admin"]).get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            pytest.skip(f"{url}: {response.status_code} {response.get('Content-Type')}")
        html = response.content.decode()
        for name, rule in (
            ("script", INLINE_SCRIPT),
            ("handler", INLINE_HANDLER),
            ("style", INLINE_STYLE),
        ):
            found = rule.search(html)
            assert found is None, (
                f"{url}: inline {name} {html[found.start() : found.start() + 80]!r}"
            )


def test_no_template_of_ours_writes_inline_style():
    """Every template in the project, whatever state would show its parts (a running
    import's progress bar, ...): no <style> element and no style= attribute."""
    offenders, checked = [], 0
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        if ".venv" in path.parts or "staticfiles" in path.parts:
            continue
        checked += 1
        found = INLINE_STYLE.search(path.read_text(encoding="utf-8"))
        if found:
            offenders.append(f"{path.relative_to(ROOT)}: {found.group(0)!r}")
    assert checked > 20
    assert not offenders, offenders


@pytest.mark.django_db
def test_csp_allows_no_inline_style_and_permissions_policy_is_sent(client):
    response = client.get("/accounts/login/")
    style_src = re.search(r"style-src ([^;]*)", response["Content-Security-Policy"])[1]
    assert style_src.split() == ["'self'"]
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY


@pytest.mark.django_db
def test_the_api_docs_load_their_script_from_a_url(client_a):
    page = client_a.get("/api/v1/docs/").content.decode()
    assert 'src="/api/v1/docs/?script="' in page
    script = client_a.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "javascript" in script["Content-Type"]
    assert "/api/v1/schema/" in script.content.decode()
