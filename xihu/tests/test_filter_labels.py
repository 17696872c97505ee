"""Every filter of a model field is labelled in the request's language.

Found from outside: once the API schema had been generated (drf-spectacular reads the
class-level filters' `.field`, which caches a form field without a label), every Chinese
list page of that process showed "Category", "Source", "Kind"… This test reads the class
filters' fields first, as the schema does, then renders each form in both languages.
"""

import importlib

import pytest
from django.utils import translation

from xihu.filters import RecordFilterSet

APPS = ("incidents", "inspections", "disputes", "patrols", "services")


def filtersets():
    for app in APPS:
        importlib.import_module(f"{app}.filtersets")
    found, todo = [], [RecordFilterSet]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls._meta.model is not None:
            found.append(cls)
    return sorted(found, key=lambda cls: cls.__qualname__)


def test_every_app_has_its_filterset_here():
    names = {cls._meta.model.__name__ for cls in filtersets()}
    assert {"PoliceReport", "Dispute", "PatrolDeployment", "ServiceTally", "Venue"} <= names


@pytest.mark.parametrize("filterset", filtersets(), ids=lambda cls: cls.__qualname__)
def test_labels_are_in_the_language_of_each_request(filterset):
    for filter_ in filterset.base_filters.values():
        filter_.field  # noqa: B018  (what the schema generation does)
    with translation.override("en"):
        english = {name: str(f.label) for name, f in filterset().form.fields.items()}
    with translation.override("zh-hans"):
        chinese = {name: str(f.label) for name, f in filterset().form.fields.items()}
    for name, label in chinese.items():
        assert not label.isascii(), (filterset.__qualname__, name, label)
        assert english[name].isascii(), (filterset.__qualname__, name, english[name])
