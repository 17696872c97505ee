import datetime
from decimal import Decimal

import factory
import pytest
from django.urls import reverse

from services.models import ServiceTally

from .factories import ServiceTallyFactory

D = datetime.date
pytestmark = pytest.mark.django_db
API = "/api/v1/service-tallies/"


def tally(**changes):
    return {
        "date": "2024-02-10",
        "department": "traffic",
        "handled": 40,
        "vehicle_driving": 39,
        "on_time": 40,
        "praised": 40,
        **changes,
    }


class TestRules:
    @pytest.mark.parametrize(
        "changes, field",
        [
            ({"on_time": 41}, "on_time"),
            ({"praised": 41}, "praised"),
            ({"vehicle_driving": 41}, "vehicle_driving"),
            ({"handled": -1}, "handled"),
            ({"date": "2024-02-30"}, "date"),
            ({"department": "tax"}, "department"),
        ],
    )
    def test_api_answers_400_per_field(self, api_a, changes, field):
        response = api_a.post(API, tally(**changes), format="json")
        assert response.status_code == 400
        assert field in response.json(), response.json()
        assert not ServiceTally.objects.exists()

    @pytest.mark.parametrize(
        "changes, field",
        [
            ({"on_time": "41"}, "on_time"),
            ({"handled": "x"}, "handled"),
            ({"date": "2024-2-31"}, "date"),
        ],
    )
    def test_form_shows_field_errors(self, client_a, changes, field):
        response = client_a.post(reverse("services:servicetally_add"), tally(**changes))
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert not ServiceTally.objects.exists()

    def test_patch_cannot_lower_handled_below_on_time(self, api_a, station_a):
        record = ServiceTallyFactory(station=station_a, handled=100, on_time=100)
        response = api_a.patch(f"{API}{record.pk}/", {"handled": 50, "version": 1}, format="json")
        assert response.status_code == 400
        assert "on_time" in response.json()

    def test_staff_create_for_own_station(self, api_a, staff_a):
        response = api_a.post(API, tally(station="beishan"), format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["created_by"] == "staff_a"


class TestScope:
    def test_other_station_is_404(self, client_a, api_a, station_b):
        record = ServiceTallyFactory(station=station_b)
        for action in ("detail", "edit", "delete"):
            url = reverse(f"services:servicetally_{action}", args=[record.pk])
            assert client_a.get(url).status_code == 404
        assert api_a.get(f"{API}{record.pk}/").status_code == 404
        response = api_a.put(f"{API}{record.pk}/", {**tally(), "version": 1}, format="json")
        assert response.status_code == 404

    @pytest.mark.parametrize("count", [1, 20])
    def test_query_counts(
        self,
        client_supervisor,
        api_supervisor,
        station_a,
        staff_a,
        count,
        django_assert_num_queries,
    ):
        ServiceTallyFactory.create_batch(
            count,
            station=station_a,
            date=factory.Iterator(D(2024, 2, 1) + datetime.timedelta(days=n) for n in range(count)),
            created_by=staff_a,
            updated_by=staff_a,
        )
        # session, user, count, station choices, page rows
        with django_assert_num_queries(5):
            client_supervisor.get(reverse("services:servicetally_list"))
        # session, user, station choices, per department, total
        with django_assert_num_queries(5):
            client_supervisor.get(reverse("services:rates") + "?start=2024-02-01&end=2024-02-29")
        with django_assert_num_queries(2):
            api_supervisor.get(API)


class TestRatesPage:
    def url(self, **query):
        from django.utils.http import urlencode

        return reverse("services:rates") + "?" + urlencode(query)

    def test_rates_per_department_and_in_all(self, client_supervisor, station_a, station_b):
        ServiceTallyFactory(
            station=station_a,
            department="household",
            handled=8,
            on_time=7,
            praised=1,
            vehicle_driving=0,
        )
        ServiceTallyFactory(
            station=station_b,
            department="traffic",
            handled=2,
            on_time=2,
            praised=2,
            vehicle_driving=2,
        )
        ServiceTallyFactory(
            station=station_b,
            department="other",
            handled=0,
            on_time=0,
            praised=0,
            vehicle_driving=0,
        )
        ServiceTallyFactory(station=station_a, date=D(2024, 3, 1), handled=50, on_time=0, praised=0)
        response = client_supervisor.get(self.url(start="2024-02-10", end="2024-02-17"))
        rows = {row["department"]: row for row in response.context["departments"]}
        assert rows["household"]["on_time_rate"] == Decimal("87.5")
        assert rows["household"]["praise_rate"] == Decimal("12.5")
        assert rows["other"]["on_time_rate"] is None
        total = response.context["total"]
        assert (total["handled"], total["vehicle_driving"]) == (10, 2)
        assert total["on_time_rate"] == Decimal("90.0")
        assert total["praise_rate"] == Decimal("30.0")
        assert "87.5" in response.content.decode()

        by_station = client_supervisor.get(
            self.url(start="2024-02-10", end="2024-02-17", station="xixi")
        )
        assert by_station.context["total"]["handled"] == 2

    def test_staff_see_their_station_only(self, client_a, station_a, station_b):
        ServiceTallyFactory(station=station_a, handled=8, on_time=8, praised=8, vehicle_driving=0)
        ServiceTallyFactory(station=station_b, handled=100, on_time=0, praised=0, vehicle_driving=0)
        response = client_a.get(self.url(start="2024-02-10", end="2024-02-10", station="xixi"))
        assert response.context["total"]["handled"] == 8

    @pytest.mark.parametrize(
        "query", [{"start": "2024-02-31"}, {"start": "2024-03-01", "end": "2024-02-01"}]
    )
    def test_bad_period(self, client_supervisor, query):
        response = client_supervisor.get(self.url(**query))
        assert response.status_code == 400  # the errors on the page, as the lists answer
        assert response.context["form"].errors


def test_admin_pages(client_admin, station_a):
    record = ServiceTallyFactory(station=station_a)
    for url in (
        reverse("admin:services_servicetally_changelist"),
        reverse("admin:services_servicetally_add"),
        reverse("admin:services_servicetally_change", args=[record.pk]),
    ):
        assert client_admin.get(url).status_code == 200
