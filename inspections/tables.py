import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu.tables import BoundedPageSizeMixin, FastRowsMixin, RecordTable

from .models import FireworksPersuasion, Hazard, Inspection, PublicityActivity, Venue


class VenueTable(RecordTable):
    name = tables.Column(linkify=True)

    class Meta(RecordTable.Meta):
        model = Venue
        fields = ["id", "name", "station", "kind", "address", "contact_name", "contact_phone"]


class InspectionTable(RecordTable):
    venue = tables.Column(linkify=True, order_by=("venue__name",))
    hazards_found = tables.Column(verbose_name=_("hazards"), empty_values=(), orderable=False)
    hazards_open = tables.Column(verbose_name=_("open"), empty_values=(), orderable=False)

    class Meta(RecordTable.Meta):
        model = Inspection
        fields = [
            "id",
            "inspected_on",
            "station",
            "venue",
            "inspectors",
            "notice_number",
            "notice_deadline",
            "reinspected_on",
        ]
        sequence = [*fields, "hazards_found", "hazards_open"]

    # Both read the prefetched hazards (RecordPages.list_prefetch_related): no query per row.
    def render_hazards_found(self, record):
        return len(record.hazards.all())

    def render_hazards_open(self, record):
        return sum(1 for h in record.hazards.all() if h.rectified_on is None)


class PublicityActivityTable(RecordTable):
    class Meta(RecordTable.Meta):
        model = PublicityActivity
        fields = [
            "id",
            "held_on",
            "station",
            "topic",
            "title",
            "materials_distributed",
            "attendees",
        ]


class FireworksPersuasionTable(RecordTable):
    class Meta(RecordTable.Meta):
        model = FireworksPersuasion
        fields = ["id", "occurred_on", "station", "location", "behaviours"]


class OverdueHazardTable(BoundedPageSizeMixin, tables.Table):
    station = tables.Column(
        verbose_name=_("station"), accessor="inspection__station", orderable=False
    )
    venue = tables.Column(
        verbose_name=_("venue"), accessor="inspection__venue", linkify=True, orderable=False
    )
    inspection = tables.Column(verbose_name=_("inspection"), linkify=True, orderable=False)
    notice_number = tables.Column(
        verbose_name=_("notice"), accessor="inspection__notice_number", orderable=False
    )
    deadline = tables.DateColumn(
        format="Y-m-d",
        verbose_name=_("notice deadline"),
        accessor="inspection__notice_deadline",
        orderable=False,
    )
    days_overdue = tables.Column(verbose_name=_("days overdue"), empty_values=(), orderable=False)

    class Meta:
        model = Hazard
        fields = ["station", "venue", "inspection", "description", "kind", "notice_number"]
        sequence = [*fields, "deadline", "days_overdue"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "overdue-table"}
        empty_text = _("No hazard is overdue.")

    def render_days_overdue(self, record):
        return (timezone.localdate() - record.inspection.notice_deadline).days


class HazardTable(BoundedPageSizeMixin, FastRowsMixin, tables.Table):
    """The hazard list: each hazard with its venue, its inspection and its disposition."""

    id = tables.Column(linkify=True, verbose_name="#")
    inspected_on = tables.DateColumn(
        verbose_name=_("inspected on"),
        accessor="inspection__inspected_on",
        order_by=("inspection__inspected_on", "pk"),
    )
    station = tables.Column(
        verbose_name=_("station"), accessor="inspection__station", order_by="inspection__station"
    )
    venue = tables.Column(
        verbose_name=_("venue"), accessor="inspection__venue", linkify=True, orderable=False
    )
    venue_kind = tables.Column(
        verbose_name=_("venue kind"), accessor="inspection__venue__kind", orderable=False
    )
    inspection = tables.Column(verbose_name=_("inspection"), linkify=True, orderable=False)

    class Meta:
        model = Hazard
        fields = ["id", "description", "kind", "disposition", "rectified_on"]
        sequence = ["id", "inspected_on", "station", "venue", "venue_kind", "inspection", "..."]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "hazard-table"}
        per_page = 50
        empty_text = _("No records match.")
        template_name = RecordTable.Meta.template_name

    def render_venue_kind(self, record):
        return record.inspection.venue.get_kind_display()
