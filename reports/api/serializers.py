"""Festivals in the API: looked up by slug; `comparison` is the other festival's slug."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from xihu.api.fields import InputRulesModelSerializer
from xihu.api.serializers import model_rules_errors

from ..models import Festival, narrative_field_names
from ..summary import CENTS, MONEY


class FestivalSerializer(InputRulesModelSerializer):
    comparison = serializers.SlugRelatedField(
        slug_field="slug", queryset=Festival.objects.all(), allow_null=True, required=False
    )
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    updated_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    version = serializers.IntegerField(required=False, min_value=1)

    class Meta:
        model = Festival
        fields = [
            "id",
            "slug",
            "name_zh",
            "name_en",
            "starts_on",
            "ends_on",
            "comparison",
            *narrative_field_names(),
            "created_at",
            "updated_at",
            "created_by",
            "updated_by",
            "version",
        ]
        read_only_fields = ["id", "created_at", "updated_at", "created_by", "updated_by"]

    @property
    def user(self):
        return self.context["request"].user

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            attrs.pop("version", None)
        elif "version" not in attrs:
            raise serializers.ValidationError(
                {"version": [_("Send the version you loaded; it is required to update.")]}
            )
        candidate = Festival(**{**self._current(), **attrs})
        candidate.pk = self.instance.pk if self.instance is not None else None
        errors = model_rules_errors(candidate)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def _current(self):
        if self.instance is None:
            return {}
        return {
            field.name: getattr(self.instance, field.name)
            for field in Festival._meta.concrete_fields
            if field.name not in ("id", "created_by", "updated_by")
        }

    def create(self, validated_data):
        festival = Festival(**validated_data)
        festival.save(by=self.user)
        return festival

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.save(by=self.user)
        return instance


class FestivalBriefSerializer(InputRulesModelSerializer):
    """The festival as the summary names it."""

    comparison = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Festival
        fields = ["slug", "name_zh", "name_en", "starts_on", "ends_on", "comparison"]


def jsonable(section, name, key, value):
    """Money as a string with 2 decimals; other decimals as numbers; None stays null."""
    if value is None:
        return None
    if (section, name) in MONEY and key in ("value", "previous", "preceding"):
        return str(Decimal(value).quantize(CENTS))
    if isinstance(value, Decimal):
        return float(value)
    return value


def sections_json(sections):
    return {
        section: {
            name: {key: jsonable(section, name, key, v) for key, v in figure.items()}
            for name, figure in group.items()
        }
        for section, group in sections.items()
    }


def summary_payload(data):
    """The summary object of SPEC §4 (what GET …/summary/ answers) from festival_summary()."""
    comparison, station = data["comparison"], data["station"]
    return {
        "festival": FestivalBriefSerializer(data["festival"]).data,
        "comparison": FestivalBriefSerializer(comparison).data if comparison else None,
        "station": station.code if station else None,
        "sections": sections_json(data["sections"]),
    }
