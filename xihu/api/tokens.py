"""POST /api/v1/token/: a token for a username and password (SPEC §4)."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ..tokens import issue_token


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Username"), write_only=True)
    password = serializers.CharField(
        label=_("Password"),
        write_only=True,
        trim_whitespace=False,
        style={"input_type": "password"},
    )
    client = serializers.CharField(
        label=_("Client"),
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=_("Optional name of the program or device; it replaces its earlier token."),
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send as `Authorization: Token <token>`."))
    expiry = serializers.DateTimeField(
        help_text=_("When the token ends unless used; each use extends it, up to 12 hours.")
    )


class LockedOut(serializers.ValidationError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS


class TokenView(APIView):
    """Username and password in, `{"token", "expiry"}` out; the same lockout as the sign-in
    page (django-axes runs inside `authenticate`), and every issue audited as a sign-in."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: OpenApiResponse(description="Wrong username or password, or a field missing."),
            429: OpenApiResponse(description="Locked: too many failed sign-ins (django-axes)."),
        },
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            raise LockedOut(
                {"detail": _("Too many failed sign-ins: this account is locked for a while.")}
            )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}
            )
        instance, token = issue_token(user=user, request=request, client=data.get("client", ""))
        return Response(TokenResponseSerializer({"token": token, "expiry": instance.expiry}).data)
