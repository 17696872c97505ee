"""The base table of every record list, its fast row rendering and its capped paginator.

django-tables2 renders each cell by introspecting the column's `render` signature
(`inspect.signature`, once per cell) and, for date columns, by compiling a template per
cell; at 50 rows × 9 columns that was most of a list page's CPU. `FastRowsMixin` renders the
same HTML with everything that does not depend on the row worked out once per column.
"""

from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.base import render_value_in_context
from django.templatetags.l10n import localize, unlocalize
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2 import Column, Table, TemplateColumn
from django_tables2.utils import signature

# Unfiltered lists count at most this many rows (the page says "10,000+") and page through
# them; a filter brings an exact count.
LIST_COUNT_CAP = 10_000
# The largest page a `?per_page=` may ask for: a bigger one is a denial of service, not a list.
MAX_PER_PAGE = 500


class BoundedPageSizeMixin:
    """A table whose `?per_page=` (read by django-tables2's RequestConfig) is kept sensible.

    A page size outside 1..MAX_PER_PAGE (negative, zero, a million) falls back to the
    table's own `Meta.per_page`; django-tables2 would otherwise hand it to the Paginator,
    which raises EmptyPage outside the code that catches it (a 500).
    """

    def paginate(self, paginator_class=Paginator, per_page=None, page=1, *args, **kwargs):
        if per_page is not None and not 1 <= per_page <= MAX_PER_PAGE:
            per_page = None
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)


class CappedPaginator(Paginator):
    """A Paginator that counts at most `cap` rows of a queryset (all of them if cap is None).

    With more rows than `cap`, `count` is `cap`, `capped` is True and only the first `cap`
    rows are paged: the count query reads at most cap + 1 rows (`LIMIT`, no `ORDER BY`),
    never the whole table. `object_list` is a queryset or django-tables2's BoundRows of one.
    """

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, cap=None):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.cap = cap

    def _queryset(self):
        data = getattr(self.object_list, "data", self.object_list)  # BoundRows -> TableData
        return getattr(data, "data", data)  # TableData -> QuerySet

    @cached_property
    def _counted(self):
        if self.cap is None:
            return super().count, False
        rows = self._queryset().order_by()[: self.cap + 1].count()
        return min(rows, self.cap), rows > self.cap

    @property
    def count(self):
        return self._counted[0]

    @property
    def capped(self):
        """True when the list has more rows than `cap` (and `count` is `cap`)."""
        return self._counted[1]


class CellRenderer:
    """One column's cells, rendered as django-tables2's bootstrap template renders them.

    What django-tables2 recomputes per cell is computed here once per column: the render
    function's signature, the `<td>` attributes (unless they are callables of the record),
    a template column's compiled template. Value lookup, choice labels, empty values and
    links go through django-tables2's own code, so every column type keeps its meaning.
    """

    def __init__(self, bound_column, table):
        self.bound_column = bound_column
        self.column = bound_column.column
        self.table = table
        render = bound_column.render
        if isinstance(self.column, TemplateColumn) and self.column.template_code:
            self.template = Template(self.column.template_code)
            render = self.render_template
        self.render = render
        self.args, self.takes_kwargs = signature(render)
        self.value_of = self._value_reader(bound_column, table)
        attrs = {**table.attrs, **self.column.attrs}
        td = attrs.get("td", attrs.get("cell", {}))
        self.td_per_cell = any(callable(value) for value in td.values())
        self.td = None if self.td_per_cell else bound_column.attrs["td"].as_html()

    @staticmethod
    def _value_reader(bound_column, table):
        """record -> value for a column showing one field of the table's model, or None.

        The value django-tables2 would find (`get_FOO_display()` for a field with choices)
        without its per-cell accessor walk and Django's per-call choice dictionary; other
        columns (relations followed, methods, many-to-many) keep django-tables2's lookup.
        """
        model = getattr(table._meta, "model", None)
        accessor = str(bound_column.accessor)
        if model is None or "." in accessor or "__" in accessor:
            return None
        try:
            field = model._meta.get_field(accessor)
        except FieldDoesNotExist:
            return None
        if not field.concrete or field.many_to_many or field.name != accessor:
            return None
        if field.choices:
            labels = dict(make_hashable(field.flatchoices))  # as Model._get_FIELD_display

            def display(record):
                value = getattr(record, accessor)
                return force_str(labels.get(make_hashable(value), value), strings_only=True)

            return display
        return attrgetter(accessor)

    def render_template(self, record, table, value, bound_column, bound_row):
        """TemplateColumn.render with the template compiled once, not once per cell."""
        column = self.column
        parent = getattr(table, "context", None) or Context()
        context = column.get_context_data(
            record=record, table=table, value=value, bound_column=bound_column, bound_row=bound_row
        )
        with parent.update(context):
            parent["request"] = getattr(table, "request", None)
            return self.template.render(parent)

    def call(self, bound_column, value=None):
        row = self.row
        kwargs = {
            "value": value,
            "record": row.record,
            "column": self.column,
            "bound_column": bound_column,
            "bound_row": row,
            "table": self.table,
        }
        call_kwargs = (
            kwargs if self.takes_kwargs else {a: kwargs[a] for a in self.args if a in kwargs}
        )
        if len(call_kwargs) < len(self.args):
            content = None  # django-tables2 skips a render it cannot call
        else:
            content = self.render(**call_kwargs)
        return bound_column.link(content, **kwargs) if bound_column.link else content

    def cell(self, row, context):
        """`<td …>content</td>` for one row."""
        self.row = row
        bound_column = self.bound_column
        if self.value_of is None:
            content = row._get_and_render_with(bound_column, self.call, bound_column.default)
        else:
            value = self.value_of(row.record)
            if value in self.column.empty_values:
                content = bound_column.default
            else:
                content = self.call(bound_column, value)
        if self.column.localize is not None:
            content = localize(content) if self.column.localize else unlocalize(content)
        td = self.td
        if td is None:
            bound_column.current_value, bound_column.current_record = content, row.record
            td = bound_column.attrs["td"].as_html()
        return format_html("<td {}>{}</td>", td, render_value_in_context(content, context))


class FastRowsMixin:
    """Renders the page's `<tbody>` rows in one call (template tag `table_rows`)."""

    def rows_html(self, context):
        """The `<tr>` elements of the current page, or the empty-text row."""
        renderers = [CellRenderer(column, self) for column in self.columns]
        rows = []
        for row in self.paginated_rows:
            cells = mark_safe("".join(r.cell(row, context) for r in renderers))
            rows.append(format_html("<tr {}>{}</tr>", row.attrs.as_html(), cells))
        if not rows and self.empty_text:
            return format_html(
                '<tr><td colspan="{}">{}</td></tr>', len(self.columns), self.empty_text
            )
        return format_html_join("\n", "{}", ((row,) for row in rows))


class RecordTable(BoundedPageSizeMixin, FastRowsMixin, Table):
    """Base table: the first column links to the record; station shown by name."""

    id = Column(linkify=True, verbose_name="#")
    station = Column(verbose_name=_("station"), order_by=("station__code",))

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        per_page = 50
        empty_text = _("No records match.")
        template_name = "xihu/table.html"
