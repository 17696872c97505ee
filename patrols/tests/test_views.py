import datetime

import pytest
from django.urls import reverse

from patrols.models import LargeEvent, PatrolDeployment

from .factories import LargeEventFactory, PatrolDeploymentFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def day_entry_data(date="2024-02-10", rows=(), station=None, token="t1"):
    data = {
        "date": date,
        "form_token": token,
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "1",
        "rows-MAX_NUM_FORMS": "50",
    }
    if station:
        data["station"] = station
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"rows-{index}-{name}"] = value
    return data


def row(**kwargs):
    return {
        "shift": "day",
        "mode": "car",
        "personnel": "10",
        "vehicles": "2",
        "area_kind": "scenic_spot",
        "area": "断桥",
        **kwargs,
    }


class TestPages:
    @pytest.mark.parametrize(
        "name", ["patroldeployment_list", "largeevent_list", "board", "day_entry", "plan_warnings"]
    )
    def test_pages_open(self, client_a, client_supervisor, name):
        for client in (client_a, client_supervisor):
            assert client.get(reverse(f"patrols:{name}")).status_code == 200

    def test_anonymous_is_sent_to_login(self, client, station_a):
        deployment = PatrolDeploymentFactory(station=station_a)
        for url in (
            reverse("patrols:board"),
            reverse("patrols:day_entry"),
            reverse("patrols:plan_warnings"),
            deployment.get_absolute_url(),
        ):
            response = client.get(url)
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]

    def test_other_station_records_are_404(self, client_a, station_b):
        deployment = PatrolDeploymentFactory(station=station_b)
        event = LargeEventFactory(station=station_b)
        for record in (deployment, event):
            for action in ("detail", "edit", "delete"):
                url = reverse(f"patrols:{record._meta.model_name}_{action}", args=[record.pk])
                assert client_a.get(url).status_code == 404

    def test_staff_list_shows_own_station_only(self, client_a, station_a, station_b):
        PatrolDeploymentFactory(station=station_a, area="北山街")
        PatrolDeploymentFactory(station=station_b, area="西溪湿地")
        content = client_a.get(reverse("patrols:patroldeployment_list")).content.decode()
        assert "北山街" in content and "西溪湿地" not in content

    @pytest.mark.parametrize("count", [1, 20])
    def test_list_and_detail_query_counts(
        self, client_supervisor, station_a, count, django_assert_num_queries
    ):
        PatrolDeploymentFactory.create_batch(count, station=station_a)
        LargeEventFactory.create_batch(count, station=station_a)
        # Every page: session, user (no session write: renewed at most once a minute).
        # Lists: + count, station choices, page rows
        with django_assert_num_queries(5):
            client_supervisor.get(reverse("patrols:patroldeployment_list"))
        with django_assert_num_queries(5):
            client_supervisor.get(reverse("patrols:largeevent_list"))
        # + count, page rows
        with django_assert_num_queries(4):
            client_supervisor.get(reverse("patrols:plan_warnings"))
        record = PatrolDeployment.objects.first()
        # + record with station, history with users
        with django_assert_num_queries(4):
            client_supervisor.get(record.get_absolute_url())


class TestDayEntry:
    def test_staff_save_three_rows_for_own_station(self, client_a, staff_a, station_a, station_b):
        data = day_entry_data(
            rows=[row(), row(shift="night", personnel="7", vehicles="0"), row(mode="foot")],
            station="xixi",  # ignored: staff record for their own station
        )
        response = client_a.post(reverse("patrols:day_entry"), data)
        assert response.status_code == 302
        assert response["Location"] == reverse("patrols:board") + "?start=2024-02-10&end=2024-02-10"
        saved = PatrolDeployment.objects.all()
        assert saved.count() == 3
        assert {d.station for d in saved} == {station_a}
        assert {d.date for d in saved} == {D(2024, 2, 10)}
        assert {d.created_by for d in saved} == {staff_a}
        assert all(d.history.count() == 1 for d in saved)

    def test_untouched_extra_rows_are_skipped_and_resubmission_saves_once(self, client_a):
        data = day_entry_data(
            rows=[
                row(),
                {
                    "shift": "day",
                    "mode": "car",
                    "personnel": "1",
                    "vehicles": "0",
                    "area_kind": "scenic_spot",
                },
            ]
        )
        client_a.post(reverse("patrols:day_entry"), data)
        client_a.post(reverse("patrols:day_entry"), data)
        assert PatrolDeployment.objects.count() == 1

    def test_supervisor_chooses_the_station(self, client_supervisor, station_b):
        response = client_supervisor.post(
            reverse("patrols:day_entry"), day_entry_data(rows=[row()], station=station_b.pk)
        )
        assert response.status_code == 302
        assert "station=xixi" in response["Location"]
        assert PatrolDeployment.objects.get().station == station_b

    def test_supervisor_must_choose_a_station(self, client_supervisor):
        response = client_supervisor.post(
            reverse("patrols:day_entry"), day_entry_data(rows=[row()])
        )
        assert response.status_code == 200
        assert response.context["form"].errors["station"]

    @pytest.mark.parametrize(
        "bad, field",
        [
            ({"personnel": "0"}, "personnel"),
            ({"vehicles": "-1"}, "vehicles"),
            ({"shift": "evening"}, "shift"),
            ({"personnel": "abc"}, "personnel"),
        ],
    )
    def test_bad_rows_show_field_errors_and_save_nothing(self, client_a, bad, field):
        data = day_entry_data(rows=[row(), row(**bad)])
        response = client_a.post(reverse("patrols:day_entry"), data)
        assert response.status_code == 200
        assert field in response.context["formset"].forms[1].errors
        assert PatrolDeployment.objects.count() == 0

    @pytest.mark.parametrize("date", ["2024-02-30", "", "yesterday"])
    def test_impossible_date(self, client_a, date):
        response = client_a.post(
            reverse("patrols:day_entry"), day_entry_data(date=date, rows=[row()])
        )
        assert response.status_code == 200
        assert response.context["form"].errors["date"]

    def test_no_row_at_all(self, client_a):
        response = client_a.post(reverse("patrols:day_entry"), day_entry_data(rows=[]))
        assert response.status_code == 200
        assert response.context["formset"].non_form_errors()


class TestBoard:
    def url(self, **query):
        from django.utils.http import urlencode

        return reverse("patrols:board") + "?" + urlencode(query)

    def test_day_totals_by_station_and_shift_with_an_empty_day(
        self, client_supervisor, station_a, station_b
    ):
        PatrolDeploymentFactory(
            station=station_a, date=D(2024, 2, 10), shift="day", personnel=120, vehicles=20
        )
        PatrolDeploymentFactory(
            station=station_a, date=D(2024, 2, 10), shift="night", personnel=30, vehicles=5
        )
        PatrolDeploymentFactory(
            station=station_a, date=D(2024, 2, 10), shift="night", personnel=5, vehicles=1
        )
        PatrolDeploymentFactory(
            station=station_b, date=D(2024, 2, 10), shift="day", personnel=60, vehicles=6
        )
        PatrolDeploymentFactory(
            station=station_b, date=D(2024, 2, 12), shift="day", personnel=9, vehicles=1
        )

        response = client_supervisor.get(self.url(start="2024-02-10", end="2024-02-12"))
        days = response.context["days"]

        assert [(d.total.date.day, d.total.personnel, d.total.vehicles) for d in days] == [
            (10, 215, 32),
            (11, 0, 0),
            (12, 9, 1),
        ]
        beishan, xixi = days[0].stations
        assert beishan.station == station_a
        assert beishan.shifts == {
            "day": {"personnel": 120, "vehicles": 20},
            "night": {"personnel": 35, "vehicles": 6},
        }
        assert (beishan.personnel, beishan.vehicles) == (155, 26)
        assert xixi.shifts["night"] == {"personnel": 0, "vehicles": 0}
        assert days[1].stations == []
        assert [d.meets_target for d in days] == [True, False, False]
        assert response.context["figures"]["personnel_daily_min"] == 0
        assert response.context["days_short"] == 2
        content = response.content.decode()
        assert 'data-date="2024-02-11"' in content

    def test_station_filter_and_staff_scope(
        self, client_a, client_supervisor, station_a, station_b
    ):
        PatrolDeploymentFactory(station=station_a, personnel=10)
        PatrolDeploymentFactory(station=station_b, personnel=100)
        period = {"start": "2024-02-10", "end": "2024-02-10"}
        totals = lambda client, **q: [  # noqa: E731
            d.total.personnel for d in client.get(self.url(**period, **q)).context["days"]
        ]
        assert totals(client_supervisor) == [110]
        assert totals(client_supervisor, station="xixi") == [100]
        assert totals(client_a) == [10]
        assert totals(client_a, station="xixi") == [10]  # staff cannot look elsewhere

    @pytest.mark.parametrize(
        "query",
        [
            {"start": "2024-02-30"},
            {"start": "2024-02-12", "end": "2024-02-10"},
            {"start": "2020-01-01", "end": "2024-01-01"},
            {"min_personnel": "-5"},
            {"station": "nowhere"},
        ],
    )
    def test_bad_period_shows_errors(self, client_supervisor, query):
        response = client_supervisor.get(self.url(**query))
        assert response.status_code == 400  # the errors on the page, as the lists answer
        assert response.context["form"].errors
        assert "days" not in response.context

    @pytest.mark.parametrize("per_day", [1, 5])
    def test_query_count_is_fixed(
        self, client_supervisor, station_a, station_b, per_day, django_assert_num_queries
    ):
        for n in range(7):
            for station in (station_a, station_b):
                PatrolDeploymentFactory.create_batch(
                    per_day, station=station, date=D(2024, 2, 10) + datetime.timedelta(days=n)
                )
        # session, user, day totals, station-shift sums, stations named, station choices
        with django_assert_num_queries(6):
            client_supervisor.get(self.url(start="2024-02-10", end="2024-02-20"))


class TestPlanWarnings:
    def test_large_event_without_plan_warns_until_a_timely_plan(self, station_a):
        today = D(2024, 2, 1)
        event = LargeEventFactory(
            station=station_a, expected_attendance=5000, starts_on=D(2024, 2, 12)
        )
        warned = lambda: list(LargeEvent.objects.needing_plan_warning(today))  # noqa: E731
        assert warned() == [event]
        event.security_plan_issued_on = D(2024, 2, 10)  # only 2 days before: late
        event.save()
        assert warned() == [event]
        assert event.plan_overdue
        event.security_plan_issued_on = D(2024, 2, 9)  # exactly 3 days before
        event.save()
        assert warned() == []
        assert not event.plan_overdue

    def test_small_and_finished_events_do_not_warn(self, station_a):
        LargeEventFactory(station=station_a, expected_attendance=999, starts_on=D(2024, 2, 12))
        LargeEventFactory(
            station=station_a,
            expected_attendance=1000,
            starts_on=D(2024, 1, 2),
            ends_on=D(2024, 1, 3),
        )
        big = LargeEventFactory(
            station=station_a, expected_attendance=1000, starts_on=D(2024, 2, 12)
        )
        assert list(LargeEvent.objects.needing_plan_warning(D(2024, 2, 1))) == [big]

    def test_warning_page_and_home_panel_are_scoped(
        self, client_a, client_supervisor, station_a, station_b
    ):
        soon = datetime.date.today() + datetime.timedelta(days=10)
        LargeEventFactory(
            station=station_a, name="北山庙会", expected_attendance=5000, starts_on=soon
        )
        LargeEventFactory(
            station=station_b, name="西溪灯会", expected_attendance=5000, starts_on=soon
        )
        mine = client_a.get(reverse("patrols:plan_warnings")).content.decode()
        assert "北山庙会" in mine and "西溪灯会" not in mine
        everyone = client_supervisor.get(reverse("patrols:plan_warnings")).content.decode()
        assert "北山庙会" in everyone and "西溪灯会" in everyone
        panels = client_a.get(reverse("home")).context["panels"]
        panel = next(p for p in panels if p["url"] == reverse("patrols:plan_warnings"))
        assert panel["value"] == 1 and panel["level"] == "danger"

    @pytest.mark.parametrize(
        "changes, field",
        [
            ({"ends_on": "2024-02-11"}, "ends_on"),
            ({"security_plan_issued_on": "2024-02-14"}, "security_plan_issued_on"),
            ({"starts_on": "2024-02-31"}, "starts_on"),
            ({"expected_attendance": "-1"}, "expected_attendance"),
        ],
    )
    def test_event_form_rules(self, client_a, changes, field):
        data = {
            "name": "灯会",
            "starts_on": "2024-02-12",
            "ends_on": "2024-02-13",
            "location": "湖滨",
            "organiser": "folk",
            "expected_attendance": "5000",
            "police_deployed": "30",
            **changes,
        }
        response = client_a.post(reverse("patrols:largeevent_add"), data)
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert not LargeEvent.objects.exists()


def test_event_detail_explains_the_plan_deadline(client_a, station_a):
    event = LargeEventFactory(station=station_a, expected_attendance=5000, starts_on=D(2024, 2, 12))
    fields = {
        str(label): value
        for label, value in client_a.get(event.get_absolute_url()).context["fields"]
    }
    assert fields["方案应制定日期"] == "2024年2月9日"
    assert fields["方案逾期"] == "是"


def test_day_entry_without_management_form_is_not_a_500(client_a):
    response = client_a.post(reverse("patrols:day_entry"), {"date": "2024-02-10"})
    assert response.status_code == 200
    assert not PatrolDeployment.objects.exists()


@pytest.mark.parametrize("model", ["patroldeployment", "largeevent"])
def test_admin_pages(client_admin, station_a, model):
    PatrolDeploymentFactory(station=station_a)
    LargeEventFactory(station=station_a)
    for url in (
        reverse(f"admin:patrols_{model}_changelist"),
        reverse(f"admin:patrols_{model}_add"),
    ):
        assert client_admin.get(url).status_code == 200


def test_supervisor_home_shows_todays_patrol_strength(client_supervisor, client_a, station_a):
    from django.utils import timezone

    PatrolDeploymentFactory(
        station=station_a, date=timezone.localdate(), personnel=201, vehicles=31
    )
    panels = client_supervisor.get(reverse("home")).context["panels"]
    panel = next(p for p in panels if p["url"] == reverse("patrols:board"))
    assert "201" in str(panel["value"]) and "31" in str(panel["value"])
    assert panel["level"] == "success"
    staff_panels = client_a.get(reverse("home")).context["panels"]
    assert not any(p["url"] == reverse("patrols:board") for p in staff_panels)
