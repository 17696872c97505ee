"""`Idempotency-Key` on API creates: a retried or double-sent create makes one record.

The web forms get the same from their one-time token (FormSubmission); an API client sends
a key of its own choosing. Within 24 hours, the same user, key and body are answered the
first response again (with `Idempotent-Replayed: true`); the same key with another body or
another collection answers 422. Only successful creates keep their key, so a refused
request may be corrected and sent again with the same key.
"""

import datetime
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ..models import IdempotencyKey

HEADER = "Idempotency-Key"
WINDOW = datetime.timedelta(hours=24)
MAX_LENGTH = 255

# Documented on every create that honours it (see xihu.api.schema).
PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique text (e.g. a UUID), at most 255 printable ASCII characters. Sending the "
        "same key and body again within 24 hours answers the first response instead of "
        "creating a second record; the same key with another body answers 422."
    ),
)


def fingerprint(request) -> str:
    """SHA-256 of the collection and the parsed body, independent of key order."""
    canonical = json.dumps(
        {"path": request.path, "data": request.data},
        sort_keys=True,
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _key_of(request):
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_LENGTH or not (key.isascii() and key.isprintable()):
        raise ValidationError(
            {HEADER: [_("Send 1 to 255 printable ASCII characters, e.g. a UUID.")]}
        )
    return key


def _replay(earlier, request):
    if earlier.fingerprint != fingerprint(request):
        return Response(
            {"detail": _("This Idempotency-Key was already used with another request body.")},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    return Response(earlier.body, status=earlier.status, headers={"Idempotent-Replayed": "true"})


class IdempotentCreateMixin:
    """For ModelViewSets: `create` honours the Idempotency-Key header."""

    def create(self, request, *args, **kwargs):
        key = _key_of(request)
        if key is None:
            return super().create(request, *args, **kwargs)
        mine = IdempotencyKey.objects.filter(user=request.user, key=key)
        mine.filter(created_at__lt=timezone.now() - WINDOW).delete()
        earlier = mine.first()
        if earlier is not None:
            return _replay(earlier, request)
        try:
            with transaction.atomic():
                response = super().create(request, *args, **kwargs)
                if status.is_success(response.status_code):
                    body = json.loads(json.dumps(response.data, cls=DjangoJSONEncoder))
                    IdempotencyKey.objects.create(
                        user=request.user,
                        key=key,
                        path=request.path[:500],
                        fingerprint=fingerprint(request),
                        status=response.status_code,
                        body=body,
                    )
        except IntegrityError:
            # The same key sent twice at once: the first one's record stands (this one's
            # was rolled back with the key), and this request is answered like a retry.
            earlier = mine.first()
            if earlier is None:
                raise
            return _replay(earlier, request)
        return response
