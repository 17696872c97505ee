import pytest

from services.models import ServiceTally
from xihu.tests.importing import confirm, preview

pytestmark = pytest.mark.django_db
URL = "services:servicetally_import"


def test_tally_import(client_supervisor, station_a):
    batch = preview(
        client_supervisor,
        URL,
        "station,date,department,handled,vehicle_driving,on_time,praised\n"
        "beishan,2024-02-10,traffic,40,39,40,40\n",
    )
    assert batch.state == "preview", batch.report
    confirm(client_supervisor, batch)
    assert ServiceTally.objects.get().vehicle_driving == 39


@pytest.mark.parametrize("row", ["10,11,10,10", "10,1,11,10", "10,1,10,11", "-1,0,0,0"])
def test_tally_import_refuses_counts_above_handled(client_a, row):
    text = f"date,department,handled,vehicle_driving,on_time,praised\n2024-02-10,traffic,{row}\n"
    assert preview(client_a, URL, text).state == "refused"
    assert not ServiceTally.objects.exists()
