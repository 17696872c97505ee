"""The read-replica router: summary reads go to the replica, everything else to the primary."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory

from xihu.db_router import (
    REPLICA,
    ReplicaRouter,
    ReplicaRoutingMiddleware,
    reading_replica,
    replica_reads,
)

BASE_DIR = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: DATABASES is read once at start-up, as in production.
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.contrib.sessions.models import Session
from incidents.models import PoliceReport
from xihu.db_router import replica_reads
from xihu.models import Station, User

def where():
    return {
        "report": PoliceReport.objects.all().db,
        "station": Station.objects.all().db,
        "user": User.objects.all().db,
        "session": Session.objects.all().db,
    }

outside = where()
with replica_reads():
    inside = where()
    from django.db import router
    write = router.db_for_write(PoliceReport)
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "replica_name": settings.DATABASES.get("replica", {}).get("NAME"),
    "mirror": settings.DATABASES.get("replica", {}).get("TEST", {}).get("MIRROR"),
    "routers": settings.DATABASE_ROUTERS,
    "middleware": "xihu.db_router.ReplicaRoutingMiddleware" in settings.MIDDLEWARE,
    "pool": settings.DATABASES["default"].get("OPTIONS", {}).get("pool"),
    "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE"),
    "no_server_cursors": settings.DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS"),
    "outside": outside, "inside": inside, "write": write,
}))
"""


def probe(**env):
    ours = ("DATABASE_REPLICA_URL", "DATABASE_POOL", "DATABASE_PGBOUNCER", "CONN_MAX_AGE")
    environ = {k: v for k, v in os.environ.items() if k not in ours}
    environ.update(DJANGO_SETTINGS_MODULE="xihu.test_settings", **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_replica_configured_from_the_environment_serves_only_report_reads():
    result = probe(
        DATABASE_URL="postgres://app@primary.invalid:5432/xihu",
        DATABASE_REPLICA_URL="postgres://reader@replica.invalid:5432/xihu_replica",
    )
    assert result["aliases"] == ["default", "replica"]
    assert result["replica_name"] == "xihu_replica"
    assert result["mirror"] == "default"
    assert result["routers"] == ["xihu.db_router.ReplicaRouter"]
    assert result["middleware"] is True
    assert result["outside"] == dict.fromkeys(result["outside"], "default")
    assert result["inside"] == {
        "report": "replica",
        "station": "replica",
        "user": "default",  # authentication never waits on replication
        "session": "default",
    }
    assert result["write"] == "default"


def test_without_a_replica_nothing_changes():
    result = probe(DATABASE_URL="postgres://app@primary.invalid:5432/xihu")
    assert result["aliases"] == ["default"]
    assert result["routers"] == []
    assert result["middleware"] is False
    assert set(result["inside"].values()) == {"default"}
    assert result["pool"] is None and result["conn_max_age"] == 60


def test_connection_pooling_options():
    pooled = probe(DATABASE_URL="postgres://app@primary.invalid:5432/xihu", DATABASE_POOL="1")
    # Django refuses persistent connections together with its pool.
    assert pooled["conn_max_age"] == 0
    assert pooled["pool"] == {"min_size": 2, "max_size": 8, "timeout": 10}
    bouncer = probe(
        DATABASE_URL="postgres://app@pgbouncer.invalid:6432/xihu", DATABASE_PGBOUNCER="1"
    )
    assert bouncer["no_server_cursors"] is True and bouncer["pool"] is None


def test_router_decisions():
    from django.contrib.sessions.models import Session

    from incidents.models import PoliceReport
    from xihu.models import User

    router = ReplicaRouter()
    assert router.db_for_read(PoliceReport) is None
    with replica_reads():
        assert router.db_for_read(PoliceReport) == REPLICA
        assert router.db_for_read(User) is None
        assert router.db_for_read(Session) is None
        assert router.db_for_write(PoliceReport) == "default"
    assert router.db_for_read(PoliceReport) is None
    assert router.allow_migrate("default", "incidents") is True
    assert router.allow_migrate(REPLICA, "incidents") is False


def test_middleware_marks_only_summary_reads():
    seen = []

    def view(request):
        seen.append(reading_replica())
        return HttpResponse()

    middleware = ReplicaRoutingMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/reports/spring-festival-2024/"))
    middleware(factory.get("/api/v1/festivals/spring-festival-2024/summary/"))
    middleware(factory.post("/reports/spring-festival-2024/"))
    middleware(factory.get("/incidents/police-reports/"))
    middleware(factory.get("/reports/spring-festival-2024/edit/"))
    assert seen == [True, True, False, False, False]
    assert reading_replica() is False
