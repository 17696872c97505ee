from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from xihu.api import fields
from xihu.api.fields import InputRulesModelSerializer
from xihu.api.serializers import RecordSerializer

from ..models import FireworksPersuasion, Hazard, Inspection, PublicityActivity, Venue
from ..rules import clean_hazards

AUTHORSHIP = ["created_at", "updated_at", "created_by", "updated_by", "version"]


class VenueSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Venue
        fields = [
            "id",
            "station",
            "name",
            "address",
            "kind",
            "contact_name",
            "contact_phone",
            *AUTHORSHIP,
        ]


class HazardSerializer(InputRulesModelSerializer):
    # Writable so that an update names the rows it keeps; rows without an id are new.
    id = serializers.IntegerField(required=False)

    class Meta:
        model = Hazard
        fields = ["id", "description", "kind", "disposition", "rectified_on"]


class VenueField(serializers.PrimaryKeyRelatedField):
    """Only venues the caller may see: another station's answers like an unknown id."""

    def get_queryset(self):
        return Venue.objects.for_user(self.context["request"].user).select_related("station")


class InspectionSerializer(RecordSerializer):
    venue = VenueField()
    hazards = HazardSerializer(many=True, required=False)
    nested = {"hazards": (HazardSerializer, "hazards")}

    class Meta(RecordSerializer.Meta):
        model = Inspection
        fields = [
            "id",
            "station",
            "venue",
            "inspected_on",
            "inspectors",
            "notes",
            "notice_number",
            "notice_deadline",
            "reinspected_on",
            "hazards",
            *AUTHORSHIP,
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "reinspected_on"]

    def validate(self, attrs):
        # The station is the venue's unless given (then the model rules compare the two).
        venue = attrs.get("venue")
        if venue is not None and "station" not in attrs:
            attrs["station"] = venue.station
        return super().validate(attrs)

    def validate_children(self, candidate, attrs):
        rows = attrs.get("hazards")
        if rows is None:
            if self.instance is None:
                return {}
            # Changing the inspection alone still has to hold for the hazards it keeps.
            rows = [
                {"disposition": h.disposition, "rectified_on": h.rectified_on}
                for h in self.instance.hazards.all()
            ]
            errors = clean_hazards(
                inspected_on=candidate.inspected_on,
                notice_number=candidate.notice_number,
                rows=rows,
            )
            messages = [m for row in errors for texts in row.values() for m in texts]
            return {"hazards": sorted(set(messages))} if messages else {}
        errors = {}
        if self.instance is not None:
            known = {h.pk for h in self.instance.hazards.all()}
            for index, row in enumerate(rows):
                if "id" in row and row["id"] not in known:
                    errors.setdefault(index, {})["id"] = [_("No such hazard on this inspection.")]
        checked = clean_hazards(
            inspected_on=candidate.inspected_on, notice_number=candidate.notice_number, rows=rows
        )
        for index, row_errors in enumerate(checked):
            errors.setdefault(index, {}).update(row_errors)
        if not any(errors.values()):
            return {}
        return {"hazards": [errors.get(i, {}) for i in range(len(rows))]}

    def save_children(self, record, children):
        """Update the rows named by id, create the others, delete the ones left out; each
        through save() so that every hazard keeps its history."""
        from ..workflows import settle_on_spot

        user = self.user
        if "hazards" in children:
            existing = {h.pk: h for h in record.hazards.all()}
            kept = set()
            for row in children["hazards"]:
                hazard = existing.get(row.get("id")) or Hazard(inspection=record)
                for name, value in row.items():
                    if name != "id":
                        setattr(hazard, name, value)
                hazard._history_user = user
                hazard.save()
                kept.add(hazard.pk)
            for pk, hazard in existing.items():
                if pk not in kept:
                    hazard._history_user = user
                    hazard.delete()
        settle_on_spot(record, by=user)
        # The response lists the hazards as saved, not the prefetch of before.
        getattr(record, "_prefetched_objects_cache", {}).pop("hazards", None)


class ReinspectionSerializer(serializers.Serializer):
    reinspected_on = fields.DateField()
    hazards = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    version = serializers.IntegerField(min_value=1)


class PublicityActivitySerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = PublicityActivity
        fields = [
            "id",
            "station",
            "held_on",
            "topic",
            "title",
            "materials_distributed",
            "attendees",
            *AUTHORSHIP,
        ]


class FireworksPersuasionSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = FireworksPersuasion
        fields = ["id", "station", "occurred_on", "location", "behaviours", *AUTHORSHIP]
