"""Issue 14: every door (form, API, list filter, export, import) applies SPEC §2's input rules
through xihu.inputs, and the examples of the issue at each door."""

import datetime
import importlib
import io

import django_filters
import openpyxl
import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from incidents.models import PoliceReport
from incidents.tests.factories import PoliceReportFactory
from inspections.tests.factories import VenueFactory
from reports.models import Festival
from xihu import filters, formfields, inputs
from xihu.api import fields as api_fields
from xihu.api.urls import router
from xihu.imports.engine import RecordImport
from xihu.models import IdempotencyKey
from xihu.urls import urlpatterns  # noqa: F401 (imports every app, its importers too)

APPS = ["incidents", "inspections", "disputes", "patrols", "services", "reports"]
REPORTS = "/api/v1/police-reports/"

# Django / DRF / django-filter field classes that parse a value SPEC §2 has a rule for, and
# the class of ours each must be.
FORM_RULES = [
    (forms.DateTimeField, formfields.DateTimeField),
    (forms.DateField, formfields.DateField),
    (forms.NullBooleanField, formfields.NullBooleanField),
    (forms.BooleanField, formfields.BooleanField),
    (forms.TypedChoiceField, formfields.ChoiceField),
    (forms.SlugField, (formfields.SlugField, formfields.StructuredField)),
    (forms.CharField, (formfields.TextField, formfields.StructuredField, formfields.SlugField)),
]
API_RULES = [
    (serializers.DateTimeField, api_fields.DateTimeField),
    (serializers.DateField, api_fields.DateField),
    (serializers.BooleanField, api_fields.BooleanField),
    (serializers.ChoiceField, api_fields.ChoiceField),
    (serializers.CharField, (api_fields.TextField, api_fields.SlugField)),
]
# Hidden plumbing (a one-time token) and credentials are not record values.
NOT_INPUT = {"form_token", "password", "username", "client", "token"}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _import_doors():
    for app in APPS:
        for module in ("forms", "filtersets", "api.serializers"):
            try:
                importlib.import_module(f"{app}.{module}")
            except ModuleNotFoundError:
                pass


def _breaks_rule(field, rules):
    if isinstance(field, forms.ModelChoiceField | forms.MultipleChoiceField):
        return False  # ids and several choices: their own checked lookups
    for django_class, ours in rules:
        if isinstance(field, django_class):
            return not isinstance(field, ours)
    return False


def form_doors():
    _import_doors()
    classes = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in [*APPS, "xihu"]
        and not cls.__module__.startswith(("xihu.tests", "xihu.admin", "xihu.imports.views"))
    }
    return sorted(classes, key=lambda c: f"{c.__module__}.{c.__name__}")


def serializer_doors():
    _import_doors()
    classes = {
        cls
        for cls in _subclasses(serializers.Serializer)
        if cls.__module__.split(".")[0] in [*APPS, "xihu"]
        and cls.__module__ not in ("xihu.api.tokens",)
        and not cls.__module__.startswith("xihu.tests")
    }
    return sorted(classes, key=lambda c: f"{c.__module__}.{c.__name__}")


def filterset_doors():
    """The FilterSets of the lists: pages, exports and API collections share them."""
    return sorted(
        {
            viewset.pages.filterset_class
            for _prefix, viewset, _basename in router.registry
            if getattr(viewset, "pages", None) is not None
        },
        key=lambda c: c.__name__,
    )


@pytest.mark.parametrize("form_class", form_doors(), ids=lambda c: c.__name__)
def test_every_form_field_follows_the_input_rules(form_class):
    if issubclass(form_class, forms.ModelForm) and form_class._meta.model is not None:
        assert issubclass(form_class, formfields.InputRulesModelForm), form_class
    wrong = [
        f"{name}: {type(field).__name__}"
        for name, field in form_class.base_fields.items()
        if name not in NOT_INPUT and not field.disabled and _breaks_rule(field, FORM_RULES)
    ]
    assert not wrong, wrong


def test_the_form_doors_are_found():
    names = {c.__name__ for c in form_doors()}
    assert {"PoliceReportForm", "PartyForm", "HazardForm", "FestivalForm", "ResolveForm"} <= names


@pytest.mark.parametrize("serializer_class", serializer_doors(), ids=lambda c: c.__name__)
def test_every_serializer_field_follows_the_input_rules(serializer_class, rf):
    if issubclass(serializer_class, serializers.ModelSerializer):
        assert issubclass(serializer_class, api_fields.InputRulesMixin), serializer_class
    try:
        fields = serializer_class(context={"request": None}).fields
    except Exception:  # noqa: BLE001 (a serializer needing more context is checked by its class)
        fields = serializer_class._declared_fields
    wrong = [
        f"{name}: {type(field).__name__}"
        for name, field in fields.items()
        if name not in NOT_INPUT and not field.read_only and _breaks_rule(field, API_RULES)
    ]
    assert not wrong, wrong


@pytest.mark.parametrize("filterset_class", filterset_doors(), ids=lambda c: c.__name__)
def test_every_filter_follows_the_input_rules(filterset_class):
    assert issubclass(filterset_class, filters.RecordFilterSet)
    ours = {
        "ChoiceFilter": filters.ChoiceFilter,
        "BooleanFilter": filters.BooleanFilter,
        "DateFilter": filters.DateFilter,
        "IsoDateTimeFilter": filters.DateTimeFilter,
    }
    wrong = [
        f"{name}: {type(f).__name__}"
        for name, f in filterset_class.base_filters.items()
        if not isinstance(f, django_filters.ModelChoiceFilter)  # a station by its code
        for base, own in ours.items()
        if base in [c.__name__ for c in type(f).__mro__] and not isinstance(f, own)
    ]
    assert not wrong, wrong


def test_the_import_reads_cells_through_the_input_rules():
    from xihu.imports import engine

    assert engine.inputs is inputs  # each cell: xihu.inputs, then the record's form
    assert list(_subclasses(RecordImport))


# --- the examples, at each door ---------------------------------------------------


def good_report(**overrides):
    return {"received_at": "2024-02-10T08:30", "category": "criminal", **overrides}


@pytest.mark.django_db
class TestApi:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("received_at", "0001-01-01T00:00:00"),
            ("received_at", "9999-12-31T23:59:59Z"),
            ("received_at", "2030-01-01T00:00:00"),  # more than 10 minutes ahead
            ("summary", "a\x0bb"),
            ("category", "maybe"),
            ("effective", "maybe"),
        ],
    )
    def test_bad_values_are_field_errors(self, api_a, field, value):
        response = api_a.post(REPORTS, good_report(**{field: value}), format="json")
        assert response.status_code == 400
        assert list(response.json()) == [field]

    @pytest.mark.parametrize(
        ("field", "value", "stored"),
        [
            ("category", "刑事", "criminal"),
            ("category", "PUBLIC SECURITY", "public_security"),
            ("effective", "否", False),
            ("effective", "0", False),
            ("effective", "√", True),
            ("received_at", "２０２４－０２－１０Ｔ０８：３０", None),
            ("location", "\u00a0西湖区，北山街\u00a0", "西湖区，北山街"),
        ],
    )
    def test_spellings_are_accepted(self, api_a, field, value, stored):
        response = api_a.post(REPORTS, good_report(**{field: value}), format="json")
        assert response.status_code == 201, response.json()
        record = PoliceReport.objects.get(pk=response.json()["id"])
        if stored is not None:
            assert getattr(record, field) == stored
        assert response.json()["received_at"] == "2024-02-10T08:30:00+08:00"

    @pytest.mark.parametrize(
        "query",
        [
            "?date_after=0001-01-01",
            "?date_before=9999-12-31",
            "?date_after=w",
            "?page_size=true",
            "?page=x",
            "?effective=maybe",
            "?category=arson",
            "?changed_after=0001-01-01T00:00:00",
        ],
    )
    def test_filters_that_cannot_be_understood_are_400(self, api_a, query):
        response = api_a.get(REPORTS + query)
        assert response.status_code == 400
        name = query[1:].split("=")[0]
        assert name in response.json()

    def test_date_bound_on_a_collection_without_dates(self, api_a):
        response = api_a.get("/api/v1/venues/?date_after=w")
        assert response.status_code == 400
        assert "date_after" in str(response.json())

    @pytest.mark.parametrize(
        ("spelling", "count"),
        [("1", 1), ("0", 1), ("是", 1), ("yes", 1), ("FALSE", 1), ("无效", 1), ("", 2)],
    )
    def test_every_boolean_spelling_filters(self, api_a, station_a, spelling, count):
        PoliceReportFactory(station=station_a, effective=True)
        PoliceReportFactory(station=station_a, effective=False)
        response = api_a.get(REPORTS, {"effective": spelling})
        assert response.status_code == 200 and response.json()["count"] == count

    def test_version_required_to_update(self, api_a, station_a):
        report = PoliceReportFactory(station=station_a)
        response = api_a.patch(f"{REPORTS}{report.pk}/", {"summary": "x"}, format="json")
        assert response.status_code == 400 and "version" in response.json()

    def test_staff_delete_of_another_station_is_404_and_of_their_own_403(
        self, api_a, station_a, station_b
    ):
        theirs = PoliceReportFactory(station=station_b)
        mine = PoliceReportFactory(station=station_a)
        assert api_a.delete(f"{REPORTS}{theirs.pk}/").status_code == 404
        assert api_a.delete(f"{REPORTS}{mine.pk}/").status_code == 403

    def test_festival_far_dates_and_length(self, api_supervisor):
        body = {"slug": "far", "name_zh": "远", "name_en": "Far"}
        far = api_supervisor.post(
            "/api/v1/festivals/",
            {**body, "starts_on": "0100-01-01", "ends_on": "9999-12-31"},
            format="json",
        )
        assert far.status_code == 400 and {"starts_on", "ends_on"} <= set(far.json())
        long = api_supervisor.post(
            "/api/v1/festivals/",
            {**body, "starts_on": "2024-01-01", "ends_on": "2024-03-01"},
            format="json",
        )
        assert long.status_code == 400 and "ends_on" in long.json()
        assert not Festival.objects.filter(slug="far").exists()

    def test_no_database_text_in_a_clash(self, api_supervisor, monkeypatch):
        from django.db import IntegrityError

        from reports.api.serializers import FestivalSerializer

        def clash(self, validated_data):
            raise IntegrityError('duplicate key value violates unique constraint "slug"')

        monkeypatch.setattr(FestivalSerializer, "create", clash)
        response = api_supervisor.post(
            "/api/v1/festivals/",
            {
                "slug": "x",
                "name_zh": "x",
                "name_en": "x",
                "starts_on": "2024-01-01",
                "ends_on": "2024-01-02",
            },
            format="json",
        )
        assert response.status_code == 409
        assert "duplicate key" not in response.content.decode()

    def test_unknown_api_path_answers_json(self, api_a):
        response = api_a.get("/api/v1/police-reports/0.5/")
        assert response.status_code == 404


@pytest.mark.django_db
class TestIdempotencyKey:
    def test_same_key_and_body_answer_the_first_response(self, api_a):
        first = api_a.post(REPORTS, good_report(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
        again = api_a.post(REPORTS, good_report(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
        assert PoliceReport.objects.count() == 1

    def test_same_key_with_another_body_is_422(self, api_a):
        api_a.post(REPORTS, good_report(), format="json", HTTP_IDEMPOTENCY_KEY="k2")
        other = api_a.post(
            REPORTS, good_report(category="fire"), format="json", HTTP_IDEMPOTENCY_KEY="k2"
        )
        assert other.status_code == 422 and PoliceReport.objects.count() == 1

    def test_keys_are_per_user(self, api_a, api_supervisor, station_a):
        api_a.post(REPORTS, good_report(), format="json", HTTP_IDEMPOTENCY_KEY="k3")
        theirs = api_supervisor.post(
            REPORTS,
            good_report(station=station_a.code),
            format="json",
            HTTP_IDEMPOTENCY_KEY="k3",
        )
        assert theirs.status_code == 201 and PoliceReport.objects.count() == 2

    def test_a_key_older_than_a_day_is_forgotten(self, api_a):
        api_a.post(REPORTS, good_report(), format="json", HTTP_IDEMPOTENCY_KEY="k4")
        IdempotencyKey.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
        api_a.post(REPORTS, good_report(), format="json", HTTP_IDEMPOTENCY_KEY="k4")
        assert PoliceReport.objects.count() == 2

    def test_a_refused_create_keeps_no_key(self, api_a):
        bad = api_a.post(
            REPORTS, good_report(category="x"), format="json", HTTP_IDEMPOTENCY_KEY="k5"
        )
        good = api_a.post(REPORTS, good_report(), format="json", HTTP_IDEMPOTENCY_KEY="k5")
        assert (bad.status_code, good.status_code) == (400, 201)

    def test_schema_documents_it(self, api_a):
        schema = api_a.get("/api/v1/schema/?format=json").json()
        post = schema["paths"]["/api/v1/police-reports/"]["post"]
        assert "Idempotency-Key" in [p["name"] for p in post["parameters"]]
        assert {"400", "401", "403", "409", "422"} <= set(post["responses"])
        patch = schema["paths"]["/api/v1/police-reports/{id}/"]["patch"]
        ref = patch["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert "version" in schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["required"]
        report = schema["components"]["schemas"]["PoliceReport"]["properties"]
        assert report["created_by"]["nullable"] is True


@pytest.mark.django_db
class TestPages:
    def test_far_received_at_is_a_form_error(self, client_a):
        response = client_a.post(
            reverse("incidents:policereport_add"),
            {"received_at": "0001-01-01T00:00", "category": "criminal", "source": "call_110"},
        )
        assert response.status_code == 200
        assert "received_at" in response.context["form"].errors

    def test_edit_without_version_is_refused(self, client_a, station_a):
        report = PoliceReportFactory(station=station_a, summary="theirs")
        response = client_a.post(
            reverse("incidents:policereport_edit", args=[report.pk]),
            {
                "received_at": "2024-02-10T08:30",
                "category": "fire",
                "source": "call_110",
                "summary": "mine",
            },
        )
        assert "version" in response.context["form"].errors
        report.refresh_from_db()
        assert report.summary == "theirs"

    @pytest.mark.parametrize("query", ["date_after=0001-01-01", "date_before=9999-12-31"])
    def test_far_bounds_on_the_list_and_export(self, client_a, query):
        assert client_a.get(reverse("incidents:policereport_list") + "?" + query).status_code == 400
        export = reverse("incidents:policereport_export", kwargs={"fmt": "csv"})
        assert client_a.get(f"{export}?{query}").status_code == 400

    def test_boolean_spellings_filter_the_list(self, client_a, station_a):
        PoliceReportFactory(station=station_a, effective=True)
        PoliceReportFactory(station=station_a, effective=False)
        for spelling, count in (("1", 1), ("否", 1), ("", 2)):
            response = client_a.get(reverse("incidents:policereport_list"), {"effective": spelling})
            assert response.context["table"].paginator.count == count, spelling

    def test_vertical_tab_in_stored_text_exports_to_xlsx(self, client_a, station_a):
        # PostgreSQL cannot store NUL at all; the other control characters it keeps.
        PoliceReportFactory(station=station_a, summary="a\x0bb\x1fc")
        response = client_a.get(reverse("incidents:policereport_export", kwargs={"fmt": "xlsx"}))
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        assert "a\ufffdb\ufffdc" in values

    def test_phone_and_id_rules_on_the_venue_form(self, client_a, station_a):
        response = client_a.post(
            reverse("inspections:venue_add"),
            {"name": "小店", "kind": "shop", "contact_phone": "1381234567"},
        )
        assert "contact_phone" in response.context["form"].errors
        VenueFactory(station=station_a)
