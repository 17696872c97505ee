from rest_framework import viewsets

from ..models import Station
from .permissions import AdminWritesOthersRead, HasRole
from .serializers import StationSerializer


class StationViewSet(viewsets.ModelViewSet):
    """Every signed-in user reads the stations; only admins change them."""

    queryset = Station.objects.order_by("code")
    serializer_class = StationSerializer
    permission_classes = [HasRole, AdminWritesOthersRead]
    lookup_field = "code"
    filterset_fields = ["kind"]
