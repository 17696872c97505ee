"""The generic record pages: list, detail, create, edit, delete and export.

Role and station scoping live here and nowhere else: every view reads through
`model.objects.for_user(user)`, so a record of another station is simply not found (404).
Apps declare a `RecordPages` subclass per model and include its `urls()`.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, ProtectedError, Sum
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from ..exports import (
    EXPORT_FORMATS,
    STREAM_ROWS,
    dataset,
    export_response,
    export_value,
    sheet_title,
    stream_csv_response,
)
from ..models import SAVE_CLASHED, FormSubmission, VersionConflict
from ..roles import may_delete
from ..tables import LIST_COUNT_CAP, CappedPaginator


class DuplicateSubmission(Exception):
    """The same create form was submitted again (a double click, a resent request)."""

    def __init__(self, token):
        self.token = token
        super().__init__(token)


class RecordMixin:
    pages = None  # the RecordPages bundle this view serves

    @property
    def model(self):
        return self.pages.model

    def get_queryset(self):
        return self.pages.queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pages"] = self.pages
        context["opts"] = self.pages.model._meta
        context["may_delete"] = may_delete(self.request.user)
        context["list_url"] = self.pages.url("list")
        for action in ("add", "import"):
            try:
                context[f"{action}_url"] = self.pages.url(action)
            except NoReverseMatch:  # a read-only list (hazards), or no import for this record
                pass
        for fmt in EXPORT_FORMATS:
            context[f"export_{fmt}_url"] = reverse(
                self.pages.url_name("export"), kwargs={"fmt": fmt}
            )
        record = getattr(self, "object", None)
        if record is not None and record.pk:
            context["edit_url"] = self.pages.url("edit", record.pk)
            context["delete_url"] = self.pages.url("delete", record.pk)
        return context


class RecordListView(RecordMixin, SingleTableMixin, FilterView):
    template_name = "xihu/object_list.html"

    def get_filterset_class(self):
        return self.pages.filterset_class

    def get_table_class(self):
        return self.pages.table_class

    def get_table_pagination(self, table):
        """50 a page. A list narrowed by a filter (the summary's drill-down links are filters:
        their counts must reconcile) is counted exactly, in one query with its footer's
        totals; an unfiltered list is counted up to LIST_COUNT_CAP and has no footer."""
        self.list_totals = []
        if not self.is_filtered():
            return {"per_page": 50, "paginator_class": CappedPaginator, "cap": LIST_COUNT_CAP}
        count, self.list_totals = self.pages.list_totals(self.object_list)
        return {"per_page": 50, "paginator_class": CountedPaginator, "count": count}

    def is_filtered(self):
        """True when a field of the filter form other than the text search is given.

        A text search alone may match most of the table and is no drill-down: it is counted
        up to the cap like the unfiltered list.
        """
        form = self.filterset.form
        if not form.is_bound or not form.is_valid():
            return False
        return any(
            value not in (None, "", [], ())
            for name, value in form.cleaned_data.items()
            if name != "q"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_totals"] = self.list_totals
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            # The page shows the filter form's errors and no rows; the status says so too.
            response.status_code = 400
        return response


class CountedPaginator(CappedPaginator):
    """Told its exact count (by the list's totals query) instead of counting again."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def _counted(self):
        return self.known_count, False


def filter_errors_response(filterset):
    """400 naming each filter value that could not be understood, as plain text."""
    lines = [
        f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
        for name, messages in filterset.errors.items()
    ]
    return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")


class RecordExportView(RecordMixin, FilterView):
    def get_filterset_class(self):
        return self.pages.filterset_class

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        filterset = self.get_filterset(self.get_filterset_class())
        # No query at all (the unfiltered list's button) exports every visible row.
        if filterset.is_bound and not filterset.is_valid():
            return filter_errors_response(filterset)  # an export never guesses
        rows = (self.pages.export_row(obj) for obj in filterset.qs.iterator(chunk_size=2000))
        count = filterset.qs.count()
        if count > STREAM_ROWS:
            if fmt != "csv":
                messages.error(
                    request,
                    _("More than %(max)d rows: export them as CSV, or filter the list.")
                    % {"max": STREAM_ROWS},
                )
                return HttpResponseRedirect(f"{self.pages.url('list')}?{request.GET.urlencode()}")
            self.pages.log_export(request, count, fmt)
            return stream_csv_response(rows, self.pages.export_headers(), self.pages.url_prefix)
        data = dataset(rows, self.pages.export_headers(), sheet_title(self.pages.model))
        self.pages.log_export(request, count, fmt)
        return export_response(data, self.pages.url_prefix, fmt)


class RecordDetailView(RecordMixin, generic.DetailView):
    template_name = "xihu/object_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fields"] = self.pages.detail_fields(self.object)
        context["history"] = self.pages.history(self.object)
        return context


class RecordFormMixin(RecordMixin):
    template_name = "xihu/object_form.html"

    def get_form_class(self):
        return self.pages.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_formsets(self):
        instance = getattr(self, "object", None)
        data = self.request.POST if self.request.method == "POST" else None
        return {
            prefix: formset_class(data, instance=instance, prefix=prefix)
            for prefix, formset_class in self.pages.formsets.items()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formsets", self.get_formsets())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.editing else None
        form = self.get_form()
        formsets = self.get_formsets()
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            # Formsets validate against the unsaved parent; rules spanning both (e.g. a
            # time-limited hazard needs a notice) are checked by the bundle.
            self.pages.clean_together(form, formsets)
        if (
            form.is_valid()
            and all(fs.is_valid() for fs in formsets.values())
            and not (form.errors or any(fs.non_form_errors() for fs in formsets.values()))
        ):
            try:
                with transaction.atomic():
                    claim = self.claim_form_token(form)
                    self.object = self.pages.save(form, formsets, by=request.user)
                    if claim is not None:
                        claim.object_id = str(self.object.pk)
                        claim.save(update_fields=["object_id"])
            except VersionConflict:
                form.add_error(None, _("This record was changed by someone else while you saved."))
            except DuplicateSubmission as duplicate:
                return self.already_saved(duplicate.token)
            except IntegrityError:
                form.add_error(None, SAVE_CLASHED)
            else:
                return self.form_saved(form)
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def claim_form_token(self, form):
        """Claim the create form's one-time token inside the saving transaction.

        Of two submissions of the same rendered form, the second one's INSERT waits for the
        first to commit and then hits the unique token: it saves nothing. A form without a
        token (an old page, a script) saves as before.
        """
        token = (form.cleaned_data or {}).get("form_token") if not self.editing else None
        if not token:
            return None
        try:
            with transaction.atomic():
                return FormSubmission.objects.create(
                    token=token, user=self.request.user, model=self.pages.model._meta.label
                )
        except IntegrityError:
            raise DuplicateSubmission(token)

    def already_saved(self, token):
        claim = FormSubmission.objects.filter(token=token, user=self.request.user).first()
        record = None
        if claim is not None and claim.object_id:
            record = self.get_queryset().filter(pk=claim.object_id).first()
        messages.info(self.request, _("This form was already submitted; it was saved once."))
        if record is None:
            return HttpResponseRedirect(self.pages.url("list"))
        return HttpResponseRedirect(record.get_absolute_url())

    def form_saved(self, form):
        messages.success(self.request, _("Saved: %(record)s") % {"record": self.object})
        if "_addanother" in self.request.POST:
            return HttpResponseRedirect(self.pages.url("add"))
        return HttpResponseRedirect(self.object.get_absolute_url())


class RecordCreateView(RecordFormMixin, generic.CreateView):
    editing = False


class RecordUpdateView(RecordFormMixin, generic.UpdateView):
    editing = True


class RecordDeleteView(RecordMixin, generic.DeleteView):
    template_name = "xihu/object_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        obj = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])  # 404 before 403
        if not may_delete(request.user):
            raise PermissionDenied
        self.object = obj
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object.delete(by=self.request.user)
        except ProtectedError:
            messages.error(
                self.request, _("Other records refer to this one; it cannot be deleted.")
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("Deleted: %(record)s") % {"record": self.object})
        return HttpResponseRedirect(self.pages.url("list"))


def replace_view(patterns, name, view):
    """The generic patterns with the one named `name` served by the record's own view."""
    return [path(str(p.pattern), view, name=name) if p.name == name else p for p in patterns]


class RecordPages:
    """Everything the generic pages need to know about one record type.

    Subclass per model; override a hook only where the record really differs.
    """

    model = None
    url_prefix = ""  # e.g. "police-reports"
    filterset_class = None
    table_class = None
    form_class = None
    formsets: dict = {}  # prefix -> inline formset class, saved with the record
    export_fields: tuple[str, ...] = ()
    list_select_related: tuple[str, ...] = ("station",)
    list_prefetch_related: tuple[str, ...] = ()
    # The list's footer: fields summed over every filtered row (a figure's sum, SPEC §3), and
    # {name: (label, path)} counted distinct (the venues behind the inspections).
    list_sums: tuple[str, ...] = ()
    list_distinct: dict = {}
    detail_exclude: tuple[str, ...] = ("id",)

    @classmethod
    def queryset(cls, user):
        qs = cls.model.objects.for_user(user).select_related(*cls.list_select_related)
        if cls.list_prefetch_related:
            qs = qs.prefetch_related(*cls.list_prefetch_related)
        return qs.order_by(*cls.ordering())

    @classmethod
    def list_totals(cls, queryset):
        """(number of rows, [(label, key, value)] of the footer) over every filtered row, not
        just the page: one query."""
        aggregates = {"rows": Count("pk")}
        aggregates.update({f"sum_{name}": Sum(name, default=0) for name in cls.list_sums})
        for key, (_label, lookup) in cls.list_distinct.items():
            aggregates[f"distinct_{key}"] = Count(lookup, distinct=True)
        values = queryset.order_by().aggregate(**aggregates)
        fields = {f.name: f for f in cls.model._meta.concrete_fields}
        for name in cls.list_sums:
            places = getattr(fields[name], "decimal_places", None)
            if places is not None:  # money: SQLite's sum carries the float's digits
                values[f"sum_{name}"] = Decimal(values[f"sum_{name}"]).quantize(
                    Decimal(1).scaleb(-places)
                )
        return values["rows"], [
            *(
                (fields[name].verbose_name, f"sum-{name}", values[f"sum_{name}"])
                for name in cls.list_sums
            ),
            *(
                (label, f"distinct-{key}", values[f"distinct_{key}"])
                for key, (label, _path) in cls.list_distinct.items()
            ),
        ]

    @classmethod
    def ordering(cls):
        if cls.model.period_field:
            return (f"-{cls.model.period_field}", "-pk")
        return ("-pk",)

    @classmethod
    def url_name(cls, action):
        return f"{cls.model._meta.app_label}:{cls.model._meta.model_name}_{action}"

    @classmethod
    def url(cls, action, *args):
        return reverse(cls.url_name(action), args=args)

    @classmethod
    def export_columns(cls) -> list[str]:
        """The export's record columns: `export_fields` with `version` after `id`, so that
        an exported file imports back as updates under the conflict rule (SPEC §2)."""
        columns = list(cls.export_fields)
        if "id" in columns and "version" not in columns:
            columns.insert(columns.index("id") + 1, "version")
        return columns

    @classmethod
    def export_headers(cls):
        return cls.export_columns()

    @classmethod
    def export_row(cls, record):
        return [export_value(record, name) for name in cls.export_columns()]

    @classmethod
    def log_export(cls, request, count, fmt):
        from .. import audit

        audit.record(
            "export",
            request=request,
            model=cls.model._meta.label,
            detail=f"rows={count} format={fmt} query={request.GET.urlencode()}",
        )

    @classmethod
    def detail_fields(cls, record):
        from ..forms import describe_value

        return [
            (field.verbose_name, describe_value(record, field.name))
            for field in record._meta.concrete_fields
            if field.name not in cls.detail_exclude
        ]

    @classmethod
    def history(cls, record, limit=50):
        """Newest first, each with the fields it changed (one query for the entries)."""
        entries = list(
            record.history.select_related("history_user").order_by("-history_id")[: limit + 1]
        )
        out = []
        for newer, older in zip(entries, entries[1:] + [None], strict=False):
            changes = newer.diff_against(older).changes if older is not None else []
            out.append({"entry": newer, "changes": changes})
        return out[:limit]

    @classmethod
    def clean_together(cls, form, formsets):
        """Rules that span the record and its line items; add errors to form or formsets."""

    @classmethod
    def save(cls, form, formsets, *, by):
        record = form.save(commit=False)
        record.save(by=by)
        for formset in formsets.values():
            formset.instance = record
            formset.save()
        return record

    @classmethod
    def urls(cls):
        name = cls.model._meta.model_name
        p = cls.url_prefix
        fmts = "|".join(EXPORT_FORMATS)
        from django.urls import re_path

        return [
            path(f"{p}/", RecordListView.as_view(pages=cls), name=f"{name}_list"),
            re_path(
                rf"^{p}/export\.(?P<fmt>{fmts})$",
                RecordExportView.as_view(pages=cls),
                name=f"{name}_export",
            ),
            path(f"{p}/add/", RecordCreateView.as_view(pages=cls), name=f"{name}_add"),
            path(f"{p}/<int:pk>/", RecordDetailView.as_view(pages=cls), name=f"{name}_detail"),
            path(f"{p}/<int:pk>/edit/", RecordUpdateView.as_view(pages=cls), name=f"{name}_edit"),
            path(
                f"{p}/<int:pk>/delete/", RecordDeleteView.as_view(pages=cls), name=f"{name}_delete"
            ),
        ]


class FormPageView(generic.TemplateView):
    """A page computed from a GET form in its context (`form`): a period board, a rates
    page. A value the form cannot read answers 400 with the form's errors on the page, as
    the record lists do (SPEC §2: a date outside the window is 400, never "all")."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        form = response.context_data.get("form")
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response
