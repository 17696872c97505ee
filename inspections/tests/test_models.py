"""Rules, the rectification workflow, the overdue dates and the summary's querysets."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reports.summary import SECTIONS
from xihu.models import VersionConflict

from ..models import Hazard, Inspection
from ..rules import clean_hazards
from ..workflows import record_reinspection, settle_on_spot
from .factories import HazardFactory, InspectionFactory, NoticeInspectionFactory, VenueFactory

DAY = datetime.date(2024, 2, 10)


class TestHazardRules:
    def test_on_spot_is_rectified_on_the_inspection_day(self):
        rows = [{"disposition": "on_spot", "rectified_on": None}]
        assert clean_hazards(inspected_on=DAY, notice_number="", rows=rows) == [{}]
        assert rows[0]["rectified_on"] == DAY

    def test_time_limited_needs_a_notice(self):
        rows = [{"disposition": "time_limited"}, {"disposition": "suspension"}]
        errors = clean_hazards(inspected_on=DAY, notice_number="", rows=rows)
        assert list(errors[0]) == ["disposition"] and errors[1] == {}
        assert clean_hazards(inspected_on=DAY, notice_number="N1", rows=rows) == [{}, {}]

    def test_never_rectified_before_the_inspection(self):
        rows = [{"disposition": "suspension", "rectified_on": DAY - datetime.timedelta(days=1)}]
        errors = clean_hazards(inspected_on=DAY, notice_number="", rows=rows)
        assert list(errors[0]) == ["rectified_on"]


@pytest.mark.django_db
class TestInspectionRules:
    def test_deadline_on_inspection_day_is_refused(self, station_a):
        inspection = InspectionFactory.build(
            venue=VenueFactory(station=station_a),
            station=station_a,
            inspected_on=DAY,
            notice_number="N1",
            notice_deadline=DAY,
        )
        with pytest.raises(ValidationError) as error:
            inspection.full_clean()
        assert "notice_deadline" in str(error.value)

    def test_notice_and_deadline_go_together(self, station_a):
        venue = VenueFactory(station=station_a)
        for number, deadline, field in (
            ("N1", None, "notice_deadline"),
            ("", DAY, "notice_number"),
        ):
            inspection = Inspection(
                venue=venue,
                station=station_a,
                inspected_on=DAY - datetime.timedelta(days=3),
                notice_number=number,
                notice_deadline=deadline,
            )
            with pytest.raises(ValidationError) as error:
                inspection.full_clean()
            assert field in error.value.message_dict

    def test_venue_of_another_station_is_refused(self, station_a, station_b):
        inspection = Inspection(
            venue=VenueFactory(station=station_b), station=station_a, inspected_on=DAY
        )
        with pytest.raises(ValidationError) as error:
            inspection.full_clean()
        assert "venue" in error.value.message_dict


@pytest.mark.django_db
class TestReinspection:
    def test_marks_hazards_rectified_and_keeps_history(self, staff_a, station_a):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        late = HazardFactory(inspection=inspection, disposition="time_limited")
        other = HazardFactory(inspection=inspection, disposition="suspension")
        day = inspection.inspected_on + datetime.timedelta(days=3)
        record_reinspection(
            inspection=inspection, reinspected_on=day, hazards=[late], by=staff_a, version=1
        )
        late.refresh_from_db()
        other.refresh_from_db()
        inspection.refresh_from_db()
        assert late.rectified_on == day and other.rectified_on is None
        assert inspection.reinspected_on == day and inspection.version == 2
        assert late.history.first().history_user == staff_a

    def test_refuses_a_date_before_the_inspection_or_in_the_future(self, staff_a, station_a):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        hazard = HazardFactory(inspection=inspection, disposition="time_limited")
        for day in (
            inspection.inspected_on - datetime.timedelta(days=1),
            timezone.localdate() + datetime.timedelta(days=1),
        ):
            with pytest.raises(ValidationError) as error:
                record_reinspection(
                    inspection=inspection, reinspected_on=day, hazards=[hazard], by=staff_a
                )
            assert "reinspected_on" in error.value.message_dict
        hazard.refresh_from_db()
        assert hazard.rectified_on is None

    def test_refuses_foreign_or_rectified_hazards(self, staff_a, station_a):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        foreign = HazardFactory(disposition="suspension")
        done = HazardFactory(inspection=inspection)  # on the spot: already rectified
        for hazards in ([foreign], [done], []):
            with pytest.raises(ValidationError) as error:
                record_reinspection(
                    inspection=inspection,
                    reinspected_on=timezone.localdate(),
                    hazards=hazards,
                    by=staff_a,
                )
            assert "hazards" in error.value.message_dict

    def test_stale_version_changes_nothing(self, staff_a, station_a):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        hazard = HazardFactory(inspection=inspection, disposition="time_limited")
        inspection.save(by=staff_a)  # someone else edits: version 2
        stale = Inspection.objects.get(pk=inspection.pk)
        with pytest.raises(VersionConflict):
            record_reinspection(
                inspection=stale,
                reinspected_on=timezone.localdate(),
                hazards=[hazard],
                by=staff_a,
                version=1,
            )
        hazard.refresh_from_db()
        assert hazard.rectified_on is None

    def test_on_spot_follows_a_changed_inspection_day(self, staff_a, station_a):
        hazard = HazardFactory(inspection__venue__station=station_a)
        inspection = hazard.inspection
        inspection.inspected_on -= datetime.timedelta(days=2)
        inspection.save(by=staff_a)
        settle_on_spot(inspection, by=staff_a)
        hazard.refresh_from_db()
        assert hazard.rectified_on == inspection.inspected_on


@pytest.mark.django_db
class TestOverdue:
    def make(self, deadline_from_today, **hazard):
        today = timezone.localdate()
        inspection = NoticeInspectionFactory(
            inspected_on=today - datetime.timedelta(days=20),
            notice_deadline=today + datetime.timedelta(days=deadline_from_today),
        )
        return HazardFactory(inspection=inspection, **{"disposition": "time_limited", **hazard})

    def test_deadline_dates(self):
        yesterday = self.make(-1)
        self.make(0)  # deadline today: still in time
        self.make(1)
        self.make(-5, rectified_on=timezone.localdate() - datetime.timedelta(days=6))
        self.make(-5, disposition="suspension")
        assert list(Hazard.objects.overdue(timezone.localdate())) == [yesterday]

    def test_scoped_to_the_users_station(self, staff_a, staff_b, supervisor, station_a):
        hazard = self.make(-1)
        hazard.inspection.station = hazard.inspection.venue.station = station_a
        hazard.inspection.venue.save()
        hazard.inspection.save()
        today = timezone.localdate()
        assert Hazard.objects.for_user(staff_a).overdue(today).count() == 1
        assert Hazard.objects.for_user(staff_b).overdue(today).count() == 0
        assert Hazard.objects.for_user(supervisor).overdue(today).count() == 1


# The fire_safety figures read from inspections (the last two are publicity's).
FIRE_SAFETY_INSPECTED = SECTIONS["fire_safety"][:6]
EXPLOSIVES = ("explosives_units_inspected", "explosives_hazards_rectified")


@pytest.mark.django_db
class TestSummaryQuerysets:
    def test_fire_safety_and_explosives_figures(self, station_a, station_b):
        """The summary's figures over inspections (once the queryset's own copies)."""
        start, end = DAY, DAY + datetime.timedelta(days=7)
        shop = VenueFactory(station=station_a, kind="shop")
        hotel = VenueFactory(station=station_a, kind="hotel")
        blasting = VenueFactory(station=station_a, kind="explosives")
        first = NoticeInspectionFactory(venue=shop, inspected_on=DAY)
        InspectionFactory(venue=shop, inspected_on=DAY + datetime.timedelta(days=2))
        second = InspectionFactory(venue=hotel, inspected_on=DAY)
        InspectionFactory(venue=hotel, inspected_on=DAY - datetime.timedelta(days=1))  # outside
        HazardFactory(inspection=first)
        HazardFactory(inspection=first, disposition="time_limited")
        HazardFactory(inspection=second, disposition="suspension")
        HazardFactory(inspection=second, disposition="suspension")
        unit = InspectionFactory(venue=blasting, inspected_on=DAY)
        HazardFactory(inspection=unit)
        HazardFactory(
            inspection=unit, disposition="suspension", rectified_on=end + datetime.timedelta(1)
        )
        from reports.summary import Period, figures

        period = Inspection.objects.in_period(start, end)
        got = figures(Period(start, end))[None]
        assert {name: got["fire_safety"][name] for name in FIRE_SAFETY_INSPECTED} == {
            "places_inspected": 2,
            "hazards_found": 4,
            "rectified_on_spot": 1,
            "time_limited": 1,
            "suspended": 1,
            "notices_issued": 1,
        }
        assert {name: got["key_items"][name] for name in EXPLOSIVES} == {
            "explosives_units_inspected": 1,
            "explosives_hazards_rectified": 1,
        }
        assert figures(Period(start, end), station_b)[None]["fire_safety"]["hazards_found"] == 0
        # The names the summary module uses.
        assert period.nine_small_places().with_notice().count() == 1
        assert period.of_kind("explosives").count() == 1
        assert Hazard.objects.filter(inspection__in=period.nine_small_places()).count() == 4
