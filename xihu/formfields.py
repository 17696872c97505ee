"""Form fields that apply SPEC §2's input rules (xihu.inputs), for forms and list filters.

`InputRulesModelForm` builds every model field of a ModelForm with the field of its rule
(`xihu.inputs.rule_of`), so record forms, inline formsets, the import's row forms and the
festival form all parse alike; plain forms declare these classes themselves.
"""

from django import forms
from django.db import models
from django.forms.models import ModelFormMetaclass
from django.utils.translation import gettext_lazy as _

from . import inputs


class TextField(forms.CharField):
    """Free text on one line: trimmed, NBSP made plain, control characters refused."""

    multiline = False

    def __init__(self, *, strip=True, **kwargs):
        super().__init__(strip=False, **kwargs)  # trimming is normalise_text's

    def to_python(self, value):
        value = inputs.normalise_text(value, multiline=self.multiline)
        return self.empty_value if value == "" else value


class MultilineTextField(TextField):
    """Free text that may hold line breaks (summaries, notes); stored with "\\n"."""

    multiline = True


class StructuredField(forms.CharField):
    """A code or number kept as text (a notice number): NFKC and trimmed."""

    def __init__(self, *, strip=True, **kwargs):
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        value = inputs.normalise_structured(value)
        return self.empty_value if value == "" else value


class SlugField(forms.SlugField):
    """A slug (a station code, a festival slug), NFKC-normalised first."""

    def to_python(self, value):
        value = inputs.normalise_structured(value)
        return self.empty_value if value == "" else value


class PhoneField(StructuredField):
    """A Chinese mobile or landline number (inputs.normalise_phone)."""

    def to_python(self, value):
        value = inputs.normalise_phone(value)
        return self.empty_value if value == "" else value


class IdNumberField(StructuredField):
    """An 18-character resident ID number (inputs.normalise_id_number)."""

    def to_python(self, value):
        value = inputs.normalise_id_number(value)
        return self.empty_value if value == "" else value


class ChoiceField(forms.TypedChoiceField):
    """A choice given as its code or its Chinese or English label (inputs.parse_choice)."""

    def to_python(self, value):
        return inputs.parse_choice(value, self.choices)


class BooleanInput(forms.CheckboxInput):
    """A checkbox that hands the field what was sent ("on", "否", "0" …) rather than
    Python's truth of the text, in which "0" and "否" would be True."""

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return False  # an unticked checkbox sends nothing
        return data.get(name)


class BooleanField(forms.BooleanField):
    """A yes/no that is never "not given" (a checkbox): empty means no."""

    widget = BooleanInput

    def to_python(self, value):
        return bool(inputs.parse_boolean(value))


class BooleanSelect(forms.Select):
    """Yes / no / not given, sending `true` / `false` / empty; `empty_label` names the
    empty choice (a list filter's reads "All")."""

    def __init__(self, attrs=None, empty_label="---------"):
        choices = (("", empty_label), ("true", _("Yes")), ("false", _("No")))
        super().__init__(attrs, choices)

    def format_value(self, value):
        if value is True or value is False:
            value = "true" if value else "false"
        return super().format_value(value)


class NullBooleanField(forms.NullBooleanField):
    """A yes/no that may be not given (a list filter): every spelling of SPEC §2, empty is
    None, anything else a field error."""

    widget = BooleanSelect

    def to_python(self, value):
        return inputs.parse_boolean(value)


class DateField(forms.DateField):
    """A date in 2000-01-01 … 2099-12-31 (inputs.parse_date)."""

    def to_python(self, value):
        return inputs.parse_date(value)


class DateTimeField(forms.DateTimeField):
    """A date-time whose local date is in the window; naive means Asia/Shanghai."""

    def to_python(self, value):
        if isinstance(value, list | tuple):  # a split date and time widget
            value = " ".join(str(part) for part in value if part)
        return inputs.parse_datetime(value)


# The form field of each rule of inputs.rule_of.
FIELD_OF_RULE = {
    "boolean": BooleanField,
    "date": DateField,
    "datetime": DateTimeField,
    "phone": PhoneField,
    "id_number": IdNumberField,
    "structured": StructuredField,
    "text": TextField,
    "multiline": MultilineTextField,
}


def formfield_for(db_field, **kwargs):
    """ModelForm's formfield_callback: the model field's form field, of its input rule."""
    rule = inputs.rule_of(db_field)
    if rule == "choice":
        kwargs.setdefault("choices_form_class", ChoiceField)
    elif rule == "boolean" and db_field.null:
        kwargs.setdefault("form_class", NullBooleanField)
    elif rule == "structured" and isinstance(db_field, models.SlugField):
        kwargs.setdefault("form_class", SlugField)
    elif rule in FIELD_OF_RULE:
        kwargs.setdefault("form_class", FIELD_OF_RULE[rule])
    return db_field.formfield(**kwargs)


class InputRulesFormMetaclass(ModelFormMetaclass):
    """Gives every ModelForm built on InputRulesModelForm `formfield_for` as its
    formfield_callback, even when its Meta does not inherit from the base's."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and getattr(meta, "formfield_callback", None) is None:
            meta.formfield_callback = staticmethod(formfield_for)
        return super().__new__(mcs, name, bases, attrs)


class InputRulesModelForm(forms.ModelForm, metaclass=InputRulesFormMetaclass):
    """Base of every ModelForm of the project: model fields follow SPEC §2's input rules."""

    class Meta:
        formfield_callback = staticmethod(formfield_for)


def input_rules_modelform_factory(model, **kwargs):
    """modelform_factory with the input rules (for the import's row forms)."""
    kwargs.setdefault("form", InputRulesModelForm)
    kwargs.setdefault("formfield_callback", formfield_for)
    return forms.modelform_factory(model, **kwargs)


__all__ = [
    "BooleanField",
    "ChoiceField",
    "DateField",
    "DateTimeField",
    "IdNumberField",
    "InputRulesModelForm",
    "MultilineTextField",
    "NullBooleanField",
    "PhoneField",
    "StructuredField",
    "TextField",
    "formfield_for",
]
