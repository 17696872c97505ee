import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class RecordTable(tables.Table):
    """Base table: the first column links to the record; station shown by name."""

    id = tables.Column(linkify=True, verbose_name="#")
    station = tables.Column(verbose_name=_("station"), order_by=("station__code",))

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        per_page = 50
        empty_text = _("No records match.")
