from xihu.api.serializers import RecordSerializer

from ..models import LargeEvent, PatrolDeployment
from ..workflows import ROW_FIELDS

AUTHORSHIP = ["created_at", "updated_at", "created_by", "updated_by", "version"]


class PatrolDeploymentSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = PatrolDeployment
        fields = ["id", "station", "date", *ROW_FIELDS, *AUTHORSHIP]


class LargeEventSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = LargeEvent
        fields = [
            "id",
            "station",
            "name",
            "starts_on",
            "ends_on",
            "location",
            "organiser",
            "expected_attendance",
            "security_plan_issued_on",
            "police_deployed",
            *AUTHORSHIP,
        ]
