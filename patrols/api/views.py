from xihu.api.viewsets import RecordViewSet

from ..views import LargeEventPages, PatrolDeploymentPages
from .serializers import LargeEventSerializer, PatrolDeploymentSerializer


class PatrolDeploymentViewSet(RecordViewSet):
    pages = PatrolDeploymentPages
    serializer_class = PatrolDeploymentSerializer


class LargeEventViewSet(RecordViewSet):
    pages = LargeEventPages
    serializer_class = LargeEventSerializer
