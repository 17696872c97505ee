import io

import pytest
from django.urls import reverse

from services.models import ServiceTally

pytestmark = pytest.mark.django_db


def upload(client, text):
    file = io.BytesIO(text.encode())
    file.name = "tallies.csv"
    return client.post(reverse("services:servicetally_import"), {"file": file})


def test_tally_import(client_supervisor, station_a):
    preview = upload(
        client_supervisor,
        "station,date,department,handled,vehicle_driving,on_time,praised\n"
        "beishan,2024-02-10,traffic,40,39,40,40\n",
    )
    assert preview.status_code == 200, preview.content.decode()[:2000]
    token = preview.context["token"]
    client_supervisor.post(reverse("services:servicetally_import_confirm", args=[token]))
    assert ServiceTally.objects.get().vehicle_driving == 39


@pytest.mark.parametrize("row", ["10,11,10,10", "10,1,11,10", "10,1,10,11", "-1,0,0,0"])
def test_tally_import_refuses_counts_above_handled(client_a, row):
    text = f"date,department,handled,vehicle_driving,on_time,praised\n2024-02-10,traffic,{row}\n"
    assert upload(client_a, text).status_code == 400
    assert not ServiceTally.objects.exists()
