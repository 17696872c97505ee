from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from xihu.api import fields
from xihu.api.fields import InputRulesModelSerializer
from xihu.api.serializers import RecordSerializer

from ..masking import masked_party
from ..models import Dispute, FollowUp, MediationChannel, Party
from ..workflows import follow_up_errors

AUTHORSHIP = ["created_at", "updated_at", "created_by", "updated_by", "version"]


class PartySerializer(InputRulesModelSerializer):
    # Writable so that an update names the rows it keeps; rows without an id are new.
    id = serializers.IntegerField(required=False)

    class Meta:
        model = Party
        fields = ["id", "name", "role", "phone", "id_number"]


class FollowUpSerializer(InputRulesModelSerializer):
    id = serializers.IntegerField(required=False)

    class Meta:
        model = FollowUp
        fields = ["id", "visited_on", "note", "stable"]


class DisputeSerializer(RecordSerializer):
    """Parties come masked unless the view reveals them (`reveal` in the context: the
    retrieve of one record, which the view writes to the audit log)."""

    parties = PartySerializer(many=True, required=False)
    follow_ups = FollowUpSerializer(many=True, required=False)
    nested = {
        "parties": (PartySerializer, "parties"),
        "follow_ups": (FollowUpSerializer, "follow_ups"),
    }

    class Meta(RecordSerializer.Meta):
        model = Dispute
        fields = [
            "id",
            "station",
            "registered_on",
            "category",
            "risk_level",
            "source",
            "summary",
            "status",
            "channel",
            "mediator",
            "mediated_on",
            "resolved_on",
            "resolution",
            "escalated_to",
            "parties",
            "follow_ups",
            *AUTHORSHIP,
        ]
        # set by the start-mediation step, which holds its date rule
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "mediated_on"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("reveal"):
            data["parties"] = [{"id": p.pk, **masked_party(p)} for p in instance.parties.all()]
        return data

    def validate_children(self, candidate, attrs):
        """Row ids must be this dispute's; follow-up dates obey workflows.follow_up_errors.
        Errors are keyed by row index, as DRF reports a row's own field errors."""
        errors = {}
        for name in self.nested:
            rows = attrs.get(name)
            if rows is None or self.instance is None:
                continue
            known = {row.pk for row in getattr(self.instance, name).all()}
            for index, row in enumerate(rows):
                if "id" in row and row["id"] not in known:
                    errors.setdefault(name, {})[index] = {"id": [_("No such row on this dispute.")]}
        visits = attrs.get("follow_ups")
        if visits is None and self.instance is not None:
            # A changed registration date must still hold for the visits kept.
            visits = [{"visited_on": v.visited_on} for v in self.instance.follow_ups.all()]
        for index, row in enumerate(visits or []):
            if candidate.registered_on is None:
                break
            row_errors = follow_up_errors(candidate, row.get("visited_on"))
            if row_errors:
                errors.setdefault("follow_ups", {}).setdefault(index, {}).update(row_errors)
        return errors

    def save_children(self, record, children):
        """Update the rows named by id, create the others, delete the ones left out; each
        through save() so that every row keeps its history with its author."""
        user = self.user
        for name, rows in children.items():
            manager = getattr(record, name)
            existing = {row.pk: row for row in manager.all()}
            kept = set()
            for data in rows:
                row = existing.get(data.get("id")) or manager.model(dispute=record)
                for field, value in data.items():
                    if field != "id":
                        setattr(row, field, value)
                row._history_user = user
                row.save()
                kept.add(row.pk)
            for pk, row in existing.items():
                if pk not in kept:
                    row._history_user = user
                    row.delete()
            # The response lists the rows as saved, not the prefetch of before.
            getattr(record, "_prefetched_objects_cache", {}).pop(name, None)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class MediationSerializer(VersionSerializer):
    channel = fields.ChoiceField(choices=MediationChannel.choices)
    mediator = fields.TextField(max_length=100, required=False, allow_blank=True)
    mediated_on = fields.DateField(required=False)


class ResolveSerializer(VersionSerializer):
    resolved_on = fields.DateField()
    resolution = fields.MultilineTextField()


class EscalateSerializer(VersionSerializer):
    escalated_to = fields.TextField(max_length=100)


class FollowUpVisitSerializer(serializers.Serializer):
    visited_on = fields.DateField()
    note = fields.MultilineTextField(required=False, allow_blank=True, default="")
    stable = fields.BooleanField(required=False, default=True)
