"""Every filter of a model field is labelled in the request's language.

Found from outside: after a merge had dropped catalogue entries, the Chinese list pages
showed "Category", "Source", "Kind"… The labels are the fields' verbose names, translated
in each app's catalogue; this test fails when one is missing, whichever language a previous
request used.
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
    with translation.override("en"):
        english = {name: str(f.label) for name, f in filterset().form.fields.items()}
    with translation.override("zh-hans"):
        chinese = {name: str(f.label) for name, f in filterset().form.fields.items()}
    for name, label in chinese.items():
        assert not label.isascii(), (filterset.__qualname__, name, label)
        assert english[name].isascii(), (filterset.__qualname__, name, english[name])
