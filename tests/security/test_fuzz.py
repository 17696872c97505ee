"""Fuzzing: hypothesis drives every form and every API create and update.

Forms are found by asking each page for its context: any page that renders a `form` is
fuzzed through a POST to that page, with its formsets. API endpoints are the router's list
(create) and detail (update) routes. One test case per page or endpoint, on the class's shared
world; each input runs in a savepoint rolled back afterwards. How many inputs each case gets
is the Hypothesis profile's (conftest.py: few for `make test-fast`, 200 in CI).
Checked for every input: no answer >= 500, no exception, and nothing half-saved (a refused
input leaves every table of the app as it was; an accepted one passes the model's rules).
"""

import uuid

import pytest
from django import forms
from django.apps import apps
from django.db import transaction
from django.urls import resolve
from django.views.generic.detail import BaseDetailView
from django.views.generic.edit import FormMixin
from django.views.generic.list import MultipleObjectMixin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .strategies import form_data, serializer_data
from .urlwalk import is_station_scoped, viewset_of, walk

# max_examples comes from the profile loaded in conftest.py (HYPOTHESIS_PROFILE).
FUZZ = settings(
    deadline=None,
    derandomize=True,  # the same inputs on every run: a CI failure reproduces locally
    database=None,
    suppress_health_check=list(HealthCheck),
)
SKIP_FORMS = ("login", "admin:", "logout", "set_language", "api-")
DOCUMENTS = (".pdf", ".docx", ".csv", ".xlsx", ".<fmt>")


def app_models(pattern, model):
    """The tables an input may touch: the record's and its line items', else the app's."""
    if model is not None:
        children = [
            rel.related_model
            for rel in model._meta.related_objects
            if rel.one_to_many
            and rel.related_model._meta.app_label == model._meta.app_label
            and not rel.related_model.__name__.startswith("Historical")
        ]
        return [model, *children]
    label = model._meta.app_label if model is not None else pattern.name.split(":")[0]
    try:
        return list(apps.get_app_config(label).get_models())
    except LookupError:
        return []


def counts(models):
    return {m._meta.label: m._base_manager.count() for m in models}


def valid_pks(model):
    return list(model._base_manager.values_list("pk", flat=True)[:5])


def may_render_a_form(pattern):
    """Whether a page may render a form, judged from its view without a request: lists,
    downloads and detail pages do not; form views and other views (asked at run time) may."""
    if pattern.name.startswith(SKIP_FORMS) or pattern.is_api or pattern.is_admin:
        return False
    if pattern.label.endswith(DOCUMENTS):
        return False  # a file download (export, bulletin), never a form
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None or issubclass(view_class, FormMixin):
        return True
    return not issubclass(view_class, MultipleObjectMixin | BaseDetailView)


def form_cases():
    return [
        pytest.param(pattern, id=f"{pattern.label} supervisor")
        for pattern in walk()
        if may_render_a_form(pattern)
    ]


def formset_strategy(prefix, formset, pks):
    def data_for(n):
        parts = [form_data(formset.empty_form, pks, prefix=f"{prefix}-{i}") for i in range(n)]
        management = {
            f"{prefix}-TOTAL_FORMS": str(n),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        return (
            st.tuples(*parts)
            .map(lambda ds: {k: v for d in ds for k, v in d.items()})
            .map(lambda d: {**management, **d})
        )

    return st.integers(min_value=0, max_value=2).flatmap(data_for)


def call_view(url, data, user):
    """POST straight to the view with the session, messages and user a request carries.

    The test client would render every refused form's page, 50 ms a time; a view's
    TemplateResponse is left unrendered here, so 200 inputs per form fit the time budget.
    The pages' rendering is covered by the matrix test.
    """
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().post(url, data)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    match = resolve(url)
    return match.func(request, *match.args, **match.kwargs)


def form_runner(user, url, form, models, strategy, problems):
    # Every input is rolled back, so the tables and the version are the same before each.
    before = counts(models)
    instance = getattr(form, "instance", None)
    version = None
    if "version" in form.fields and instance is not None and instance.pk:
        version = str(type(instance)._base_manager.get(pk=instance.pk).version)

    @FUZZ
    @given(data=strategy)
    def run(data):
        with transaction.atomic():
            data["form_token"] = uuid.uuid4().hex
            if version is not None:
                data["version"] = version
            response = call_view(url, data, user)
            status = response.status_code
            if status >= 500:
                problems.append(f"{status} for {data!r}")
            elif status == 200 and counts(models) != before:
                problems.append(f"refused but saved something: {data!r}")
            transaction.set_rollback(True)

    return run


@pytest.mark.django_db
class TestEveryForm:
    @pytest.mark.parametrize("pattern", form_cases())
    def test_fuzz_every_form(self, world, pattern):
        _model, _obj, url = world.target(pattern)
        if url is None:
            pytest.skip(world.skip_reason(pattern))
        supervisor = world.users["supervisor"]
        response = world.client("supervisor").get(url)
        context = response.context
        if response.status_code != 200 or context is None or "form" not in context:
            pytest.skip(f"{url} renders no form ({response.status_code})")
        form = context["form"]
        assert isinstance(form, forms.BaseForm), f"{url}: its 'form' is {form!r}"
        formsets = context.get("formsets") or {}
        strategy = st.tuples(
            form_data(form, valid_pks),
            *(formset_strategy(p, fs, valid_pks) for p, fs in formsets.items()),
        ).map(lambda parts: {k: v for d in parts for k, v in d.items()})
        problems = []
        models = app_models(pattern, pattern.model)
        form_runner(supervisor, url, form, models, strategy, problems)()
        assert not problems, f"{url} ({type(form).__name__}):\n" + "\n".join(problems[:3])


def api_routes():
    for pattern in walk():
        if pattern.name.endswith(("-list", "-detail")) and viewset_of(pattern.callback):
            model = pattern.model
            if model is None or pattern.name.startswith("station-"):
                continue  # stations are the admin's, through the admin
            yield pattern, model


def api_cases():
    return [
        pytest.param(pattern, model, id=f"{pattern.label} {user_for(model)}")
        for pattern, model in api_routes()
    ]


def user_for(model):
    """Who fuzzes an endpoint: staff of station A for station records, else the supervisor."""
    return "staff_a" if is_station_scoped(model) else "supervisor"


def api_runner(api, url, model, obj, creating, models, strategy, problems):
    # Every input is rolled back, so the tables and the record are the same before each.
    before = counts(models)
    snapshot = model._base_manager.filter(pk=obj.pk).values().first()

    @FUZZ
    @given(data=strategy, method=st.sampled_from(["PATCH", "PUT"]))
    def run(data, method):
        with transaction.atomic():
            if creating:
                response = api.post(url, data, format="json")
                accepted = response.status_code == 201
            else:
                data["version"] = snapshot.get("version")
                call = api.patch if method == "PATCH" else api.put
                response = call(url, data, format="json")
                accepted = response.status_code == 200
            status = response.status_code
            if status >= 500:
                problems.append(f"{status} for {data!r}")
            elif not accepted:
                unchanged = creating or (
                    model._base_manager.filter(pk=obj.pk).values().first() == snapshot
                )
                if counts(models) != before or not unchanged:
                    problems.append(f"refused ({status}) but saved something: {data!r}")
            else:
                pk = response.json()["id"] if creating else obj.pk
                try:
                    model._base_manager.get(pk=pk).full_clean(validate_unique=False)
                except Exception as exc:  # noqa: BLE001  (any rule broken is the finding)
                    problems.append(f"accepted an invalid record {exc!r}: {data!r}")
            transaction.set_rollback(True)

    return run


def valid_values(field):
    queryset = field.get_queryset() if hasattr(field, "get_queryset") else None
    if queryset is None:
        return []
    return list(queryset.values_list(getattr(field, "slug_field", None) or "pk", flat=True)[:5])


@pytest.mark.django_db
class TestEveryEndpoint:
    @pytest.mark.parametrize(("pattern", "model"), api_cases())
    def test_fuzz_every_api_create_and_update(self, world, pattern, model):
        from rest_framework.test import APIClient

        user = world.users[user_for(model)]
        api = APIClient()
        api.force_authenticate(user)
        api.raise_request_exception = False
        _model, obj, url = world.target(pattern)
        obj = obj or world.builder.get(model)
        if obj is None or url is None:
            pytest.skip(world.skip_reason(pattern))
        viewset = viewset_of(pattern.callback)
        request = type("R", (), {"user": user, "method": "POST", "query_params": {}})()
        serializer = viewset.serializer_class(context={"request": request})
        creating = pattern.name.endswith("-list")
        strategy = serializer_data(serializer, valid_values)
        problems = []
        models = app_models(pattern, model)
        api_runner(api, url, model, obj, creating, models, strategy, problems)()
        method = "POST" if creating else "PUT/PATCH"
        assert not problems, f"{method} {url}:\n" + "\n".join(problems[:3])


@pytest.mark.django_db
def test_nul_in_a_looked_up_code_is_a_400_not_a_500(api_a, api_supervisor, station_a):
    """Found by the fuzzer: PostgreSQL cannot compare text holding NUL (a DataError)."""
    response = api_a.post("/api/v1/cases/", {"station": "bei\x00shan"}, format="json")
    assert response.status_code == 400 and "station" in response.json()
