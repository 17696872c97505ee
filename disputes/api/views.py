from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from xihu.api.viewsets import RecordViewSet

from .. import workflows
from ..masking import log_reveal
from ..views import DisputePages
from .serializers import (
    DisputeSerializer,
    EscalateSerializer,
    FollowUpVisitSerializer,
    MediationSerializer,
    ResolveSerializer,
)

# The API's detail page: one record the caller may see, whole and audited. Lists and the
# workflow steps' answers stay masked, so bulk reads never carry whole personal data.
REVEALING_ACTIONS = {"retrieve", "create", "update", "partial_update"}


class DisputeViewSet(RecordViewSet):
    pages = DisputePages
    serializer_class = DisputeSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "reveal": self.action in REVEALING_ACTIONS}

    def retrieve(self, request, *args, **kwargs):
        dispute = self.get_object()
        log_reveal(request, dispute, via="api")
        return Response(self.get_serializer(dispute).data)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        log_reveal(self.request, serializer.instance, via="api")

    def _step(self, request, payload_class, workflow, *, created=False):
        """Validate the payload, run the workflow step, answer the dispute (masked)."""
        dispute = self.get_object()
        payload = payload_class(data=request.data)
        payload.is_valid(raise_exception=True)
        workflow(dispute=dispute, by=request.user, **payload.validated_data)
        fresh = self.get_queryset().get(pk=dispute.pk)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=MediationSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"], url_path="start-mediation")
    def start_mediation(self, request, pk=None):
        """Start (or move) mediation through a channel: people, administrative, judicial."""
        return self._step(request, MediationSerializer, workflows.start_mediation)

    @extend_schema(request=ResolveSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Resolve: resolved_on (never before registration) and the resolution summary."""
        return self._step(request, ResolveSerializer, workflows.resolve)

    @extend_schema(request=EscalateSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        """Hand the dispute to a higher body (escalated_to)."""
        return self._step(request, EscalateSerializer, workflows.escalate)

    @extend_schema(request=FollowUpVisitSerializer, responses={201: DisputeSerializer})
    @action(detail=True, methods=["post"], url_path="follow-ups")
    def follow_up(self, request, pk=None):
        """Record a follow-up visit (闭环回访); answers 201 with the dispute."""
        return self._step(
            request, FollowUpVisitSerializer, workflows.record_follow_up, created=True
        )
