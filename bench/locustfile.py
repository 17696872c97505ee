"""Load test: station staff (70% of the users) list, record through the form and create
through the API, while supervisors (30%) open the festival summary. Run by `make loadtest`
and `make bench` (bench/loadtest.py), which start gunicorn on 127.0.0.1 and this file
headless for a bounded time.
"""

import os
import random
import re
from datetime import datetime, timedelta

from locust import HttpUser, between, task

PASSWORD = "bench-password-2024"  # bench.generate.BENCH_PASSWORD
STATIONS = ["beishan", "lingyin", "xixi", "wenxin", "gudang", "cuiyuan", "xihu-scenic"]
FESTIVAL = os.environ.get("BENCH_FESTIVAL", "spring-festival-2025")
# Think time between a user's requests. None by default: each user sends its next request
# when the last one answers, so requests/s measures what the server sustains at that many
# concurrent users (issue 20: 10 users, ≥ 40 req/s). BENCH_THINK="1,3" for paced users.
THINK = [float(x) for x in os.environ.get("BENCH_THINK", "0,0").split(",")]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]*)"')


def form_login(client, username):
    page = client.get("/accounts/login/", name="login page")
    token = CSRF.search(page.text).group(1)
    client.post(
        "/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{client.base_url}/accounts/login/"},
        name="login",
    )


def report(station=None):
    when = datetime.now() - timedelta(minutes=random.randrange(0, 600))
    data = {
        "received_at": when.strftime("%Y-%m-%dT%H:%M"),
        "category": random.choice(["traffic", "assistance", "dispute", "public_security"]),
        "effective": "true",
        "source": "call_110",
        "location": f"文三路{random.randrange(1, 400)}号",
        "summary": "负载测试录入的警情",
    }
    if station:
        data["station"] = station
    return data


class StationStaff(HttpUser):
    """Enters police reports as they come in: mostly through the API, some through the form."""

    weight = 7
    wait_time = between(*THINK)

    def on_start(self):
        self.station = random.choice(STATIONS)
        username = f"bench-{self.station}"
        answer = self.client.post(
            "/api/v1/token/", json={"username": username, "password": PASSWORD}, name="token"
        )
        self.token = answer.json()["token"]
        form_login(self.client, username)

    @task(4)
    def create_through_api(self):
        self.client.post(
            "/api/v1/police-reports/",
            json=report(),
            headers={"Authorization": f"Token {self.token}"},
            name="API create police report",
        )

    @task(2)
    def create_through_form(self):
        page = self.client.get("/incidents/police-reports/add/", name="form page")
        data = report()
        data["csrfmiddlewaretoken"] = CSRF.search(page.text).group(1)
        token = FORM_TOKEN.search(page.text)
        if token:
            data["form_token"] = token.group(1)
        self.client.post(
            "/incidents/police-reports/add/",
            data,
            headers={"Referer": f"{self.client.base_url}/incidents/police-reports/add/"},
            name="form create police report",
        )

    @task(3)
    def list_own_station(self):
        self.client.get("/incidents/police-reports/", name="list police reports")

    @task(1)
    def api_list(self):
        self.client.get(
            "/api/v1/police-reports/",
            headers={"Authorization": f"Token {self.token}"},
            name="API list police reports",
        )


class Supervisor(HttpUser):
    """Watches the festival: the summary page and the summary API, district and one station."""

    weight = 3
    wait_time = between(*THINK)

    def on_start(self):
        form_login(self.client, "bench-supervisor")

    @task(3)
    def summary_page(self):
        self.client.get(f"/reports/{FESTIVAL}/", name="summary page")

    @task(1)
    def summary_page_station(self):
        station = random.choice(STATIONS)
        self.client.get(f"/reports/{FESTIVAL}/?station={station}", name="summary page, station")

    @task(2)
    def summary_api(self):
        self.client.get(f"/api/v1/festivals/{FESTIVAL}/summary/", name="summary API")
