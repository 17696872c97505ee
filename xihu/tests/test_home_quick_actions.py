"""The home page's quick actions: the day's entries, per role, in Chinese, each opening its page."""

import re

import pytest

STAFF_ACTIONS = [
    ("新增警情", "/incidents/police-reports/add/"),
    ("录入当日巡逻", "/patrols/patrol-deployments/day/"),
    ("新增检查", "/inspections/inspections/add/"),
    ("新增纠纷", "/disputes/disputes/add/"),
    ("窗口服务台账", "/services/service-tallies/add/"),
    ("新增破案", "/incidents/cases/add/"),
]


def actions(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    nav = re.search(r'<nav [^>]*id="quick-actions"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return [(label, href) for href, label in re.findall(r'<a [^>]*href="([^"]+)">([^<]+)</a>', nav)]


@pytest.mark.django_db
def test_staff_get_the_days_entries(client_a):
    assert actions(client_a) == STAFF_ACTIONS
    for _label, url in STAFF_ACTIONS:
        assert client_a.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["client_supervisor", "client_admin"])
def test_supervisors_and_admins_also_add_festivals(who, request):
    client = request.getfixturevalue(who)
    found = actions(client)
    assert found == [*STAFF_ACTIONS, ("新增节日", "/reports/add/")]
    for _label, url in found:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_staff_are_not_offered_what_they_may_not_do(client_a):
    assert client_a.get("/reports/add/").status_code == 403
