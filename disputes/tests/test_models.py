"""Validators, masking, the workflow steps and the queryset methods of the summary and board."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from xihu.models import VersionConflict

from .. import workflows
from ..masking import mask_id_number, mask_name, mask_phone, masked_parties_text
from ..models import Dispute, FollowUp
from ..validators import validate_id_number, validate_phone
from .factories import (
    DisputeFactory,
    FollowUpFactory,
    PartyFactory,
    ResolvedDisputeFactory,
    id_number,
)

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


class TestValidators:
    @pytest.mark.parametrize("value", ["11010519491231002X", "11010519491231002x", id_number(7)])
    def test_valid_id_numbers(self, value):
        validate_id_number(value)

    @pytest.mark.parametrize(
        "value",
        [
            "110105194912310021",  # wrong check digit
            "11010519491231002",  # 17 characters
            "1101051949123100211",  # 19
            "11010519491331002X",  # month 13
            "1101051949123100AX",  # letters
            "330106********1234",  # copied from a masked list
        ],
    )
    def test_invalid_id_numbers(self, value):
        with pytest.raises(ValidationError):
            validate_id_number(value)

    @pytest.mark.parametrize("value", ["138****5678", "abc", "12"])
    def test_invalid_phones(self, value):
        with pytest.raises(ValidationError):
            validate_phone(value)


class TestMasking:
    def test_spec_examples(self):
        assert mask_name("张三") == "张*"
        assert mask_name("欧阳娜娜") == "欧***"
        assert mask_phone("13812345678") == "138****5678"
        # separators and +86 never shift the mask (found from outside: 138******5678)
        assert mask_phone("138-1234-5678") == mask_phone("+86 138 1234 5678") == "138****5678"
        assert mask_phone("0571-87654321") == "057*****4321"
        assert mask_id_number("330106199001011234") == "330106********1234"
        assert mask_name("") == mask_phone("") == mask_id_number("") == ""

    def test_short_values_are_hidden_entirely(self):
        assert mask_phone("110") == "***" and mask_id_number("12345") == "*****"

    @pytest.mark.django_db
    def test_export_cell(self, station_a):
        dispute = DisputeFactory(station=station_a)
        PartyFactory(dispute=dispute, name="张三", phone="13812345678", id_number=id_number(1))
        text = masked_parties_text(dispute.parties.all())
        assert text == f"张*/applicant/138****5678/330106********{id_number(1)[-4:]}"


@pytest.mark.django_db
class TestWorkflow:
    def test_mediate_resolve_follow_up(self, staff_a, station_a):
        dispute = DisputeFactory(station=station_a, registered_on=TODAY() - 5 * DAY)
        workflows.start_mediation(
            dispute=dispute, channel="people", mediator="王", mediated_on=TODAY() - DAY, by=staff_a
        )
        dispute.refresh_from_db()
        assert (dispute.status, dispute.channel, dispute.version) == ("mediating", "people", 2)
        workflows.resolve(dispute=dispute, resolved_on=TODAY() - DAY, resolution="和解", by=staff_a)
        dispute.refresh_from_db()
        assert dispute.status == "resolved" and dispute.resolved_on == TODAY() - DAY
        assert dispute.updated_by == staff_a
        visit = workflows.record_follow_up(dispute=dispute, visited_on=TODAY(), by=staff_a)
        assert visit.history.get().history_user == staff_a

    def test_resolve_rules(self, staff_a, station_a):
        dispute = DisputeFactory(station=station_a, registered_on=TODAY() - 5 * DAY)
        cases = [
            ({"resolved_on": None, "resolution": "和解"}, "resolved_on"),
            ({"resolved_on": TODAY() - 6 * DAY, "resolution": "和解"}, "resolved_on"),
            ({"resolved_on": TODAY() + DAY, "resolution": "和解"}, "resolved_on"),
            ({"resolved_on": TODAY(), "resolution": "  "}, "resolution"),
        ]
        for kwargs, field in cases:
            with pytest.raises(ValidationError) as error:
                workflows.resolve(dispute=dispute, by=staff_a, **kwargs)
            assert field in error.value.message_dict
        dispute.refresh_from_db()
        assert dispute.status == "open" and dispute.version == 1

    def test_mediation_needs_a_channel_and_an_unresolved_dispute(self, staff_a, station_a):
        dispute = DisputeFactory(station=station_a)
        with pytest.raises(ValidationError) as error:
            workflows.start_mediation(dispute=dispute, channel="", by=staff_a)
        assert "channel" in error.value.message_dict
        resolved = ResolvedDisputeFactory(station=station_a)
        with pytest.raises(ValidationError):
            workflows.start_mediation(dispute=resolved, channel="judicial", by=staff_a)
        with pytest.raises(ValidationError):
            workflows.escalate(dispute=resolved, escalated_to="分局", by=staff_a)

    def test_escalate(self, staff_a, station_a):
        dispute = DisputeFactory(station=station_a)
        with pytest.raises(ValidationError):
            workflows.escalate(dispute=dispute, escalated_to="", by=staff_a)
        workflows.escalate(dispute=dispute, escalated_to="西湖区综治中心", by=staff_a)
        dispute.refresh_from_db()
        assert (dispute.status, dispute.escalated_to) == ("escalated", "西湖区综治中心")

    def test_stale_version_is_refused(self, staff_a, station_a):
        dispute = DisputeFactory(station=station_a)
        Dispute.objects.get(pk=dispute.pk).save(by=staff_a)  # someone else saved
        with pytest.raises(VersionConflict):
            workflows.escalate(dispute=dispute, escalated_to="分局", by=staff_a, version=1)

    def test_follow_up_dates(self, staff_a, station_a):
        dispute = DisputeFactory(station=station_a, registered_on=TODAY() - 5 * DAY)
        for day in (TODAY() - 6 * DAY, TODAY() + DAY):
            with pytest.raises(ValidationError):
                workflows.record_follow_up(dispute=dispute, visited_on=day, by=staff_a)
        assert not FollowUp.objects.exists()

    def test_database_holds_the_resolution_rules(self, station_a):
        dispute = DisputeFactory(station=station_a)
        for status, resolved_on in (("resolved", None), ("resolved", dispute.registered_on - DAY)):
            with pytest.raises(IntegrityError), transaction.atomic():
                Dispute.objects.filter(pk=dispute.pk).update(status=status, resolved_on=resolved_on)

    def test_resolution_date_only_when_resolved(self, station_a):
        dispute = DisputeFactory.build(station=station_a, resolved_on=TODAY())
        with pytest.raises(ValidationError) as error:
            dispute.full_clean()
        assert "resolved_on" in error.value.message_dict


@pytest.mark.django_db
class TestQuerySets:
    def test_resolved_by(self, station_a):
        day = datetime.date(2024, 2, 17)
        ResolvedDisputeFactory(station=station_a, registered_on=day, resolved_on=day)
        ResolvedDisputeFactory(station=station_a, registered_on=day, resolved_on=day + DAY)
        DisputeFactory(station=station_a, registered_on=day)
        assert Dispute.objects.resolved_by(day).count() == 1

    def test_attention_board(self, station_a):
        long_ago = TODAY() - 30 * DAY
        overdue = ResolvedDisputeFactory(
            station=station_a, registered_on=long_ago, resolved_on=TODAY() - 8 * DAY
        )
        visited = ResolvedDisputeFactory(
            station=station_a, registered_on=long_ago, resolved_on=TODAY() - 8 * DAY
        )
        FollowUpFactory(dispute=visited, visited_on=TODAY() - 3 * DAY)
        # a visit before the resolution does not close the loop
        early = ResolvedDisputeFactory(
            station=station_a, registered_on=long_ago, resolved_on=TODAY() - 9 * DAY
        )
        FollowUpFactory(dispute=early, visited_on=TODAY() - 20 * DAY)
        ResolvedDisputeFactory(  # still within its 7 days
            station=station_a, registered_on=long_ago, resolved_on=TODAY() - 7 * DAY
        )
        major = DisputeFactory(station=station_a, risk_level="major", status="mediating")
        high = DisputeFactory(station=station_a, risk_level="high")
        DisputeFactory(station=station_a, risk_level="general")
        ResolvedDisputeFactory(station=station_a, risk_level="major", resolved_on=TODAY())
        board = set(Dispute.objects.needs_attention(TODAY()))
        assert board == {overdue, early, major, high}
