"""Checking an import's rows once, planning what they do, and carrying the plan out.

`RecordImport.open()` reads the file and maps its headers; `check()` validates every row
(once: the cell through xihu.inputs, then the record's form) and returns a `Plan`: records
to create, records to update (rows with `id` and `version`), rows skipped as identical to a
record or to an earlier row, and the rows' errors. `save()` carries a plan out, all or
nothing, with history rows written set-wise. `undo()` reverses a confirmed batch.
"""

from __future__ import annotations

import copy
import datetime
import json
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from .. import inputs
from ..exports import FORMULA_PREFIXES
from ..formfields import InputRulesModelForm
from ..models import Station
from ..roles import own_station
from . import registry
from .files import NO_RESULT, ImportFileError, normalise_header, read_table

# Export-only columns: accepted (so that an exported file imports again) and ignored.
EXPORT_ONLY_COLUMNS = ("created_at", "updated_at", "created_by", "updated_by")
ROW_KEY_COLUMNS = ("id", "version")
PROGRESS_EVERY = 500  # rows between two progress reports


@dataclass
class RowError:
    line: int  # the spreadsheet's line number, the header being line 1
    errors: dict[str, list[str]]
    values: dict[str, str]


@dataclass
class Upload:
    """An opened file: its columns (field name per position, None for ignored) and rows."""

    file_name: str
    sha256: str
    columns: list[str | None]
    rows: object  # iterator of (line, cells)


@dataclass
class Plan:
    """What a checked file would do. Values are in the importer's `fields` order.

    creates:  (line, station_id, values)
    updates:  (line, pk, version, {field: new value}, {field: value before})
    skipped:  (line, station_id, values, reason) rows identical to a record ("identical")
              or to an earlier row of the file ("repeated"); created only when asked
    unchanged: lines of rows with an id whose values equal their record's
    """

    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    sample: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        return {
            "rows_total": self.rows,
            "to_create": len(self.creates),
            "to_update": len(self.updates),
            "identical": len(self.unchanged) + sum(1 for s in self.skipped if s[3] == "identical"),
            "repeated": sum(1 for s in self.skipped if s[3] == "repeated"),
            "error_rows": len(self.errors),
        }


class StaleRows(Exception):
    """Records changed between the preview and the confirmation (the conflict rule)."""

    def __init__(self, lines):
        self.lines = lines
        super().__init__(lines)


def strip_export_quote(text: str) -> str:
    """Undo the export's guard: `'=SUM(…)` back to `=SUM(…)` (exports.neutralise)."""
    if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_PREFIXES:
        return text[1:]
    return text


def cell_text(value) -> str:
    """A cell as text, for fields that take text (and for the error table)."""
    if value is None or value is NO_RESULT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def cell_value(model_field, raw):
    """A cell as the record's form field takes it: the form's fields then apply SPEC §2's
    input rules (xihu.inputs: codes or labels, booleans, NFKC, the date window), once.

    What only a spreadsheet has is settled here: a formula without its result is an error,
    the export's apostrophe is removed, a money cell is rounded to cents (11000.009999999998
    is shown, and meant, as 11000.01), a whole number held as a float is an integer, and date
    and date-time cells are passed as dates. Raises ValidationError.
    """
    if raw is NO_RESULT:
        raise ValidationError(
            _("This formula has no stored result: open the file in Excel or WPS and save it.")
        )
    if isinstance(raw, str):
        return strip_export_quote(raw)
    if isinstance(raw, bool | datetime.date | datetime.time) or raw is None:
        return raw
    if isinstance(model_field, models.DecimalField) and isinstance(raw, float | int):
        step = Decimal(1).scaleb(-model_field.decimal_places)
        return str(Decimal(repr(raw)).quantize(step, rounding=ROUND_HALF_UP))
    return cell_text(raw)


class RecordImport:
    """Import of one record type; subclass and set `pages` and `fields`.

    `fields` are the SPEC column names besides `station`; `form_class` (optional, a
    ModelForm of those fields) validates one row. It must not have a `station` field (the
    station is resolved here, by code or name, and staff may only import for their own
    station) and its __init__ must not depend on the row (see _row_form).
    """

    pages = None  # the RecordPages bundle of the record type
    fields: tuple[str, ...] = ()
    required_columns: tuple[str, ...] | None = None  # default: fields without a default
    form_class: type[forms.ModelForm] | None = None
    # Each model constraint costs one query per row to validate (10,000 rows x 3 constraints
    # took a minute). Counts and money already carry validators that restate their
    # constraints, and the database refuses any row that breaks one, rolling back the whole
    # import; set True where a constraint says something no validator or clean() says.
    validate_constraints = False
    # Fields naming one record (a UniqueConstraint's, or a rule like it): a new row repeating
    # a saved record's identity or an earlier row's, with other values, is refused; one query
    # for the whole file. (A row equal in every value is skipped as identical instead.)
    identity: tuple[str, ...] = ()
    max_rows = 200_000
    batch_size = 1000
    preview_rows = 20
    shown_errors = 200

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.pages is not None:
            registry.register(cls)

    # --- columns ---

    @classmethod
    def model(cls):
        return cls.pages.model

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        return ("station", *cls.fields)

    @classmethod
    def required(cls) -> tuple[str, ...]:
        if cls.required_columns is not None:
            return cls.required_columns
        meta = cls.model()._meta
        return tuple(
            name
            for name in cls.fields
            if not meta.get_field(name).has_default() and not meta.get_field(name).blank
        )

    @classmethod
    def label(cls, name, language="zh-hans") -> str:
        with translation.override(language):
            return str(cls.model()._meta.get_field(name).verbose_name)

    @classmethod
    def header_names(cls) -> dict[str, str]:
        """{normalised header: column}: field names, and their Chinese and English labels."""
        names = {}
        for name in (*ROW_KEY_COLUMNS, *cls.columns()):
            for language in ("zh-hans", "en"):
                names.setdefault(normalise_header(cls.label(name, language)), name)
        for name in (*ROW_KEY_COLUMNS, *cls.columns(), *EXPORT_ONLY_COLUMNS):
            names[normalise_header(name)] = name  # a name wins over another field's label
        return names

    @classmethod
    def column_of(cls, header: str, names: dict[str, str]) -> str | None:
        key = normalise_header(header)
        if key in names:
            return names[key]
        # The template's "接警时间 (received_at)": a label with the name in brackets.
        if key.endswith(")") and "(" in key:
            return names.get(key[key.rindex("(") + 1 : -1])
        return None

    @classmethod
    def get_form_class(cls):
        if cls.form_class is None:
            # The fields of SPEC §2's input rules, as the record's own form builds them.
            cls.form_class = forms.modelform_factory(
                cls.model(), form=InputRulesModelForm, fields=list(cls.fields)
            )
        return cls.form_class

    # --- reading ---

    @classmethod
    def open(cls, uploaded, *, user) -> Upload:
        """Read the header and check the columns; raises ImportFileError for the whole file."""
        table = read_table(uploaded, max_rows=cls.max_rows)
        names = cls.header_names()
        columns = [cls.column_of(h, names) if h else None for h in table.headers]
        unknown = [h for h, c in zip(table.headers, columns, strict=True) if h and c is None]
        if unknown:
            allowed = ", ".join(f"{c} ({cls.label(c)})" for c in cls.columns())
            raise ImportFileError(
                _("Unknown columns: %(columns)s. Allowed: %(allowed)s.")
                % {"columns": ", ".join(unknown), "allowed": allowed}
            )
        doubled = sorted({c for c in columns if c and columns.count(c) > 1})
        if doubled:
            raise ImportFileError(
                _("Columns named twice: %(columns)s.") % {"columns": ", ".join(doubled)}
            )
        needed = list(cls.required())
        if own_station(user) is None:
            needed.insert(0, "station")
        missing = [name for name in needed if name not in columns]
        if missing and "id" not in columns:
            raise ImportFileError(
                _("Missing columns: %(columns)s.")
                % {"columns": ", ".join(f"{m} ({cls.label(m)})" for m in missing)}
            )
        if "version" in columns and "id" not in columns:
            raise ImportFileError(_("A version column needs the id column beside it."))
        columns = [c if c not in EXPORT_ONLY_COLUMNS else None for c in columns]
        name = getattr(uploaded, "name", "") or ""
        return Upload(name[:255], table.sha256, columns, table.rows)

    # --- checking ---

    @classmethod
    def check(cls, upload: Upload, *, user, progress=None) -> Plan:
        """Validate every row once and plan what it does (see Plan); nothing is written.

        `progress(read=…, checked=…)` is called every PROGRESS_EVERY rows.
        """
        checker = _Checker(cls, upload, user)
        for line, cells in upload.rows:
            checker.row(line, cells)
            if progress and checker.plan.rows % PROGRESS_EVERY == 0:
                progress(read=checker.plan.rows, checked=checker.plan.rows)
        if not checker.plan.rows:
            raise ImportFileError(_("The file has a header but no rows."))
        checker.finish()
        if progress:
            progress(read=checker.plan.rows, checked=checker.plan.rows)
        return checker.plan

    # --- the plan between preview and confirmation ---

    @classmethod
    def dump_plan(cls, plan: Plan) -> bytes:
        data = {
            "creates": plan.creates,
            "updates": plan.updates,
            "skipped": plan.skipped,
            "unchanged": plan.unchanged,
        }
        return zlib.compress(json.dumps(data, cls=DjangoJSONEncoder).encode(), 1)

    @classmethod
    def load_plan(cls, blob: bytes) -> Plan:
        data = json.loads(zlib.decompress(bytes(blob)))
        meta = cls.model()._meta
        kinds = [meta.get_field(name) for name in cls.fields]

        def values(raw):
            return [f.to_python(v) for f, v in zip(kinds, raw, strict=True)]

        def named(raw):
            return {k: meta.get_field(k).to_python(v) for k, v in raw.items()}

        return Plan(
            creates=[(line, sid, values(v)) for line, sid, v in data["creates"]],
            updates=[(ln, pk, ver, named(c), b) for ln, pk, ver, c, b in data["updates"]],
            skipped=[(line, sid, values(v), why) for line, sid, v, why in data["skipped"]],
            unchanged=data["unchanged"],
        )

    # --- writing ---

    @classmethod
    def save(cls, plan: Plan, *, user, batch, include_skipped=False, progress=None):
        """Carry a plan out in one transaction; returns (created, updated, skipped).

        Updates take the usual conflict rule: a record whose version moved since the
        preview aborts the whole import (StaleRows, naming the lines); nothing is written.
        """
        from .writer import write_plan

        return write_plan(
            cls, plan, user=user, batch=batch, include_skipped=include_skipped, progress=progress
        )

    # --- pages ---

    @classmethod
    def url_name(cls, action="import"):
        return cls.pages.url_name(action)

    @classmethod
    def urls(cls):
        from django.urls import path

        from .views import ImportView, TemplateView

        name = cls.model()._meta.model_name
        p = cls.pages.url_prefix
        return [
            path(f"{p}/import/", ImportView.as_view(importer=cls), name=f"{name}_import"),
            path(
                f"{p}/import/template.xlsx",
                TemplateView.as_view(importer=cls),
                name=f"{name}_import_template",
            ),
        ]


class _Checker:
    """One pass over the rows; update rows wait for one query that loads their records."""

    def __init__(self, importer, upload, user):
        self.importer = importer
        self.user = user
        self.columns = upload.columns
        self.plan = Plan()
        self.model = importer.model()
        meta = self.model._meta
        self.kinds = {name: meta.get_field(name) for name in importer.fields}
        self.present = [c for c in self.columns if c]
        self.defaults = {name: f.get_default() for name, f in self.kinds.items() if f.has_default()}
        self.mine = own_station(user)
        self.stations = {}
        for station in Station.objects.all():
            for spelling in (station.code, station.name_zh, station.name_en):
                self.stations[spelling.casefold()] = station
        form_class = importer.get_form_class()
        self.template = form_class(instance=self.model())
        self.pending_updates = []  # (line, shown, values, errors, pk, version)
        self.seen = {}  # row key -> first line, for rows repeated in the file
        self.keys = []  # (index in creates, key)

    def row(self, line, cells):
        plan = self.plan
        plan.rows += 1
        row = {c: v for c, v in zip(self.columns, cells, strict=False) if c}
        shown = {c: cell_text(v) for c, v in row.items()}
        if len(plan.sample) < self.importer.preview_rows:
            plan.sample.append([shown.get(c, "") for c in self.importer.columns()])
        errors: dict[str, list[str]] = {}
        values = {}
        for name, raw in row.items():
            if name in self.kinds:
                try:
                    values[name] = cell_value(self.kinds[name], raw)
                except ValidationError as exc:
                    errors[name] = exc.messages
        station = self.station(shown.get("station", ""), errors)
        pk, version = self.row_key(shown, errors)
        if pk is not None:
            self.pending_updates.append((line, shown, values, errors, pk, version, station))
            return
        self.validate(line, shown, values, errors, station, record=None)

    def station(self, text, errors):
        text = inputs.normalise_structured(text) if text else ""
        if self.mine is not None:
            if text and self.stations.get(text.casefold()) != self.mine:
                errors["station"] = [_("You can only record for your own station.")]
            return self.mine
        if not text:
            errors["station"] = [_("This field is required.")]
            return None
        station = self.stations.get(text.casefold())
        if station is None:
            errors["station"] = [_("No station has the code “%(code)s”.") % {"code": text}]
        return station

    def row_key(self, shown, errors):
        pk = version = None
        for name in ROW_KEY_COLUMNS:
            text = inputs.normalise_structured(shown.get(name, "")) if name in shown else ""
            if not text:
                continue
            if text.endswith(".0"):  # a spreadsheet number
                text = text[:-2]
            if not text.isdigit() or len(text) > 18:
                errors[name] = [_("Enter a whole number.")]
            elif name == "id":
                pk = int(text)
            else:
                version = int(text)
        if pk is not None and version is None and "version" not in errors:
            errors["version"] = [
                _("A row with an id needs the version it was exported with (export again).")
            ]
        return pk, version

    def validate(self, line, shown, values, errors, station, record):
        data = {}
        for name, f in self.kinds.items():
            if name in values and values[name] not in ("", None):
                data[name] = values[name]
            elif record is not None and name not in self.present:
                data[name] = f.value_from_object(record)  # a column the file leaves out
            elif name in self.defaults and name not in errors:
                data[name] = self.defaults[name]
            else:
                data[name] = ""
        instance = copy.copy(record) if record is not None else self.model(station=station)
        if not self.importer.validate_constraints:
            instance.validate_constraints = _skip_constraints
        form = _row_form(self.template, data, instance)
        if not form.is_valid():
            for name, messages_ in form.errors.items():
                if name not in errors:
                    errors.setdefault(name if name != "__all__" else "row", []).extend(messages_)
        if errors:
            self.plan.errors.append(RowError(line=line, errors=errors, values=shown))
            return
        if self.plan.errors:
            return  # nothing will be saved; keep checking for errors only
        current = [getattr(form.instance, self.kinds[n].attname) for n in self.importer.fields]
        if record is None:
            key = (instance.station_id, *current)
            if key in self.seen:
                self.plan.skipped.append((line, instance.station_id, current, "repeated"))
            else:
                self.seen[key] = line
                self.keys.append((len(self.plan.creates), key))
                self.plan.creates.append((line, instance.station_id, current))
            return
        changes, before = {}, {}
        for name, value in zip(self.importer.fields, current, strict=True):
            old = getattr(record, self.kinds[name].attname)
            if value != old:
                changes[name] = value
                before[name] = old
        if changes:
            before = json.loads(json.dumps(before, cls=DjangoJSONEncoder))
            self.plan.updates.append((line, record.pk, record.version, changes, before))
        else:
            self.plan.unchanged.append(line)

    def finish(self):
        self.check_updates()
        self.skip_identical()
        if self.importer.identity:
            self.check_identity()

    def check_updates(self):
        pending = self.pending_updates
        records = {}
        ids = [p[4] for p in pending]
        visible = self.model.objects.for_user(self.user)
        for start in range(0, len(ids), 900):  # SQLite allows ~1,000 parameters
            records.update(visible.in_bulk(ids[start : start + 900]))
        claimed = set()
        for line, shown, values, errors, pk, version, station in pending:
            record = records.get(pk)
            if record is None:
                errors["id"] = [_("No record with this id is yours to change.")]
            elif pk in claimed:
                errors["id"] = [_("Another row of the file changes the same record.")]
            elif version is not None and version != record.version:
                errors["version"] = [
                    _(
                        "The record was changed since this file was exported (version "
                        "%(theirs)d, now %(now)d): export it again."
                    )
                    % {"theirs": version, "now": record.version}
                ]
            elif station is not None and station.pk != record.station_id:
                errors["station"] = [_("An import does not move a record to another station.")]
            claimed.add(pk)
            self.validate(line, shown, values, errors, station, record=record)

    def skip_identical(self):
        """Move the new rows equal to a record already stored to `skipped` (one query)."""
        creates = self.plan.creates
        if not creates or self.plan.errors:
            return
        attnames = [self.kinds[n].attname for n in self.importer.fields]
        stations = {key[0] for _i, key in self.keys}
        existing = self.model.objects.filter(station_id__in=stations)
        period = self.model.period_field
        if period in self.importer.fields:
            position = self.importer.fields.index(period)
            found = [key[1 + position] for _i, key in self.keys]
            existing = existing.filter(
                Q(**{f"{period}__gte": min(found)}) & Q(**{f"{period}__lte": max(found)})
            )
        stored = set(existing.values_list("station_id", *attnames).iterator(chunk_size=5000))
        keep = []
        for index, key in self.keys:
            line, station_id, values = creates[index]
            if key in stored:
                self.plan.skipped.append((line, station_id, values, "identical"))
            else:
                keep.append(creates[index])
        self.plan.creates = keep

    def check_identity(self):
        """Refuse new rows whose identity repeats a saved record or an earlier row."""
        creates = self.plan.creates
        if not creates or self.plan.errors:
            return
        names = [f for f in self.importer.identity if f != "station"]
        positions = [self.importer.fields.index(name) for name in names]
        attnames = [self.kinds[name].attname for name in names]

        def key(station_id, values):
            return (station_id, *(values[i] for i in positions))

        keys = [key(station_id, values) for _line, station_id, values in creates]
        period = self.model.period_field
        saved = self.model.objects.filter(station_id__in={k[0] for k in keys})
        if period in names:
            found = {k[1 + names.index(period)] for k in keys}
            saved = saved.filter(**{f"{period}__in": found})
        saved = set(saved.values_list("station_id", *attnames))
        seen = {}
        for (line, _station_id, _values), identity in zip(creates, keys, strict=True):
            if identity in saved:
                message = _(
                    "This record is already saved; change it instead of importing it again."
                )
            elif identity in seen:
                message = _("Same as line %(line)d.") % {"line": seen[identity]}
            else:
                seen[identity] = line
                continue
            self.plan.errors.append(RowError(line=line, errors={"row": [message]}, values={}))
        self.plan.errors.sort(key=lambda error: error.line)


def _row_form(template, data, instance):
    """A bound copy of one form built once: a form's __init__ deep-copies every field, which
    is half the time of validating a row; cleaning does not change the fields, so rows can
    share them. Row forms must therefore not set anything per instance in __init__."""
    form = copy.copy(template)
    form.data = data
    form.is_bound = True
    form.instance = instance
    form._errors = None
    form._bound_fields_cache = {}
    return form


def _skip_constraints(exclude=None):
    """Stands in for Model.validate_constraints on import rows (see validate_constraints)."""
