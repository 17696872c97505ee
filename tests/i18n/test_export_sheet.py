"""Issue 18: the XLSX sheet is named after the record type, not "Tablib Dataset"."""

import io

import openpyxl
import pytest
from django.urls import reverse

from services.tests.factories import ServiceTallyFactory

pytestmark = pytest.mark.django_db


def test_xlsx_sheet_is_named_after_the_record_type(client_a, station_a):
    ServiceTallyFactory(station=station_a)
    response = client_a.get(reverse("services:servicetally_export", kwargs={"fmt": "xlsx"}))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["窗口服务台账"]
