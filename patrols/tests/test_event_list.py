"""Issue 18: the large-event list says the plan's state in words (no ✔ meaning "overdue")."""

import datetime

import pytest
from django.urls import reverse

from .factories import LargeEventFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_plan_state_in_words(client_a, station_a):
    start = D(2024, 2, 12)
    LargeEventFactory(station=station_a, name="小", expected_attendance=50, starts_on=start)
    LargeEventFactory(
        station=station_a,
        name="无方案",
        expected_attendance=5000,
        starts_on=start,
        security_plan_issued_on=None,
    )
    LargeEventFactory(
        station=station_a,
        name="晚",
        expected_attendance=5000,
        starts_on=start,
        security_plan_issued_on=D(2024, 2, 11),
    )
    LargeEventFactory(
        station=station_a,
        name="按时",
        expected_attendance=5000,
        starts_on=start,
        security_plan_issued_on=D(2024, 2, 1),
    )
    content = client_a.get(reverse("patrols:largeevent_list")).content.decode()
    assert "✔" not in content and "✘" not in content
    for name, state in [
        ("小", "无需方案"),
        ("无方案", "逾期未发布"),
        ("晚", "发布逾期"),
        ("按时", "按时发布"),
    ]:
        row = content[content.index(f">{name}<") :].split("</tr>")[0]
        assert state in row, (name, row)
