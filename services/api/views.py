from xihu.api.viewsets import RecordViewSet

from ..views import ServiceTallyPages
from .serializers import ServiceTallySerializer


class ServiceTallyViewSet(RecordViewSet):
    pages = ServiceTallyPages
    serializer_class = ServiceTallySerializer
