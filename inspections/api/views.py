from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from xihu.api.viewsets import RecordViewSet

from ..views import FireworksPersuasionPages, InspectionPages, PublicityActivityPages, VenuePages
from ..workflows import record_reinspection
from .serializers import (
    FireworksPersuasionSerializer,
    InspectionSerializer,
    PublicityActivitySerializer,
    ReinspectionSerializer,
    VenueSerializer,
)


class VenueViewSet(RecordViewSet):
    pages = VenuePages
    serializer_class = VenueSerializer


class InspectionViewSet(RecordViewSet):
    pages = InspectionPages
    serializer_class = InspectionSerializer

    @extend_schema(request=ReinspectionSerializer, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def reinspect(self, request, pk=None):
        """Record a re-inspection: the hazards (ids) it found rectified on reinspected_on."""
        inspection = self.get_object()
        payload = ReinspectionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        wanted = set(data["hazards"])
        hazards = [h for h in inspection.hazards.all() if h.pk in wanted]
        if len(hazards) != len(wanted):
            raise serializers.ValidationError(
                {"hazards": [_("Only the open hazards of this inspection can be rectified.")]}
            )
        try:
            record_reinspection(
                inspection=inspection,
                reinspected_on=data["reinspected_on"],
                hazards=hazards,
                by=request.user,
                version=data["version"],
            )
        except ValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        fresh = self.get_queryset().get(pk=inspection.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_200_OK)


class PublicityActivityViewSet(RecordViewSet):
    pages = PublicityActivityPages
    serializer_class = PublicityActivitySerializer


class FireworksPersuasionViewSet(RecordViewSet):
    pages = FireworksPersuasionPages
    serializer_class = FireworksPersuasionSerializer
