"""Hypothesis strategies built from form fields and serializer fields, whatever the app.

Every value is either of roughly the right type (to get past the first check and reach the
model rules) or junk of any JSON type, so both the happy path and the parsers get hit.
"""

import datetime
from decimal import Decimal

from django import forms
from hypothesis import strategies as st
from rest_framework import serializers

# Text that tends to break things: formulas, CJK, control characters, NUL, long runs.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("=+-@\t\r\n\x00'\"<>&;%_\\/西湖派出所 "),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=60,
)
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),  # JSON has neither
    TEXT,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
BIG_INT = st.integers(min_value=-(2**64), max_value=2**64)
DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))
DECIMALS = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, places=3
)


def _choices(choices):
    values = [value for value, _label in choices if value not in ("", None)]
    return st.sampled_from(values) if values else TEXT


def _text_of(strategy):
    return strategy.map(str)


def form_value(field, valid_pks):
    """A strategy of POST values (strings) for one Django form field."""
    if isinstance(field, forms.ModelChoiceField):
        pks = valid_pks(field.queryset.model)
        base = st.sampled_from(pks).map(str) if pks else BIG_INT.map(str)
        return st.one_of(base, BIG_INT.map(str), TEXT)
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return st.sampled_from(["on", "", "true", "false", "1", "0", "x"])
    if isinstance(field, forms.ChoiceField):
        return st.one_of(_choices(field.choices), TEXT)
    if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        numbers = st.one_of(
            st.integers(min_value=-5, max_value=500), BIG_INT, DECIMALS, st.floats()
        )
        return st.one_of(_text_of(numbers), TEXT)
    if isinstance(field, forms.DateTimeField):
        moments = st.datetimes(
            min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2100, 1, 1)
        )
        return st.one_of(moments.map(lambda d: d.strftime("%Y-%m-%dT%H:%M")), TEXT)
    if isinstance(field, forms.DateField):
        return st.one_of(DATES.map(datetime.date.isoformat), TEXT)
    return TEXT


def form_data(form, valid_pks, prefix=None):
    """A strategy of dicts: for each field a value, or the field left out."""
    parts = {}
    for name, field in form.fields.items():
        if name in ("version", "form_token", "id", "DELETE", "ORDER"):
            continue
        if isinstance(field.widget, forms.HiddenInput) and isinstance(
            field, forms.ModelChoiceField
        ):
            continue  # the parent link of an inline form
        key = f"{prefix}-{name}" if prefix else name
        parts[key] = st.one_of(st.none(), form_value(field, valid_pks))
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v is not None})


def serializer_value(field, valid_values):
    if isinstance(field, serializers.ListSerializer):
        child = serializer_data(field.child, valid_values)
        return st.one_of(st.lists(child, max_size=3), JUNK)
    if isinstance(field, serializers.Serializer):
        return st.one_of(serializer_data(field, valid_values), JUNK)
    if isinstance(field, serializers.SlugRelatedField | serializers.PrimaryKeyRelatedField):
        values = valid_values(field)
        base = st.sampled_from(values) if values else BIG_INT
        return st.one_of(base, JUNK)
    if isinstance(field, serializers.BooleanField):
        return st.one_of(st.booleans(), JUNK)
    if isinstance(field, serializers.ChoiceField):
        return st.one_of(_choices(field.choices.items()), JUNK)
    if isinstance(field, serializers.IntegerField):
        return st.one_of(st.integers(min_value=-5, max_value=500), BIG_INT, JUNK)
    if isinstance(field, serializers.DecimalField):
        return st.one_of(DECIMALS.map(str), JUNK)
    if isinstance(field, serializers.DateTimeField):
        moments = st.datetimes(
            min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2100, 1, 1)
        )
        return st.one_of(moments.map(datetime.datetime.isoformat), JUNK)
    if isinstance(field, serializers.DateField):
        return st.one_of(DATES.map(datetime.date.isoformat), JUNK)
    return st.one_of(TEXT, JUNK)


def serializer_data(serializer, valid_values):
    parts = {}
    for name, field in serializer.fields.items():
        if field.read_only or name == "version":
            continue
        parts[name] = st.one_of(st.just(_MISSING), serializer_value(field, valid_values))
    return st.fixed_dictionaries(parts).map(
        lambda d: {k: v for k, v in d.items() if v is not _MISSING}
    )


_MISSING = object()
