"""The upload, preview and confirm pages; rows wait server-side between the last two."""

import json
import os
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .. import audit
from ..models import AuditAction
from ..roles import Role
from .files import ImportFileError

SESSION_KEY = "xihu_imports"
MAX_AGE_SECONDS = 24 * 60 * 60  # a preview not confirmed within a day is forgotten


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
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # records are not for other users
    now = time.time()
    for old in folder.glob("*.json"):  # forget abandoned previews
        if now - old.stat().st_mtime > MAX_AGE_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    fd = os.open(_parked_path(request.user, token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(rows, file, ensure_ascii=False)
    parked = {
        key: entry
        for key, entry in request.session.get(SESSION_KEY, {}).items()
        if now - entry["at"] <= MAX_AGE_SECONDS
    }
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
    if parked.pop(token, None) is not None:  # only a token this session issued names a file
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
