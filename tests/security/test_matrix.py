"""Permission matrix: every URL pattern × five personas × GET and POST against a table.

The table is keyed by URL name patterns (fnmatch), first match wins; a URL that matches no
entry fails the test, so a new page or route cannot ship without a decision about who may
use it. One test case per URL and persona (GET and POST), named after both, on the module's
shared world; each request runs in a savepoint that is rolled back, so a POST that deletes or
logs out does not disturb the next.
"""

import fnmatch

import pytest
from django.db import transaction
from django.urls import reverse

from .conftest import PERSONAS
from .urlwalk import is_station_scoped, walk

# Columns: anon | staff_a | staff_b | supervisor | admin; each "GET POST".
# L = redirected to the login page, AL = redirected to the admin's login page (for
# anonymous users either counts as L).
# Objects are built in station A: the staff_b column is another station's view of them. For
# models without a station (festivals, stations) staff_b is given the staff_a column.
RULES = [
    # Admin first (its names would match the generic globs): administrators only, and the
    # audit log and axes' records are read-only there. An empty POST to a delete page only
    # shows the confirmation again.
    ("admin:login", "200 200 | 200 200 | 200 200 | 200 200 | 302 200"),
    ("admin:logout", "L L | 302 302 | 302 302 | 302 302 | 405 L"),
    ("admin:password_change_done", "L L | AL AL | AL AL | AL AL | 200 405"),
    ("admin:autocomplete", "L L | AL AL | AL AL | AL AL | 403 405"),
    ("admin:jsi18n", "L L | AL AL | AL AL | AL AL | 200 405"),
    ("admin:view_on_site", "L L | AL AL | AL AL | AL AL | 302 302"),
    ("admin:xihu_auditentry_add", "L L | AL AL | AL AL | AL AL | 403 403"),
    ("admin:xihu_auditentry_delete", "L L | AL AL | AL AL | AL AL | 403 403"),
    ("admin:xihu_auditentry_change", "L L | AL AL | AL AL | AL AL | 200 403"),
    ("admin:axes_*_add", "L L | AL AL | AL AL | AL AL | 403 403"),
    ("admin:axes_*_change", "L L | AL AL | AL AL | AL AL | 200 302"),
    # django-tasks-db's task results: read-only in the admin (the worker writes them).
    ("admin:django_tasks_database_*_add", "L L | AL AL | AL AL | AL AL | 403 403"),
    ("admin:django_tasks_database_*_delete", "L L | AL AL | AL AL | AL AL | 403 403"),
    ("admin:django_tasks_database_*_change", "L L | AL AL | AL AL | AL AL | 200 403"),
    # API tokens: listed and revoked (deleted), never minted or edited in the admin.
    ("admin:knox_authtoken_add", "L L | AL AL | AL AL | AL AL | 403 403"),
    ("admin:knox_authtoken_change", "L L | AL AL | AL AL | AL AL | 200 403"),
    ("admin:*", "L L | AL AL | AL AL | AL AL | 200 200"),
    ("<unnamed> admin/(?P<url>.*)$", "L L | AL AL | AL AL | AL AL | 404 404"),
    ("<unnamed> admin/*", "L L | AL AL | AL AL | AL AL | 302 302"),
    # Accounts and the home page.
    ("home", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
    ("login", "200 200 | 200 200 | 200 200 | 200 200 | 200 200"),
    ("logout", "L L | 405 L | 405 L | 405 L | 405 L"),
    ("logout_everywhere", "L L | 405 L | 405 L | 405 L | 405 L"),
    # One's own API tokens; revoking a key that is not one's own (here: none) answers 404.
    ("api_tokens", "L L | 200 404 | 200 404 | 200 404 | 200 404"),
    ("set_language", "302 302 | 302 302 | 302 302 | 302 302 | 302 302"),
    # Generic record pages (RecordPages): staff see their station, 404 for others.
    ("reports:festival_add", "L L | 403 403 | 403 403 | 200 200 | 200 200"),
    ("reports:festival_edit", "L L | 403 403 | 403 403 | 200 200 | 200 200"),
    ("reports:summary", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
    ("reports:bulletin_edit", "L L | 403 403 | 403 403 | 200 200 | 200 200"),
    ("reports:bulletin*", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
    ("reports:publish", "L L | 405 403 | 405 403 | 405 302 | 405 302"),
    # Publication 1 does not exist in the matrix: supervisors meet 404, staff 403 first.
    ("reports:publication", "L L | 403 405 | 403 405 | 404 405 | 404 405"),
    ("reports:publication_file", "L L | 403 405 | 403 405 | 404 405 | 404 405"),
    ("inspections:overdue", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    ("*:*_reinspect", "L L | 200 200 | 404 404 | 200 200 | 200 200"),
    ("*-reinspect", "401 401 | 405 400 | 405 404 | 405 400 | 405 400"),
    ("*:*_list", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    ("*:*_export", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    ("*:*_add", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
    ("*:*_detail", "L L | 200 405 | 404 405 | 200 405 | 200 405"),
    ("*:*_edit", "L L | 200 200 | 404 404 | 200 200 | 200 200"),
    ("*:*_delete", "L L | 403 403 | 404 404 | 200 302 | 200 302"),
    ("*:*_import", "L L | 200 400 | 200 400 | 200 400 | 200 400"),
    ("*:*_import_template", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    # Import batches (built by staff_a in station A): station-scoped like records; only the
    # author confirms, the author or a supervisor undoes (the built batch is not confirmable
    # or undoable, so those answer with a redirect and a message).
    ("imports:batch_list", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    ("imports:batch_detail", "L L | 200 405 | 404 405 | 200 405 | 200 405"),
    ("imports:batch_status", "L L | 200 405 | 404 405 | 200 405 | 200 405"),
    ("imports:batch_confirm", "L L | 405 302 | 405 404 | 405 403 | 405 403"),
    ("imports:batch_undo", "L L | 405 302 | 405 404 | 405 302 | 405 302"),
    ("patrols:day_entry", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
    ("patrols:board", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    ("patrols:plan_warnings", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    ("services:rates", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    # Workflow actions on one record: like its edit page.
    ("disputes:attention", "L L | 200 405 | 200 405 | 200 405 | 200 405"),
    ("disputes:dispute_*", "L L | 200 200 | 404 404 | 200 200 | 200 200"),
    # API: 401 without credentials; records scoped like the pages.
    ("api-token", "405 400 | 405 400 | 405 400 | 405 400 | 405 400"),
    ("api-schema", "401 401 | 200 405 | 200 405 | 200 405 | 200 405"),
    ("api-docs", "401 401 | 200 405 | 200 405 | 200 405 | 200 405"),
    ("api-root", "401 401 | 200 405 | 200 405 | 200 405 | 200 405"),
    ("festival-summary", "401 401 | 200 403 | 200 403 | 200 405 | 200 405"),
    ("festival-list", "401 401 | 200 403 | 200 403 | 200 400 | 200 400"),
    ("festival-detail", "401 401 | 200 403 | 200 403 | 200 405 | 200 405"),
    ("festival-publish", "401 401 | 405 403 | 405 403 | 405 201 | 405 201"),
    ("festival-publications", "401 401 | 403 403 | 403 403 | 200 405 | 200 405"),
    ("festival-publication", "401 401 | 403 403 | 403 403 | 404 405 | 404 405"),
    ("station-list", "401 401 | 200 403 | 200 403 | 200 403 | 200 400"),
    ("station-detail", "401 401 | 200 403 | 200 403 | 200 403 | 200 405"),
    ("*-list", "401 401 | 200 400 | 200 400 | 200 400 | 200 400"),
    ("*-detail", "401 401 | 200 405 | 404 405 | 200 405 | 200 405"),
    # POST-only workflow actions on one record (resolve a dispute, ...).
    ("dispute-*", "401 401 | 405 400 | 405 404 | 405 400 | 405 400"),
]


def expected(pattern, model):
    for glob, row in RULES:
        if fnmatch.fnmatchcase(pattern.name, glob):
            columns = dict(zip(PERSONAS, (c.split() for c in row.split("|")), strict=True))
            if not is_station_scoped(model):
                columns["staff_b"] = columns["staff_a"]
            return columns
    return None


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return "AL"
        if location.startswith(reverse("login")):
            return "L"
    return str(response.status_code)


def cell(world, persona, method, url, is_api):
    """One request, rolled back afterwards (the rollback restores the session row even after
    a logout; world.client() puts the signed-in cookie back)."""
    client = world.client(persona)
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif is_api:
            response = client.post(url, {}, content_type="application/json")
        else:
            response = client.post(url, {})
        transaction.set_rollback(True)
    got = outcome(response)
    # Anonymous users meet one login page or the other; both are the same refusal.
    return "L" if persona == "anon" and got == "AL" else got


def cases():
    """One case per URL pattern and persona, named after both."""
    return [
        pytest.param(pattern, persona, id=f"{pattern.label} {persona}")
        for pattern in walk()
        for persona in PERSONAS
    ]


@pytest.mark.django_db
class TestEveryURL:
    @pytest.mark.parametrize(("pattern", "persona"), cases())
    def test_permission_matrix(self, world, pattern, persona):
        model, _obj, url = world.target(pattern)
        want = expected(pattern, model)
        assert want is not None, (
            f"{pattern.name} ({pattern.route}) has no entry in the matrix: add a row to RULES "
            "saying who may use it"
        )
        if url is None:
            pytest.skip(world.skip_reason(pattern))
        got = [cell(world, persona, method, url, pattern.is_api) for method in ("GET", "POST")]
        assert got == want[persona], f"{persona} GET/POST {url}: {got}, expected {want[persona]}"
