"""The base FilterSet of every record list, page and API alike, with SPEC §2's input rules.

A value a filter cannot understand is an error (400 on the API and on exports, a form
error on the list page), never silently "all records"; an empty value is "not given".
"""

import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import formfields
from .models import Station
from .roles import sees_all_stations
from .search import text_search


class ChoiceFilter(django_filters.ChoiceFilter):
    """A choice by its code or its Chinese or English label (inputs.parse_choice)."""

    field_class = formfields.ChoiceField


class BooleanFilter(django_filters.BooleanFilter):
    """Every boolean spelling of SPEC §2 (inputs.parse_boolean); empty is not given."""

    field_class = formfields.NullBooleanField

    def __init__(self, *args, **kwargs):
        # Not given is every record: the empty choice reads "All".
        kwargs.setdefault("widget", formfields.BooleanSelect(empty_label=_("All")))
        super().__init__(*args, **kwargs)


class DateFilter(django_filters.DateFilter):
    """A local date in 2000-01-01 … 2099-12-31 (inputs.parse_date), shown as the browser's
    date picker (`<input type="date">`, which sends YYYY-MM-DD)."""

    field_class = formfields.DateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(*args, **kwargs)


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO date-time whose local date is in the window (inputs.parse_datetime)."""

    field_class = formfields.DateTimeField


class RecordFilterSet(django_filters.FilterSet):
    """station (code), date_after / date_before (local dates, inclusive), q (free text) and
    changed_after (an ISO date-time: entered or changed since).

    Subclasses name their choice fields in Meta.fields and their free-text columns in
    `search_fields` (searched by xihu.search.text_search: the model's own `search_fields`
    are served by an index on PostgreSQL). The date range applies to the model's
    `period_field`; on a record without one, a date bound is an error rather than ignored.
    """

    search_fields: tuple[str, ...] = ()

    station = django_filters.ModelChoiceFilter(
        label=_("station"), queryset=Station.objects.all(), to_field_name="code"
    )
    date_after = DateFilter(label=_("from"), method="filter_date_after")
    date_before = DateFilter(label=_("to"), method="filter_date_before")
    q = django_filters.CharFilter(label=_("search"), method="filter_search")
    # Records entered or changed since a moment (the summary links a figure that moved
    # since a publication to them).
    changed_after = DateTimeFilter(
        label=_("changed after"), field_name="updated_at", lookup_expr="gte"
    )

    @classmethod
    def get_filters(cls):
        """The filters the list offers (and the API schema documents): no date range on a
        record without dates, no `q` without search fields."""
        filters = super().get_filters()
        model = cls._meta.model
        if model is not None and model.period_field is None:
            filters.pop("date_after", None)
            filters.pop("date_before", None)
        if not cls.search_fields:
            filters.pop("q", None)
        return filters

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        """The model field's filter, labelled with its verbose_name, kept lazy.

        django-filter leaves such a label unset on the class and works it out per bound
        filter; but once anything reads a class-level filter's `.field` (drf-spectacular's
        schema does), a form field without a label is cached there and copied into every
        later FilterSet, whose form then shows the field's English name ("Category"). A lazy
        label is translated per request wherever it is cached.
        """
        filter_ = super().filter_for_field(field, field_name, lookup_expr)
        verbose_name = getattr(field, "verbose_name", None)
        if filter_._label is None and verbose_name and lookup_expr in (None, "exact"):
            filter_.label = capfirst(verbose_name)
        return filter_

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is django_filters.ChoiceFilter:
            filter_class = ChoiceFilter
        elif filter_class is django_filters.BooleanFilter:
            filter_class = BooleanFilter
        elif filter_class is django_filters.DateFilter:
            filter_class = DateFilter
        return filter_class, params

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = getattr(request, "user", None)
        if self.user is not None and not sees_all_stations(self.user):
            # Staff only ever see their own station; the choice would only leak names.
            self.filters.pop("station", None)

    def get_form_class(self):
        form_class = super().get_form_class()
        refused = [name for name in ("date_after", "date_before") if name not in self.filters]
        user = self.user
        staff = "station" not in self.filters and "station" in self.base_filters

        class RecordFilterForm(form_class):
            def clean(self):
                cleaned = super().clean()
                code = str(self.data.get(self.add_prefix("station")) or "").strip()
                if staff and code and (user.station is None or code != user.station.code):
                    # Another station's code finds nothing a staff member may see.
                    self.add_error(None, _("You can only see your own station's records."))
                for name in refused:
                    if str(self.data.get(self.add_prefix(name)) or "").strip():
                        self.add_error(
                            None,
                            _("This list has no dates: “%(name)s” cannot apply.") % {"name": name},
                        )
                return cleaned

        return RecordFilterForm

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(queryset.model.period_condition(start=value))

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(queryset.model.period_condition(end=value))

    def filter_search(self, queryset, name, value):
        return text_search(queryset, self.search_fields, value)


class ConditionFilter(ChoiceFilter):
    """A choice among an app's named conditions, so that a list filters by a figure's own rule.

    `conditions` is {code: (label, Q)}; the Q is the domain app's named condition (e.g.
    incidents.models.THEFT_ROBBERY_FRAUD_CASES), never a restatement of it.
    """

    def __init__(self, *args, conditions, **kwargs):
        self.conditions = conditions
        kwargs["choices"] = [(code, label) for code, (label, _q) in conditions.items()]
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        return qs.filter(self.conditions[value][1])


__all__ = [
    "BooleanFilter",
    "ChoiceFilter",
    "ConditionFilter",
    "DateFilter",
    "DateTimeFilter",
    "RecordFilterSet",
]
