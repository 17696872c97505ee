from xihu.api.serializers import RecordSerializer

from ..models import Case, PoliceReport


class PoliceReportSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = PoliceReport
        fields = [
            "id",
            "station",
            "received_at",
            "category",
            "effective",
            "source",
            "location",
            "summary",
            "created_at",
            "updated_at",
            "created_by",
            "updated_by",
            "version",
        ]


class CaseSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Case
        fields = [
            "id",
            "station",
            "cracked_on",
            "nature",
            "category",
            "title",
            "suspects_arrested",
            "gangs_smashed",
            "recovered_value",
            "created_at",
            "updated_at",
            "created_by",
            "updated_by",
            "version",
        ]
