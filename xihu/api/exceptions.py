"""Every failure of the API answers JSON with a status a client can act on, never a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from ..models import VersionConflict


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
    if isinstance(exc, DataError):
        # Input the database cannot hold (a NUL character, a number out of range): the
        # client's to fix, so 400 rather than 500.
        set_rollback()
        return Response(
            {"detail": _("The data cannot be stored: %(error)s") % {"error": exc}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        set_rollback()
        return Response(
            {"detail": _("The data breaks a rule of the database: %(error)s") % {"error": exc}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)
