"""Serializer fields that apply SPEC §2's input rules (xihu.inputs) to the API's JSON.

`InputRulesMixin` makes a ModelSerializer build each model field with the field of its rule
(`xihu.inputs.rule_of`); plain serializers declare these classes themselves.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.fields import empty

from .. import inputs


def _rule(parse, value):
    """Run an xihu.inputs function, reporting its error as the API's field error."""
    try:
        return parse(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages, code=error.error_list[0].code) from None


class TextField(serializers.CharField):
    """Free text on one line: trimmed, NBSP made plain, control characters refused."""

    multiline = False

    def __init__(self, **kwargs):
        kwargs["trim_whitespace"] = False  # trimming is normalise_text's
        super().__init__(**kwargs)

    def normalise(self, value):
        return inputs.normalise_text(value, multiline=self.multiline)

    def run_validation(self, data=empty):
        if isinstance(data, str):
            data = _rule(self.normalise, data)
        return super().run_validation(data)


class MultilineTextField(TextField):
    multiline = True


class StructuredField(TextField):
    """A code or number kept as text: NFKC and trimmed."""

    def normalise(self, value):
        return inputs.normalise_structured(value)


class SlugField(serializers.SlugField):
    def __init__(self, **kwargs):
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)

    def run_validation(self, data=empty):
        if isinstance(data, str):
            data = _rule(inputs.normalise_structured, data)
        return super().run_validation(data)


class PhoneField(StructuredField):
    def normalise(self, value):
        return inputs.normalise_phone(value)


class IdNumberField(StructuredField):
    def normalise(self, value):
        return inputs.normalise_id_number(value)


class ChoiceField(serializers.ChoiceField):
    """A code, or its Chinese or English label in any case; answers the code."""

    def to_internal_value(self, data):
        if data == "" and self.allow_blank:
            return ""
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        code = _rule(lambda value: inputs.parse_choice(value, self.choices), data)
        if code == "" and not self.allow_blank:
            self.fail("invalid_choice", input=data)
        return code


class BooleanField(serializers.BooleanField):
    """true/false and every spelling of SPEC §2; an empty string is "not given"."""

    def validate_empty_values(self, data):
        if isinstance(data, str) and data.strip() == "":
            data = empty
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if isinstance(data, bool) or (isinstance(data, int) and data in (0, 1)):
            return bool(data)
        if not isinstance(data, str):
            self.fail("invalid", input=data)
        return _rule(inputs.parse_boolean, data)


class DateField(serializers.DateField):
    """A date (ISO 8601) in 2000-01-01 … 2099-12-31."""

    def to_internal_value(self, value):
        if not isinstance(value, str):
            self.fail("invalid", format="YYYY-MM-DD")
        parsed = _rule(inputs.parse_date, value)
        if parsed is None:
            self.fail("invalid", format="YYYY-MM-DD")
        return parsed


class DateTimeField(serializers.DateTimeField):
    """A date-time (ISO 8601; naive means Asia/Shanghai) whose local date is in the window;
    written as RFC 3339 (inputs.rfc3339)."""

    def to_internal_value(self, value):
        if not isinstance(value, str):
            self.fail("invalid", format="YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]")
        parsed = _rule(inputs.parse_datetime, value)
        if parsed is None:
            self.fail("invalid", format="YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]")
        return parsed

    def to_representation(self, value):
        if not value:
            return None
        if isinstance(value, str):
            return value
        return inputs.rfc3339(value)


# The serializer field of each rule of inputs.rule_of.
FIELD_OF_RULE = {
    "choice": ChoiceField,
    "boolean": BooleanField,
    "date": DateField,
    "datetime": DateTimeField,
    "phone": PhoneField,
    "id_number": IdNumberField,
    "structured": StructuredField,
    "text": TextField,
    "multiline": MultilineTextField,
}


class InputRulesMixin:
    """For ModelSerializers: each model field is built with the field of its input rule,
    keeping the arguments (max_length, required, choices …) DRF derives from the model."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        rule = inputs.rule_of(model_field)
        if rule == "structured" and issubclass(field_class, serializers.SlugField):
            return SlugField, kwargs
        if rule in FIELD_OF_RULE:
            field_class = FIELD_OF_RULE[rule]
            if rule not in ("choice",):
                kwargs.pop("choices", None)
            if rule in ("boolean", "date", "datetime"):
                for text_only in ("allow_blank", "max_length", "min_length", "trim_whitespace"):
                    kwargs.pop(text_only, None)
        return field_class, kwargs


class InputRulesModelSerializer(InputRulesMixin, serializers.ModelSerializer):
    """Base of every ModelSerializer of the API: model fields follow SPEC §2's input rules."""
