import datetime

import pytest

from patrols.models import LargeEvent, PatrolDeployment
from xihu.tests.importing import confirm, preview

pytestmark = pytest.mark.django_db


def upload(client, url_name, text):
    return preview(client, f"{url_name}_import", text)


def test_deployments_import_for_own_station(client_a, station_a):
    batch = upload(
        client_a,
        "patrols:patroldeployment",
        "date,shift,mode,personnel,vehicles,area_kind,area,joint_armed\n"
        "2024-02-10,day,car,120,20,scenic_spot,断桥,是\n"
        "2024-02-10,night,foot,15,0,square,武林广场,\n",
    )
    assert batch.state == "preview", batch.report
    confirm(client_a, batch)
    rows = PatrolDeployment.objects.order_by("shift")
    assert [(r.station.code, r.shift, r.personnel, r.joint_armed) for r in rows] == [
        ("beishan", "day", 120, True),
        ("beishan", "night", 15, False),
    ]
    assert all(r.history.count() == 1 for r in rows)


@pytest.mark.parametrize(
    "url_name, text",
    [
        (
            "patrols:patroldeployment",
            "date,shift,mode,personnel,vehicles,area_kind\n2024-02-10,day,car,0,1,square\n",
        ),
        (
            "patrols:largeevent",
            "name,starts_on,ends_on,location,organiser,expected_attendance\n"
            "灯会,2024-02-12,2024-02-11,湖滨,folk,5000\n",
        ),
    ],
)
def test_imports_refuse_rule_breaking_rows(client_a, station_a, url_name, text):
    assert upload(client_a, url_name, text).state == "refused"
    assert not (PatrolDeployment.objects.exists() or LargeEvent.objects.exists())


def test_event_import_by_a_supervisor(client_supervisor, station_a, station_b):
    batch = upload(
        client_supervisor,
        "patrols:largeevent",
        "station,name,starts_on,ends_on,location,organiser,expected_attendance,"
        "security_plan_issued_on,police_deployed\n"
        "xixi,西溪花朝节,2024-02-12,2024-02-14,西溪湿地,official,8000,2024-02-01,120\n",
    )
    assert batch.state == "preview", batch.report
    confirm(client_supervisor, batch)
    event = LargeEvent.objects.get()
    assert (event.station, event.security_plan_issued_on) == (station_b, datetime.date(2024, 2, 1))
