"""Every failure of the API answers JSON with a status a client can act on, never a 500."""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from ..models import SAVE_CLASHED, VersionConflict

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
    if isinstance(exc, VersionConflict):
        set_rollback()
        current = exc.current
        return Response(
            {
                "detail": _("This record was changed by someone else. Reload it and try again."),
                "current_version": current.version if current is not None else None,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(as_serializer_error(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        set_rollback()
        return Response(
            {"detail": _("Other records refer to this one; it cannot be deleted.")},
            status=status.HTTP_409_CONFLICT,
        )
    # The database's own message names tables and constraints: it is logged, never sent.
    if isinstance(exc, DataError):
        # Input the database cannot hold (a number out of range): the client's to fix.
        logger.warning("API input refused by the database: %s", exc)
        set_rollback()
        return Response(
            {"detail": _("The data cannot be stored: a value is too long or out of range.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        # Validation passed, so another save at the same moment took a unique value.
        logger.warning("API save refused by the database: %s", exc)
        set_rollback()
        return Response({"detail": str(SAVE_CLASHED)}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)


def not_found(request, exception=None):
    """handler404: a path under /api/ that matches no route answers JSON like the rest of
    the API (e.g. /api/v1/cases/0.5/); every other path gets the site's 404 page."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
    return page_not_found(request, exception)
