from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from xihu.api.permissions import HasRole
from xihu.models import Station
from xihu.roles import may_edit_festivals, own_station, sees_all_stations

from ..models import Festival
from ..summary import festival_summary
from .serializers import FestivalBriefSerializer, FestivalSerializer, sections_json


class FestivalsWritableBySupervisors(permissions.BasePermission):
    """Everyone signed in reads festivals; supervisors and admins create and edit them."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or may_edit_festivals(request.user)


def summary_station(user, code):
    """The station a summary is for: staff always their own; others the one named, or all."""
    mine = own_station(user)
    if mine is not None or not sees_all_stations(user):
        return mine
    if not code:
        return None
    station = Station.objects.filter(code=code).first()
    if station is None:
        raise ValidationError({"station": [_("Unknown station: %(code)s") % {"code": code}]})
    return station


class FestivalViewSet(viewsets.ModelViewSet):
    queryset = Festival.objects.select_related("comparison").order_by("-starts_on", "slug")
    serializer_class = FestivalSerializer
    lookup_field = "slug"
    permission_classes = [HasRole, FestivalsWritableBySupervisors]
    filterset_fields = []

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance._history_user = self.request.user
            instance.delete()

    @extend_schema(
        parameters=[OpenApiParameter("station", OpenApiTypes.STR, description="station code")],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"])
    def summary(self, request, slug=None):
        """SPEC §3's figures over the festival, with the comparison festival's and changes."""
        festival = self.get_object()
        station = summary_station(request.user, request.query_params.get("station", ""))
        data = festival_summary(festival, station)
        comparison = data["comparison"]
        return Response(
            {
                "festival": FestivalBriefSerializer(festival).data,
                "comparison": FestivalBriefSerializer(comparison).data if comparison else None,
                "station": station.code if station else None,
                "sections": sections_json(data["sections"]),
            }
        )
