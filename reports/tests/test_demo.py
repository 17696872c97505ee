"""load_demo builds records from which the 2024 summary reproduces SPEC §5."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from incidents.models import PoliceReport

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# SPEC §5: exact values, and (figure, lower bound) where the bulletin says "more than".
EXACT = {
    ("police_reports", "effective"): (767, 1130, -32.1),
    ("police_reports", "criminal"): (5, 17, -70.6),
    ("police_reports", "public_security"): (35, 70, -50.0),
    ("cases", "cracked"): 118,
    ("cases", "suspects_arrested"): 56,
    ("cases", "telecom_fraud"): 12,
    ("cases", "gangs_smashed"): 10,
    ("cases", "theft_robbery_fraud"): 86,
    ("cases", "theft_robbery_fraud_suspects"): 25,
    ("fire_safety", "places_inspected"): 367,
    ("fire_safety", "hazards_found"): 231,
    ("fire_safety", "rectified_on_spot"): 225,
    ("fire_safety", "time_limited"): 5,
    ("fire_safety", "suspended"): 1,
    ("fire_safety", "notices_issued"): 3,
    ("fire_safety", "publicity_activities"): 2,
    ("key_items", "explosives_units_inspected"): 9,
    ("key_items", "explosives_hazards_rectified"): 3,
    ("key_items", "fireworks_cases"): 2,
    ("key_items", "fireworks_persuasions"): 86,
    ("disputes", "registered"): 125,
    ("disputes", "resolved"): 120,
    ("disputes", "resolution_rate"): 96.0,
    ("public_services", "vehicle_driving"): 39,
    ("public_services", "on_time_rate"): 100.0,
    ("public_services", "praise_rate"): 100.0,
}
MORE_THAN = {
    ("cases", "recovered_value"): 110_000,
    ("fire_safety", "materials_distributed"): 400,
    ("patrols", "personnel_daily_min"): 200,
    ("patrols", "vehicles_daily_min"): 30,
    ("public_services", "handled"): 910,
}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def check_spec_5(sections):
    for (section, name), expected in EXACT.items():
        figure = sections[section][name]
        if isinstance(expected, tuple):
            value, previous, change = expected
            assert (figure["value"], figure["previous"], figure["change_pct"]) == (
                value,
                previous,
                change,
            ), (section, name)
        else:
            assert figure["value"] == expected, (section, name, figure)
    for (section, name), bound in MORE_THAN.items():
        assert Decimal(str(sections[section][name]["value"])) > bound, (section, name)


def test_the_api_reproduces_the_bulletin(demo, api_supervisor):
    response = api_supervisor.get("/api/v1/festivals/spring-festival-2024/summary/")
    assert response.status_code == 200
    data = response.json()
    assert data["comparison"]["slug"] == "spring-festival-2023"
    assert data["festival"]["starts_on"] == "2024-02-10"
    assert data["festival"]["ends_on"] == "2024-02-17"
    check_spec_5(data["sections"])
    assert isinstance(data["sections"]["cases"]["recovered_value"]["value"], str)


def test_load_demo_is_idempotent(demo):
    before = PoliceReport.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PoliceReport.objects.count() == before


def page_figures(html):
    """{(section, figure): (value, previous, change)} as the page prints them."""
    import re

    pattern = re.compile(
        r'<tr id="figure-(\w+?)-(\w+)"[^>]*>.*?<td class="text-end value">(.*?)</td>\s*'
        r'<td class="text-end previous">(.*?)</td>\s*<td class="text-end change[^"]*">(.*?)</td>',
        re.S,
    )
    return {
        (section, name): (value.strip(), previous.strip(), re.sub(r"<[^>]+>", "", change).strip())
        for section, name, value, previous, change in pattern.findall(html)
    }


def test_the_page_reproduces_the_bulletin(demo, client_supervisor):
    html = client_supervisor.get("/reports/spring-festival-2024/").content.decode()
    shown = page_figures(html)
    assert shown[("police_reports", "effective")] == ("767", "1130", "▼ -32.1%")
    assert shown[("police_reports", "criminal")] == ("5", "17", "▼ -70.6%")
    assert shown[("police_reports", "public_security")] == ("35", "70", "▼ -50.0%")
    for (section, name), expected in EXACT.items():
        if not isinstance(expected, tuple):
            assert shown[(section, name)][0] == str(expected), (section, name)
    for (section, name), bound in MORE_THAN.items():
        assert Decimal(shown[(section, name)][0].replace(",", "")) > bound, (section, name)


# shared/samples/imports/README.md: each sample is imported by Beishan's staff *after*
# load_demo; the demo's own records must leave room for them (one tally per station, day
# and department).
DEMO_SAMPLES = [
    ("service_tally_excel_date_cell.xlsx", "services:servicetally_import", "ServiceTally", 1),
    ("case_excel_date_cell.xlsx", "incidents:case_import", "Case", 1),
    ("case_stale_dimension_3_rows.xlsx", "incidents:case_import", "Case", 3),
]


def test_the_samples_import_on_top_of_the_demo(demo):
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.test import Client

    from xihu.imports.models import ImportBatch
    from xihu.tests.importing import FIXTURES, confirm, upload

    client = Client()
    client.force_login(get_user_model().objects.get(username="beishan"))
    for sample, url_name, model_name, created in DEMO_SAMPLES:
        model = next(m for m in apps.get_models() if m.__name__ == model_name)
        before = model.objects.count()
        response = upload(client, url_name, (FIXTURES / sample).read_bytes(), name=sample)
        assert response.status_code == 302, (sample, response.status_code)
        batch = confirm(client, ImportBatch.objects.latest("pk"))
        assert batch.state == "done", (sample, batch.state, batch.report)
        assert model.objects.count() == before + created, sample
