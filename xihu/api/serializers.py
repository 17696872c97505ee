"""The base serializer of every record: station scoping, authorship, version, model rules."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Station, VersionConflict
from ..roles import own_station
from .fields import InputRulesModelSerializer


class StationSerializer(InputRulesModelSerializer):
    class Meta:
        model = Station
        fields = ["id", "code", "name_zh", "name_en", "kind"]


def model_rules_errors(instance):
    """Run the model's clean() and constraints: the rules forms and admin enforce too."""
    try:
        instance.clean()
        instance.validate_constraints()
    except DjangoValidationError as exc:
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        return {
            ("non_field_errors" if key == NON_FIELD_ERRORS else key): value
            for key, value in errors.items()
        }
    return {}


class SlugField(serializers.SlugRelatedField):
    """A SlugRelatedField that refuses a NUL character before the lookup: PostgreSQL cannot
    compare text with NUL and would raise a DataError (a 500) instead of "does not exist"."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class RecordSerializer(InputRulesModelSerializer):
    station = SlugField(slug_field="code", queryset=Station.objects.all(), required=False)
    # null once the author's account is deleted (and on records made by a command)
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    updated_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    version = serializers.IntegerField(required=False, min_value=1)

    # Nested line items: {field name: (child serializer class, related name)}; saved with the
    # record in one transaction by the subclass's save_children().
    nested: dict = {}

    class Meta:
        read_only_fields = ["id", "created_at", "updated_at", "created_by", "updated_by"]
        # No UniqueTogetherValidator: validate() runs every model constraint, unique ones
        # included, with its own message and after staff's station is filled in.
        validators = []

    @property
    def user(self):
        return self.context["request"].user

    def validate_station(self, station):
        mine = own_station(self.user)
        if mine is not None and station != mine:
            raise serializers.ValidationError(_("You can only record for your own station."))
        return station

    def validate(self, attrs):
        attrs = super().validate(attrs)
        errors = {}
        if self.instance is not None:
            if "version" not in attrs:
                errors["version"] = [_("Send the version you loaded; it is required to update.")]
        else:
            attrs.pop("version", None)
            mine = own_station(self.user)
            attrs.setdefault("station", mine)
            if attrs["station"] is None:
                errors["station"] = [_("This field is required.")]
        if errors:
            raise serializers.ValidationError(errors)
        candidate = copy.copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            if name not in self.nested:
                setattr(candidate, name, value)
        errors = model_rules_errors(candidate)
        errors.update(self.validate_children(candidate, attrs))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def validate_children(self, candidate, attrs):
        """Rules spanning the record and its nested line items; {field: [messages]}."""
        return {}

    def create(self, validated_data):
        children = {
            name: validated_data.pop(name) for name in self.nested if name in validated_data
        }
        record = self.Meta.model(**validated_data)
        record.save(by=self.user)
        self.save_children(record, children)
        return record

    def update(self, instance, validated_data):
        children = {
            name: validated_data.pop(name) for name in self.nested if name in validated_data
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            instance.save(by=self.user)
        except VersionConflict:
            raise
        self.save_children(instance, children)
        return instance

    def save_children(self, record, children):
        """Replace each nested list given with the new rows (a list given replaces the old)."""
        for name, rows in children.items():
            _serializer_class, related_name = self.nested[name]
            manager = getattr(record, related_name)
            manager.all().delete()
            manager.model.objects.bulk_create(
                [manager.model(**{**row, manager.field.name: record}) for row in rows]
            )
