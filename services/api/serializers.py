from xihu.api.serializers import RecordSerializer

from ..models import ServiceTally


class ServiceTallySerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = ServiceTally
        fields = [
            "id",
            "station",
            "date",
            "department",
            "handled",
            "vehicle_driving",
            "on_time",
            "praised",
            "created_at",
            "updated_at",
            "created_by",
            "updated_by",
            "version",
        ]
