import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from xihu.tables import RecordTable

from .masking import masked_names
from .models import Dispute


class RiskColumn(tables.Column):
    def render(self, record, value):
        return format_html('<span class="badge {}">{}</span>', record.risk_css, value)


class PartiesColumn(tables.Column):
    """Masked names only (张*、李*): the list never shows whole personal data."""

    def __init__(self, **kwargs):
        super().__init__(accessor="pk", orderable=False, verbose_name=_("parties"), **kwargs)

    def render(self, record):
        return masked_names(record.parties.all())  # prefetched with the page


class DisputeTable(RecordTable):
    risk_level = RiskColumn()
    parties = PartiesColumn()

    class Meta(RecordTable.Meta):
        model = Dispute
        fields = [
            "id",
            "registered_on",
            "station",
            "category",
            "risk_level",
            "status",
            "channel",
            "parties",
            "resolved_on",
        ]


class AttentionTable(DisputeTable):
    reason = tables.Column(accessor="pk", orderable=False, verbose_name=_("needs attention"))

    class Meta(DisputeTable.Meta):
        fields = [*DisputeTable.Meta.fields, "reason"]

    def render_reason(self, record):
        if record.status == "resolved":
            return _("No follow-up visit within 7 days of resolution")
        return _("Major or high risk, not yet resolved")
