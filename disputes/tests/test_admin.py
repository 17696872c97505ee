"""The Django admin: masked list, audited change page, inlines under the shared rules."""

import datetime

import pytest

from xihu.models import AuditEntry

from ..models import Dispute, Party
from .factories import DisputeFactory, PartyFactory, id_number

CHANGELIST = "/admin/disputes/dispute/"


def admin_post(dispute, parties=(), follow_ups=(), **fields):
    data = {
        "station": dispute.station.pk,
        "registered_on": dispute.registered_on.isoformat(),
        "category": dispute.category,
        "risk_level": dispute.risk_level,
        "source": dispute.source,
        "summary": dispute.summary,
        "version": dispute.version,
        "_save": "Save",
        **fields,
    }
    for prefix, rows in (("parties", parties), ("follow_ups", follow_ups)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


@pytest.mark.django_db
class TestDisputeAdmin:
    def test_list_is_masked(self, client_admin, station_a):
        dispute = DisputeFactory(station=station_a, risk_level="major")
        PartyFactory(dispute=dispute, name="张三", phone="13812345678", id_number=id_number(5))
        body = client_admin.get(CHANGELIST).content.decode()
        assert "张*" in body and "risk-major" in body
        assert "张三" not in body and "13812345678" not in body and id_number(5) not in body

    def test_change_page_is_whole_and_audited(self, client_admin, station_a, admin_user):
        dispute = DisputeFactory(station=station_a)
        PartyFactory(dispute=dispute, id_number=id_number(5))
        body = client_admin.get(f"{CHANGELIST}{dispute.pk}/change/").content.decode()
        assert id_number(5) in body and "/resolve/" in body  # the workflow links
        assert AuditEntry.objects.get(action="unmask").user == admin_user

    def test_inlines_follow_the_rules(self, client_admin, station_a):
        dispute = DisputeFactory(station=station_a)
        bad_id = [{"name": "张三", "role": "applicant", "id_number": "110105194912310021"}]
        early = [{"visited_on": (dispute.registered_on - datetime.timedelta(days=1)).isoformat()}]
        for rows in ({"parties": bad_id}, {"follow_ups": early}):
            response = client_admin.post(
                f"{CHANGELIST}{dispute.pk}/change/", admin_post(dispute, **rows)
            )
            assert response.status_code == 200  # the page again, with the row's error
        dispute.refresh_from_db()
        assert dispute.version == 1 and not dispute.parties.exists()

    def test_status_is_not_edited_here(self, client_admin, station_a):
        dispute = DisputeFactory(station=station_a)
        post = admin_post(dispute, status="resolved", resolved_on="2020-01-01")
        response = client_admin.post(f"{CHANGELIST}{dispute.pk}/change/", post)
        assert response.status_code == 302
        assert Dispute.objects.get().status == "open"


@pytest.mark.django_db
class TestAdminPagesNamingParties:
    """Pages that name parties by their string (delete confirmations, history) mask them."""

    @pytest.fixture
    def dispute(self, station_a):
        dispute = DisputeFactory(station=station_a)
        PartyFactory(dispute=dispute, name="张三丰", phone="13812345678", id_number=id_number(5))
        return dispute

    def whole_values_absent(self, body):
        return "张三丰" not in body and "13812345678" not in body and id_number(5) not in body

    def test_the_delete_page_masks_the_parties(self, client_admin, dispute):
        response = client_admin.get(f"{CHANGELIST}{dispute.pk}/delete/")
        body = response.content.decode()
        assert response.status_code == 200 and "张**" in body
        assert self.whole_values_absent(body)
        assert not AuditEntry.objects.filter(action="unmask").exists()  # nothing revealed

    def test_delete_selected_masks_them_too(self, client_admin, dispute):
        response = client_admin.post(
            CHANGELIST, {"action": "delete_selected", "_selected_action": [dispute.pk]}
        )
        body = response.content.decode()
        assert response.status_code == 200 and "张**" in body
        assert self.whole_values_absent(body)

    def test_the_history_page_masks_them(self, client_admin, dispute):
        response = client_admin.get(f"{CHANGELIST}{dispute.pk}/history/")
        assert response.status_code == 200
        assert self.whole_values_absent(response.content.decode())

    def test_deleting_keeps_the_history(self, client_admin, dispute):
        response = client_admin.post(f"{CHANGELIST}{dispute.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302 and not Dispute.objects.exists()
        assert Party.history.filter(history_type="-", name="张三丰").exists()
