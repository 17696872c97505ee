import django_tables2 as tables

from xihu.tables import RecordTable

from .models import Case, PoliceReport


class PoliceReportTable(RecordTable):
    received_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta(RecordTable.Meta):
        model = PoliceReport
        fields = ["id", "received_at", "station", "category", "effective", "source", "location"]


class CaseTable(RecordTable):
    class Meta(RecordTable.Meta):
        model = Case
        fields = [
            "id",
            "cracked_on",
            "station",
            "nature",
            "category",
            "title",
            "suspects_arrested",
            "gangs_smashed",
            "recovered_value",
        ]
