from django.db import transaction
from rest_framework import viewsets

from .idempotency import IdempotentCreateMixin


class RecordViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    """List, create, retrieve, update (with version) and delete, scoped like the pages.

    `pages` is the app's RecordPages bundle: the API reads through the same queryset, so
    a record of another station answers 404 here exactly as on the pages. Creates honour
    the Idempotency-Key header (xihu.api.idempotency).
    """

    pages = None

    def get_queryset(self):
        # The serializer names the authors: join them rather than one query per row.
        return self.pages.queryset(self.request.user).select_related("created_by", "updated_by")

    def get_filterset_class(self):
        return self.pages.filterset_class

    @property
    def filterset_class(self):
        return self.pages.filterset_class

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete(by=self.request.user)
