"""Creating users with a role: one rule, used by add_user, load_demo and tests."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Station, User
from .roles import Role


def user_create_or_update(*, username, role, station_code=None, password=None, validate=True):
    """Create the user, or update role, station and password of an existing one."""
    if role not in Role.values:
        raise ValidationError(
            _("Unknown role %(role)s; choose one of %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        )
    station = None
    if station_code:
        station = Station.objects.filter(code=station_code).first()
        if station is None:
            raise ValidationError(_("Unknown station %(code)s.") % {"code": station_code})
    if role == Role.STAFF and station is None:
        raise ValidationError(_("Station staff need a station (--station CODE)."))
    with transaction.atomic():
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role = role
        user.station = station
        if password:
            if validate:
                validate_password(password, user)
            user.set_password(password)
        elif user._state.adding:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    return user
