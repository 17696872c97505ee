from xihu.api.viewsets import RecordViewSet

from ..views import CasePages, PoliceReportPages
from .serializers import CaseSerializer, PoliceReportSerializer


class PoliceReportViewSet(RecordViewSet):
    pages = PoliceReportPages
    serializer_class = PoliceReportSerializer


class CaseViewSet(RecordViewSet):
    pages = CasePages
    serializer_class = CaseSerializer
