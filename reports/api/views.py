from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from xihu.api.permissions import HasRole
from xihu.models import Station
from xihu.roles import may_edit_festivals, own_station, sees_all_stations

from ..models import Festival
from ..publications import publish
from ..summary import festival_summary
from .serializers import FestivalSerializer, summary_payload


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
        return Response(summary_payload(festival_summary(festival, station)))

    @extend_schema(request=None, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        """Freeze the festival as it stands: publication n+1 (SPEC §4; supervisors)."""
        publication = publish(festival=self.get_object(), by=request.user)
        return Response(publication_payload(publication), status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def publications(self, request, slug=None):
        """The festival's publications, oldest first (supervisors)."""
        supervisors_only(request.user)
        festival = self.get_object()
        rows = festival.publications.order_by("number").only(
            "number", "published_at", "published_by_name", "festival_id"
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            [
                {
                    **publication_brief(p),
                    "url": request.build_absolute_uri(
                        reverse("festival-publication", args=[festival.slug, p.number])
                    ),
                }
                for p in page
            ]
        )

    @extend_schema(
        operation_id="festivals_publication_retrieve",
        parameters=[OpenApiParameter("station", OpenApiTypes.STR, description="station code")],
        responses=OpenApiTypes.OBJECT,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"publications/(?P<number>[0-9]{1,9})",
        url_name="publication",
    )
    def publication(self, request, slug=None, number=None):
        """One publication as it was made, never changed afterwards; ?station= answers
        that station's summary as it was frozen."""
        supervisors_only(request.user)
        festival = self.get_object()
        publication = get_object_or_404(festival.publications, number=number)
        station = summary_station(request.user, request.query_params.get("station", ""))
        return Response(publication_payload(publication, station.code if station else None))


def supervisors_only(user):
    if not may_edit_festivals(user):
        raise PermissionDenied(_("Only supervisors read publications."))


def publication_brief(publication):
    return {
        "number": publication.number,
        "published_at": serializers.DateTimeField().to_representation(publication.published_at),
        "published_by": publication.published_by_name,
    }


def publication_payload(publication, station_code=None):
    """SPEC §4: {"number", "published_at", "published_by", "summary", "bulletin"}."""
    return {
        **publication_brief(publication),
        "summary": publication.summary(station_code),
        "bulletin": {"zh": publication.bulletin_zh, "en": publication.bulletin_en},
    }
