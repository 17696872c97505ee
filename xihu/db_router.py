"""Optional read replica for the reports (DATABASE_REPLICA_URL).

Only reads that are marked as report reads go to the replica: the summary page and the
summary API (through `ReplicaRoutingMiddleware`) and any code wrapped in `replica_reads()`.
Everything else, sessions, users, forms and the page a user is redirected to after a save,
reads the primary, so nobody ever misses their own write because of replication lag.
A summary that is a second or two behind the primary is acceptable; a missing session is not.

Without a replica configured the router is not installed at all (see settings), and
`replica_reads()` is harmless.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"

# Models the summary reads; auth, sessions, axes and the token table always use the primary.
REPORT_APPS = frozenset(
    {"xihu", "incidents", "inspections", "disputes", "patrols", "services", "reports"}
)
# The core app also holds User: read it from the primary like the rest of authentication.
PRIMARY_ONLY_MODELS = frozenset({"xihu.user", "xihu.tokenclient"})

# GET requests whose path matches read the replica for report models.
DEFAULT_REPLICA_PATHS = r"^/reports/[^/]+/$|^/api/v1/festivals/[^/]+/summary/$"

_reading_replica: ContextVar[bool] = ContextVar("xihu_reading_replica", default=False)


@contextmanager
def replica_reads():
    """Send the report models' reads inside this block to the replica, if there is one."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def reading_replica() -> bool:
    return _reading_replica.get()


class ReplicaRouter:
    """Report reads to the replica inside `replica_reads()`; all else to the primary."""

    def db_for_read(self, model, **hints):
        # Installed only when DATABASE_REPLICA_URL is set (settings), so REPLICA exists.
        if not _reading_replica.get() or model._meta.app_label not in REPORT_APPS:
            return None  # the default: the primary
        if model._meta.label_lower in PRIMARY_ONLY_MODELS:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"  # a replica is read-only; never write there, even inside the block

    def allow_relation(self, obj1, obj2, **hints):
        # Primary and replica hold the same rows, so objects from either may be related.
        return {obj1._state.db, obj2._state.db} <= {"default", REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica receives the schema through replication, never through migrate.
        return db != REPLICA


class ReplicaRoutingMiddleware:
    """Marks summary requests (GET/HEAD on REPLICA_PATHS) as report reads.

    Place it after the authentication middleware; the user and session are loaded lazily,
    but their models are outside REPORT_APPS, so they read the primary regardless.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = re.compile(getattr(settings, "REPLICA_PATHS", DEFAULT_REPLICA_PATHS))

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and self.paths.search(request.path_info):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
