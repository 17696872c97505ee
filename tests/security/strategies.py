"""Hypothesis strategies built from form fields and serializer fields, whatever the app.

Every value is either of roughly the right type (to get past the first check and reach the
model rules) or junk of any JSON type, so both the happy path and the parsers get hit.
"""

import datetime
from decimal import Decimal

from django import forms
from hypothesis import strategies as st
from rest_framework import serializers

# Control, zero-width, bidi and odd space characters (SPEC §2 refuses or normalises them).
INVISIBLE = st.sampled_from(
    "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\u00a0\u200b\u200d\u2028\u202e\u2060\u3000\ufeff"
)


def full_width(text: str) -> str:
    """ASCII as typed with a Chinese IME: ２０２４－０２－１０, ＣＲＩＭＩＮＡＬ."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# Text that tends to break things: formulas, CJK, control characters, NUL, long runs.
TEXT = st.one_of(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("=+-@\t\r\n\x00'\"<>&;%_\\/西湖派出所，。：（） "),
            INVISIBLE,
            st.characters(codec="utf-8", exclude_categories=("Cs",)),
        ),
        max_size=60,
    ),
    st.text(max_size=20).map(full_width),
)
# Dates far outside SPEC §2's window (2000 … 2099) as well as inside it.
FAR_DATES = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
FAR_MOMENTS = st.datetimes(
    min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31, 23, 59)
)
BOOLEAN_SPELLINGS = st.sampled_from(
    ["on", "", "true", "FALSE", "1", "0", "yes", "No", "是", "否", "有效", "无效", "√", "×", "x"]
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
DATES = st.one_of(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
    FAR_DATES,
)
DECIMALS = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, places=3
)


def _choices(choices):
    """A code, its label (SPEC §2 accepts both) or either one full-width or upper-case."""
    pairs = [(value, str(label)) for value, label in choices if value not in ("", None)]
    if not pairs:
        return TEXT
    spellings = [spelling for pair in pairs for spelling in pair]
    return st.sampled_from(spellings).flatmap(
        lambda v: st.sampled_from([v, v.upper(), full_width(v), f" {v} "])
    )


def _text_of(strategy):
    return strategy.map(str)


def form_value(field, valid_pks):
    """A strategy of POST values (strings) for one Django form field."""
    if isinstance(field, forms.ModelChoiceField):
        pks = valid_pks(field.queryset.model)
        base = st.sampled_from(pks).map(str) if pks else BIG_INT.map(str)
        return st.one_of(base, BIG_INT.map(str), TEXT)
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return BOOLEAN_SPELLINGS
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
        moments = st.one_of(moments, FAR_MOMENTS)
        as_text = moments.map(lambda d: d.isoformat(timespec="minutes"))
        return st.one_of(as_text, as_text.map(full_width), TEXT)
    if isinstance(field, forms.DateField):
        as_text = DATES.map(datetime.date.isoformat)
        return st.one_of(as_text, as_text.map(full_width), TEXT)
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
        return st.one_of(st.booleans(), BOOLEAN_SPELLINGS, JUNK)
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
        offsets = st.sampled_from(["", "Z", "+08:00", "-12:00", "+14:00"])
        as_text = st.builds(
            lambda moment, offset: moment.isoformat() + offset,
            st.one_of(moments, FAR_MOMENTS),
            offsets,
        )
        return st.one_of(as_text, as_text.map(full_width), JUNK)
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
