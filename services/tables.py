from xihu.tables import RecordTable

from .models import ServiceTally


class ServiceTallyTable(RecordTable):
    class Meta(RecordTable.Meta):
        model = ServiceTally
        fields = [
            "id",
            "date",
            "station",
            "department",
            "handled",
            "vehicle_driving",
            "on_time",
            "praised",
        ]
