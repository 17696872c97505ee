"""Permission matrix: every URL pattern × five personas × GET and POST against a table.

The table is keyed by URL name patterns (fnmatch), first match wins; a URL that matches no
entry fails the test, so a new page or route cannot ship without a decision about who may
use it. Each cell runs in a savepoint that is rolled back, so a POST that deletes or logs
out does not disturb the next cell.
"""

import fnmatch

import pytest
from django.db import transaction
from django.urls import reverse

from .conftest import PERSONAS, client_for
from .urlwalk import concrete_url, is_station_scoped, needs_object, walk

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
    ("admin:*", "L L | AL AL | AL AL | AL AL | 200 200"),
    ("<unnamed> admin/(?P<url>.*)$", "L L | AL AL | AL AL | AL AL | 404 404"),
    ("<unnamed> admin/*", "L L | AL AL | AL AL | AL AL | 302 302"),
    # Accounts and the home page.
    ("home", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
    ("login", "200 200 | 200 200 | 200 200 | 200 200 | 200 200"),
    ("logout", "L L | 405 L | 405 L | 405 L | 405 L"),
    ("logout_everywhere", "L L | 405 L | 405 L | 405 L | 405 L"),
    ("set_language", "302 302 | 302 302 | 302 302 | 302 302 | 302 302"),
    # Generic record pages (RecordPages): staff see their station, 404 for others.
    ("reports:festival_add", "L L | 403 403 | 403 403 | 200 200 | 200 200"),
    ("reports:festival_edit", "L L | 403 403 | 403 403 | 200 200 | 200 200"),
    ("reports:summary", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
    ("reports:bulletin*", "L L | 200 200 | 200 200 | 200 200 | 200 200"),
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
    ("api-redoc", "401 401 | 200 405 | 200 405 | 200 405 | 200 405"),
    ("api-root", "401 401 | 200 405 | 200 405 | 200 405 | 200 405"),
    ("festival-summary", "401 401 | 200 403 | 200 403 | 200 405 | 200 405"),
    ("festival-list", "401 401 | 200 403 | 200 403 | 200 400 | 200 400"),
    ("festival-detail", "401 401 | 200 403 | 200 403 | 200 405 | 200 405"),
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


def any_record_model():
    for pattern in walk():
        if pattern.name.endswith("_detail") and is_station_scoped(pattern.model):
            return pattern.model
    return None


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return "AL"
        if location.startswith(reverse("login")):
            return "L"
    return str(response.status_code)


class Clients:
    """One signed-in client per persona, reused: a cell's savepoint rollback restores its
    session row even after a logout, so only the cookie needs putting back."""

    def __init__(self, users):
        self.clients = {}
        for user in users.values():
            client = client_for(user, raise_request_exception=False)
            self.clients[user] = (client, client.cookies.get("sessionid"))

    def get(self, user):
        client, cookie = self.clients[user]
        client.cookies.clear()
        if cookie is not None:
            client.cookies["sessionid"] = cookie.value
        return client


def cell(clients, user, method, url, is_api):
    """One request, rolled back afterwards."""
    with transaction.atomic():
        client = clients.get(user)
        if method == "GET":
            response = client.get(url)
        elif is_api:
            response = client.post(url, {}, content_type="application/json")
        else:
            response = client.post(url, {})
        transaction.set_rollback(True)
    got = outcome(response)
    # Anonymous users meet one login page or the other; both are the same refusal.
    return "L" if user is None and got == "AL" else got


@pytest.mark.django_db
def test_permission_matrix(users, builder):
    unlisted, mismatches, skipped = [], [], []
    clients = Clients(users)
    cells = urls = 0
    for pattern in walk():
        model = pattern.model
        if model is None and "content_type_id" in pattern.params:
            model = any_record_model()  # the admin's "view on site" takes any object
        obj = builder.get(model) if needs_object(pattern) else None
        url = concrete_url(pattern, obj)
        if url is None:
            skipped.append(f"{pattern.name} ({pattern.route}): no object or parameters")
            continue
        want = expected(pattern, model)
        if want is None:
            unlisted.append(f"{pattern.name}  {url}")
            continue
        urls += 1
        for persona in PERSONAS:
            for method, status in zip(("GET", "POST"), want[persona], strict=True):
                got = cell(clients, users[persona], method, url, pattern.is_api)
                cells += 1
                if got != status:
                    mismatches.append(f"{persona:10} {method:4} {url}: {got}, expected {status}")
    print(f"\npermission matrix: {urls} URLs x {len(PERSONAS)} roles x 2 methods = {cells} cells")
    for note in skipped + builder.notes:
        print("skipped:", note)
    assert not (unlisted or mismatches), (
        "URLs without an entry in the matrix:\n"
        + "\n".join(unlisted)
        + f"\n{len(mismatches)} cells differ:\n"
        + "\n".join(mismatches)
    )
