"""Validating rows with a form each and writing them all, with history, or none."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django import forms
from django.db import models, transaction
from django.urls import path
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import Station
from ..roles import own_station
from .files import ImportFileError, read_table

# Export-only columns: accepted (so an exported file imports again) and ignored.
IGNORED_COLUMNS = ("id", "created_at", "updated_at", "created_by", "updated_by", "version")
TRUE_WORDS = {"true", "1", "yes", "y", "t", "是", "有效"}
FALSE_WORDS = {"false", "0", "no", "n", "f", "否", "无效"}


@dataclass
class RowError:
    line: int  # the spreadsheet's line number, the header being line 1
    errors: dict[str, list[str]]
    values: dict[str, str]


@dataclass
class Checked:
    """The outcome of validating every row: records ready to save, or the rows' errors."""

    records: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class RecordImport:
    """Import of one record type; subclass and set `pages` and `fields`.

    `fields` are the SPEC column names besides `station`; `form_class` (optional, a
    ModelForm of those fields) validates one row. It must not have a `station` field (the
    station is resolved here, by code, and staff may only import for their own station) and
    its __init__ must not depend on the row (see _row_form).
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
    # Fields naming one record (a UniqueConstraint's, or a rule like it): a row repeating a
    # saved record or an earlier row of the file is refused; one query for the whole file.
    identity: tuple[str, ...] = ()
    max_rows = 50_000
    batch_size = 1000
    preview_rows = 20
    shown_errors = 200
    template_upload = "xihu/import_form.html"
    template_preview = "xihu/import_preview.html"

    # --- the engine, usable without the pages (admin, commands, tests) ---

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
    def get_form_class(cls):
        if cls.form_class is None:
            cls.form_class = forms.modelform_factory(cls.model(), fields=list(cls.fields))
        return cls.form_class

    @classmethod
    def parse(cls, uploaded, *, user) -> list[dict[str, str]]:
        """Rows of the file as {column: text}; raises ImportFileError for the whole file."""
        headers, rows = read_table(uploaded, max_rows=cls.max_rows)
        known = set(cls.columns()) | set(IGNORED_COLUMNS)
        unknown = [h for h in headers if h and h not in known]
        if unknown:
            raise ImportFileError(
                _("Unknown columns: %(columns)s. Allowed: %(allowed)s.")
                % {"columns": ", ".join(unknown), "allowed": ", ".join(cls.columns())}
            )
        doubled = sorted({h for h in headers if h and headers.count(h) > 1})
        if doubled:
            raise ImportFileError(
                _("Columns named twice: %(columns)s.") % {"columns": ", ".join(doubled)}
            )
        needed = list(cls.required())
        if own_station(user) is None:
            needed.insert(0, "station")
        missing = [name for name in needed if name not in headers]
        if missing:
            raise ImportFileError(
                _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        if not rows:
            raise ImportFileError(_("The file has a header but no rows."))
        keep = [(i, h) for i, h in enumerate(headers) if h in cls.columns()]
        return [{h: (cells[i] if i < len(cells) else "") for i, h in keep} for cells in rows]

    @classmethod
    def check(cls, rows: list[dict[str, str]], *, user) -> Checked:
        """Validate every row; records are unsaved instances with station and author set."""
        stations = {s.code: s for s in Station.objects.all()}
        form_class = cls.get_form_class()
        meta = cls.model()._meta
        booleans = {
            name for name in cls.fields if isinstance(meta.get_field(name), models.BooleanField)
        }
        defaults = {
            name: meta.get_field(name).get_default()
            for name in cls.fields
            if meta.get_field(name).has_default()
        }
        template = form_class(instance=cls.model())
        checked = Checked()
        valid = []  # (line, record, row) of the rows without errors, for the identity check
        for index, row in enumerate(rows):
            errors: dict[str, list[str]] = {}
            station = cls._station(row.get("station", ""), user, stations, errors)
            data = {}
            for name in cls.fields:
                value = row.get(name, "")
                if value == "" and name in defaults:
                    value = defaults[name]
                elif name in booleans:
                    value = _boolean(value, errors, name)
                data[name] = value
            instance = cls.model()(station=station)
            if not cls.validate_constraints:
                instance.validate_constraints = _skip_constraints
            form = _row_form(template, data, instance)
            if not form.is_valid():
                for name, messages_ in form.errors.items():
                    errors.setdefault(name if name != "__all__" else "row", []).extend(messages_)
            if errors:
                checked.errors.append(RowError(line=index + 2, errors=errors, values=row))
            else:
                valid.append((index + 2, form.instance, row))
        if cls.identity:
            cls._check_identity(valid, checked)
        if not checked.errors:
            for _line, record, _row in valid:
                record.created_by = record.updated_by = user
                checked.records.append(record)
        return checked

    @classmethod
    def _check_identity(cls, valid, checked):
        """Refuse rows whose `identity` repeats a saved record or an earlier row."""
        meta = cls.model()._meta
        names = [meta.get_field(name).attname for name in cls.identity]
        period = meta.get_field(cls.model().period_field).attname
        key = lambda record: tuple(getattr(record, name) for name in names)  # noqa: E731
        dates = {getattr(record, period) for _line, record, _row in valid}
        stations = {record.station_id for _line, record, _row in valid}
        saved = set(
            cls.model()
            .objects.filter(**{f"{period}__in": dates, "station_id__in": stations})
            .values_list(*names)
        )
        seen = {}
        message = _("This record is already saved; change it instead of importing it again.")
        for line, record, row in valid:
            if key(record) in saved:
                errors = {"row": [message]}
            elif key(record) in seen:
                errors = {"row": [_("Same as line %(line)d.") % {"line": seen[key(record)]}]}
            else:
                seen[key(record)] = line
                continue
            checked.errors.append(RowError(line=line, errors=errors, values=row))
        checked.errors.sort(key=lambda error: error.line)

    @classmethod
    def _station(cls, code, user, stations, errors):
        mine = own_station(user)
        if mine is not None:
            if code and code != mine.code:
                errors["station"] = [_("You can only record for your own station.")]
            return mine
        if not code:
            errors["station"] = [_("This field is required.")]
        elif code not in stations:
            errors["station"] = [_("No station has the code “%(code)s”.") % {"code": code}]
        return stations.get(code)

    @classmethod
    def save(cls, checked: Checked, *, user) -> int:
        """Write every record and its history, or nothing; returns the number written."""
        if not checked.ok:
            raise ValueError("refusing to save an import with errors")
        with transaction.atomic():
            bulk_create_with_history(
                checked.records,
                cls.model(),
                batch_size=cls.batch_size,
                default_user=user,
                default_change_reason="import",
            )
        return len(checked.records)

    # --- the pages ---

    @classmethod
    def url_name(cls, action="import"):
        return cls.pages.url_name(action)

    @classmethod
    def urls(cls):
        from .views import ImportConfirmView, ImportView

        name = cls.model()._meta.model_name
        p = cls.pages.url_prefix
        return [
            path(f"{p}/import/", ImportView.as_view(importer=cls), name=f"{name}_import"),
            path(
                f"{p}/import/<str:token>/",
                ImportConfirmView.as_view(importer=cls),
                name=f"{name}_import_confirm",
            ),
        ]


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


def _boolean(value, errors, name):
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    errors[name] = [_("Enter yes or no (true/false, 1/0, 是/否).")]
    return False
