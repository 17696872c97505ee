"""Roles of SPEC §1 and the questions views ask about them, answered in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Station staff")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Administrator")


def sees_all_stations(user) -> bool:
    """Supervisors and admins see every station; staff only their own."""
    return bool(user.is_authenticated and user.role in (Role.SUPERVISOR, Role.ADMIN))


def may_delete(user) -> bool:
    return sees_all_stations(user)


def may_edit_festivals(user) -> bool:
    return sees_all_stations(user)


def own_station(user):
    """The station a staff member works for (None for everyone else)."""
    if user.is_authenticated and user.role == Role.STAFF:
        return user.station
    return None
