"""Import of records from CSV/XLSX: upload → preview with per-row errors → confirm.

Columns are named as in SPEC §2 (the export's names), so an exported file imports again.
An import is all or nothing: one bad row and nothing is written. Rows are validated with a
Django form per row, written with bulk_create in batches and their history with
simple-history's `bulk_create_with_history`, in one transaction.

Use: subclass `RecordImport` per record type, name its `pages` bundle and the `fields` it
accepts, and include `urls()` next to the pages' own; the list then shows an Import button.
Between preview and confirm the parsed rows wait in a server-side file named by a random
token that only the uploader's session knows.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import json
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from simple_history.utils import bulk_create_with_history

from . import audit
from .models import AuditAction, Station
from .roles import Role, own_station

# Export-only columns: accepted (so an exported file imports again) and ignored.
IGNORED_COLUMNS = ("id", "created_at", "updated_at", "created_by", "updated_by", "version")
TRUE_WORDS = {"true", "1", "yes", "y", "t", "是", "有效"}
FALSE_WORDS = {"false", "0", "no", "n", "f", "否", "无效"}
SESSION_KEY = "xihu_imports"
MAX_AGE_SECONDS = 24 * 60 * 60  # a preview not confirmed within a day is forgotten


class ImportFileError(Exception):
    """The file as a whole cannot be imported (format, columns, size)."""


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


def cell_text(value) -> str:
    """A spreadsheet cell as text; naive date-times stay naive (local time, SPEC §2)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def read_table(uploaded, *, max_rows: int) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of an uploaded .csv (UTF-8 or GB18030) or .xlsx, as text."""
    name = (getattr(uploaded, "name", "") or "").lower()
    content = uploaded.read()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(content)
    elif name.endswith(".csv"):
        lines = _csv_lines(content)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    try:
        headers = [cell_text(h).lower() for h in next(lines)]
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    rows = []
    for cells in lines:
        texts = [cell_text(c) for c in cells]
        if any(texts):  # spreadsheets often end with blank lines
            rows.append(texts)
            if len(rows) > max_rows:
                raise ImportFileError(
                    _("The file has more than %(max)d rows; split it.") % {"max": max_rows}
                )
    return headers, rows


def _csv_lines(content: bytes):
    # Excel on Chinese Windows saves CSV in GB18030/GBK rather than UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The CSV file is neither UTF-8 nor GB18030 text."))
    try:
        return iter(list(csv.reader(io.StringIO(text, newline=""))))
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file cannot be read: %(error)s") % {"error": exc})


def _xlsx_lines(content: bytes):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or mislabelled file
        raise ImportFileError(_("The XLSX file cannot be read.")) from None
    return iter(list(book.worksheets[0].iter_rows(values_only=True)))


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
            elif not checked.errors:  # once a row fails, no record will be saved anyway
                record = form.instance
                record.created_by = record.updated_by = user
                checked.records.append(record)
        return checked

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


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("file"),
        help_text=gettext_lazy("A .csv (UTF-8 or GB18030) or .xlsx file, first row the columns."),
    )


# --- parked rows between preview and confirm ---


def _import_dir() -> Path:
    return Path(getattr(settings, "IMPORT_DIR", Path(tempfile.gettempdir()) / "xihu-imports"))


def _parked_path(user, token) -> Path:
    return _import_dir() / f"{user.pk}-{token}.json"


def park_rows(request, importer, rows) -> str:
    """Keep the rows server-side; the token is valid only in this user's session."""
    folder = _import_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.glob("*.json"):  # forget abandoned previews
        if now - old.stat().st_mtime > MAX_AGE_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    _parked_path(request.user, token).write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    parked = request.session.get(SESSION_KEY, {})
    parked[token] = {"model": importer.model()._meta.label, "at": int(now)}
    request.session[SESSION_KEY] = parked
    return token


def take_rows(request, importer, token) -> list[dict[str, str]] | None:
    """The parked rows of this user's session, or None if unknown, foreign or expired."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["model"] != importer.model()._meta.label:
        return None
    if time.time() - entry["at"] > MAX_AGE_SECONDS:
        return None
    try:
        return json.loads(_parked_path(request.user, token).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def drop_rows(request, token) -> None:
    parked = request.session.get(SESSION_KEY, {})
    parked.pop(token, None)
    request.session[SESSION_KEY] = parked
    _parked_path(request.user, token).unlink(missing_ok=True)


class ImportBaseView(View):
    importer = None

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.role in Role.values):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        pages = self.importer.pages
        return {
            "opts": pages.model._meta,
            "list_url": pages.url("list"),
            "upload_url": pages.url("import"),
            "columns": self.importer.columns(),
            "required": self.importer.required(),
            **extra,
        }

    def preview(self, request, rows, checked, token=None):
        shown = checked.errors[: self.importer.shown_errors]
        sample = rows[: self.importer.preview_rows] if checked.ok else []
        return render(
            request,
            self.importer.template_preview,
            self.context(
                rows_total=len(rows),
                error_rows=len(checked.errors),
                errors=[
                    (row.line, column, row.values.get(column, ""), texts)
                    for row in shown
                    for column, texts in row.errors.items()
                ],
                more_errors=len(checked.errors) - len(shown),
                sample=[[row.get(c, "") for c in self.importer.columns()] for row in sample],
                token=token,
            ),
            status=200 if checked.ok else 400,
        )


class ImportView(ImportBaseView):
    """Upload a file; answer the preview (and park the rows when every row is valid)."""

    def get(self, request):
        return render(request, self.importer.template_upload, self.context(form=UploadForm()))

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = self.importer.parse(form.cleaned_data["file"], user=request.user)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
        if not form.is_valid():
            return render(
                request, self.importer.template_upload, self.context(form=form), status=400
            )
        checked = self.importer.check(rows, user=request.user)
        token = park_rows(request, self.importer, rows) if checked.ok else None
        return self.preview(request, rows, checked, token)


class ImportConfirmView(ImportBaseView):
    """Import the parked rows, checked once more (the database may have changed since)."""

    def post(self, request, token):
        rows = take_rows(request, self.importer, token)
        if rows is None:
            messages.error(request, _("This import has expired or was already done."))
            return HttpResponseRedirect(self.importer.pages.url("import"))
        checked = self.importer.check(rows, user=request.user)
        if not checked.ok:
            drop_rows(request, token)
            return self.preview(request, rows, checked)
        try:
            count = self.importer.save(checked, user=request.user)
        except DatabaseError as exc:  # a rule only the database checked; nothing was written
            messages.error(request, _("Nothing was imported: %(error)s") % {"error": exc})
            return HttpResponseRedirect(self.importer.pages.url("import"))
        finally:
            drop_rows(request, token)
        # bulk_create sends no history signal, so the audit gets one entry for the import.
        audit.record(
            AuditAction.CREATE,
            request=request,
            model=self.importer.model()._meta.label,
            detail=f"import rows={count}",
        )
        messages.success(request, _("Imported %(count)d records.") % {"count": count})
        return HttpResponseRedirect(self.importer.pages.url("list"))
