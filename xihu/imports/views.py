"""The import pages: upload, the batch page (preview, progress, result), confirm, undo.

Uploading makes a batch in the preview state and shows it; confirming claims the batch
once (a conditional UPDATE, so a double click saves once); the batch page then shows what
was done and offers undo to its author and to supervisors. Batches are station-scoped like
records: another station's batch answers 404.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import ListView

from .. import audit
from ..models import AuditAction
from ..roles import Role, sees_all_stations
from . import registry
from .files import ImportFileError, max_upload_bytes, too_large_message
from .models import BatchState, ImportBatch
from .tasks import (
    NamedBytes,
    confirm_task,
    estimated_rows,
    preview_task,
    run_confirm,
    run_preview,
    runs_as_task,
)
from .uploads import LimitedUploadHandler

MAX_PREVIEWS_PER_USER = 5


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("file"),
        help_text=gettext_lazy(
            "A .csv (UTF-8 or GB18030), .xlsx or .xls file, first row the columns."
        ),
    )


def _require_role(user):
    if not (user.is_authenticated and user.role in Role.values):
        raise PermissionDenied


@method_decorator(csrf_exempt, name="dispatch")  # checked in post(), after the size check
class ImportView(View):
    """Upload a file of one record type; its preview becomes a batch page."""

    importer = None
    template_name = "xihu/import_form.html"

    def dispatch(self, request, *args, **kwargs):
        _require_role(request.user)
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        pages = self.importer.pages
        return {
            "opts": pages.model._meta,
            "list_url": pages.url("list"),
            "template_url": reverse(self.importer.url_name("import_template")),
            "columns": [(c, self.importer.label(c)) for c in self.importer.columns()],
            "required": self.importer.required(),
            "max_mb": max_upload_bytes() // (1024 * 1024),
            **extra,
        }

    def get(self, request):
        return render(request, self.template_name, self.context(form=UploadForm()))

    def post(self, request):
        # Refuse an oversized upload before reading it: the declared length first, then
        # the bytes as they arrive (a client may not declare it).
        handler = LimitedUploadHandler(request, max_upload_bytes())
        request.upload_handlers.insert(0, handler)
        return csrf_protect(self.checked_post)(request)

    def checked_post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if request.upload_too_large:
            form = UploadForm(data={}, files={})
            form.errors.clear()
            form.add_error("file", too_large_message())
            return self.refuse(request, form)
        if not form.is_valid():
            return self.refuse(request, form)
        upload = form.cleaned_data["file"]
        content = upload.read(max_upload_bytes() + 1)
        if len(content) > max_upload_bytes():
            form.add_error("file", too_large_message())
            return self.refuse(request, form)
        forget_previews(request.user)
        fields = {
            "model": self.importer.model()._meta.label,
            "station": None if sees_all_stations(request.user) else request.user.station,
            "created_by": request.user,
            "file_name": (upload.name or "")[:255],
        }
        if runs_as_task(estimated_rows(content)):
            # A large file: the worker reads and checks it; this request only stores it.
            batch = ImportBatch.objects.create(
                **fields, sha256=hashlib.sha256(content).hexdigest(), upload=content
            )
            preview_task.enqueue(batch.pk)
            return HttpResponseRedirect(reverse("imports:batch_detail", args=[batch.pk]))
        try:
            opened = self.importer.open(NamedBytes(content, upload.name), user=request.user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.refuse(request, form)
        batch = ImportBatch.objects.create(**fields, sha256=opened.sha256)
        try:
            run_preview(batch, self.importer, opened, user=request.user)
        except ImportFileError as exc:  # found while reading the rows (too many, garbled)
            batch.delete()
            form.add_error("file", str(exc))
            return self.refuse(request, form)
        return HttpResponseRedirect(reverse("imports:batch_detail", args=[batch.pk]))

    def refuse(self, request, form):
        return render(request, self.template_name, self.context(form=form), status=400)


def forget_previews(user):
    """Unconfirmed previews do not pile up: expired ones go, and each user keeps a few."""
    ImportBatch.objects.expired_previews().delete()
    waiting = ImportBatch.objects.filter(
        created_by=user, state__in=(BatchState.PREVIEW, BatchState.REFUSED)
    ).values_list("pk", flat=True)
    old = list(waiting[MAX_PREVIEWS_PER_USER - 1 :])
    if old:
        ImportBatch.objects.filter(pk__in=old).delete()


class TemplateView(View):
    """The import template of one record type (XLSX; see template.py)."""

    importer = None

    def get(self, request):
        _require_role(request.user)
        from .template import template_workbook

        response = HttpResponse(
            template_workbook(self.importer),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = self.importer.pages.url_prefix
        response["Content-Disposition"] = f'attachment; filename="{name}-template.xlsx"'
        return response


class BatchMixin:
    model = ImportBatch

    def get_queryset(self):
        _require_role(self.request.user)
        return ImportBatch.objects.for_user(self.request.user).select_related(
            "created_by", "station", "undone_by"
        )

    def get_batch(self, pk):
        batch = get_object_or_404(self.get_queryset(), pk=pk)
        if registry.get(batch.model) is None:  # a record type no longer imported
            raise Http404
        return batch


class BatchListView(BatchMixin, ListView):
    """Confirmed imports, newest first: staff their station's, supervisors all."""

    template_name = "xihu/import_batch_list.html"
    paginate_by = 50

    def get_queryset(self):
        return super().get_queryset().confirmed()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for batch in context["object_list"]:
            importer = registry.get(batch.model)
            batch.type_label = (
                importer.model()._meta.verbose_name_plural if importer else batch.model
            )
        return context


class BatchDetailView(BatchMixin, View):
    """A batch: its preview and confirm form, its progress, or what it did."""

    template_name = "xihu/import_batch.html"

    def get(self, request, pk):
        batch = self.get_batch(pk)
        importer = registry.get(batch.model)
        user = request.user
        report = batch.report or {}
        context = {
            "batch": batch,
            "importer": importer,
            "opts": importer.model()._meta,
            "list_url": importer.pages.url("list"),
            "upload_url": importer.pages.url("import"),
            "columns": importer.columns(),
            "sample": report.get("sample", []),
            "errors": report.get("errors", []),
            "more_errors": max(0, batch.error_rows - len(report.get("errors", []))),
            "same_file": same_file_batches(batch, user),
            "left_alone": report.get("left_alone", []),
            "may_include": not importer.identity and (batch.identical or batch.repeated),
            "may_confirm": batch.state == BatchState.PREVIEW and batch.created_by_id == user.pk,
            "may_undo": batch.state == BatchState.DONE and may_undo(user, batch),
            "running": batch.state in (BatchState.CHECKING, BatchState.SAVING),
            "progress_text": progress_text(batch),
        }
        status = 400 if batch.state == BatchState.REFUSED else 200
        return render(request, self.template_name, context, status=status)


def same_file_batches(batch, user):
    """Earlier confirmed batches of the same file (same SHA-256) that the user may see."""
    return list(
        ImportBatch.objects.for_user(user)
        .confirmed()
        .filter(sha256=batch.sha256, model=batch.model)
        .exclude(pk=batch.pk)
        .exclude(state=BatchState.UNDONE)
        .order_by("-created_at")[:5]
    )


def may_undo(user, batch):
    return batch.created_by_id == user.pk or sees_all_stations(user)


class BatchStatusView(BatchMixin, View):
    """The batch's progress as JSON, polled by the batch page while it runs."""

    def get(self, request, pk):
        batch = self.get_batch(pk)
        return JsonResponse(
            {
                "state": batch.state,
                "state_label": batch.get_state_display(),
                "rows_total": batch.rows_total,
                "rows_read": batch.rows_read,
                "rows_checked": batch.rows_checked,
                "rows_saved": batch.rows_saved,
                "percent": batch.percent,
                "running": batch.state in (BatchState.CHECKING, BatchState.SAVING),
                "message": batch.message,
                "progress_text": progress_text(batch),
            }
        )


def progress_text(batch):
    return _("%(read)s rows read, %(checked)s checked, %(saved)s saved.") % {
        "read": batch.rows_read,
        "checked": batch.rows_checked,
        "saved": batch.rows_saved,
    }


class BatchConfirmView(BatchMixin, View):
    """Claim the preview once and import it (as a task when it is large)."""

    def post(self, request, pk):
        batch = self.get_batch(pk)
        if batch.created_by_id != request.user.pk:
            raise PermissionDenied
        detail = HttpResponseRedirect(reverse("imports:batch_detail", args=[batch.pk]))
        if same_file_batches(batch, request.user) and not request.POST.get("same_file_ok"):
            messages.error(
                request, _("This file was imported before: tick the box to import it again.")
            )
            return detail
        include = bool(request.POST.get("include_identical"))
        claimed = ImportBatch.objects.filter(
            pk=batch.pk, state=BatchState.PREVIEW, created_by=request.user
        ).update(state=BatchState.SAVING, include_identical=include, confirmed_at=timezone.now())
        if not claimed:
            messages.info(request, _("This import was already confirmed; it is saved once."))
            return detail
        batch.refresh_from_db()
        audit.record(
            AuditAction.CREATE,
            request=request,
            model=batch.model,
            detail=f"import batch={batch.pk} confirmed rows={batch.rows_total}",
        )
        if runs_as_task(batch.to_create + batch.to_update):
            confirm_task.enqueue(batch.pk)  # the batch page shows the progress
        else:
            run_confirm(batch, user=request.user)
        batch.refresh_from_db()
        if batch.state == BatchState.DONE:
            messages.success(
                request,
                _("Imported: %(created)d created, %(updated)d updated, %(skipped)d skipped.")
                % {"created": batch.created, "updated": batch.updated, "skipped": batch.skipped},
            )
        elif batch.state == BatchState.FAILED:
            messages.error(request, batch.message)
        return detail


class BatchUndoView(BatchMixin, View):
    """Undo a confirmed batch (its author or a supervisor)."""

    def post(self, request, pk):
        batch = self.get_batch(pk)
        if not may_undo(request.user, batch):
            raise PermissionDenied
        from .writer import undo_batch

        try:
            left = undo_batch(batch, user=request.user)
        except DatabaseError:
            left = None
            messages.error(request, _("The batch could not be undone; nothing was changed."))
        else:
            if left is None:
                messages.info(request, _("This batch is not imported (or already undone)."))
            else:
                audit.record(
                    AuditAction.DELETE,
                    request=request,
                    model=batch.model,
                    detail=f"undo import batch={batch.pk} left_alone={len(left)}",
                )
                messages.success(
                    request,
                    _("The batch was undone; %(count)d records were left alone.")
                    % {"count": len(left)},
                )
        return HttpResponseRedirect(reverse("imports:batch_detail", args=[batch.pk]))
