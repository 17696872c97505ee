"""The shared core: stations, users with roles, and the base of every record."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role, sees_all_stations


class StationKind(models.TextChoices):
    POLICE_STATION = "police_station", _("Police station")
    BRIGADE = "brigade", _("Brigade")
    COMMAND_CENTRE = "command_centre", _("Command centre")
    OTHER = "other", _("Other")


class Station(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=StationKind.choices, default=StationKind.POLICE_STATION
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("station")
        verbose_name_plural = _("stations")

    def __str__(self):
        return self.name

    @property
    def name(self):
        """The name in the language of the current request."""
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "").startswith("en") else self.name_zh


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    station = models.ForeignKey(
        Station,
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Required for station staff: they see and record only this station."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_staff_has_station",
                condition=~Q(role=Role.STAFF) | Q(station__isnull=False),
                violation_error_message=_("Station staff must belong to a station."),
            )
        ]

    def save(self, *args, **kwargs):
        # Administrators run the Django admin; nobody else gets in there.
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.role == Role.STAFF and not self.station_id:
            from django.core.exceptions import ValidationError

            raise ValidationError({"station": _("Station staff must belong to a station.")})


LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_day_bounds(start: datetime.date, end: datetime.date):
    """[start 00:00, end+1 00:00) in Asia/Shanghai, as aware datetimes.

    Range bounds keep the index on a date-time column usable; casting every row to a local
    date would not.
    """
    lower = datetime.datetime.combine(start, datetime.time.min, tzinfo=LOCAL_TZ)
    upper = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=LOCAL_TZ
    )
    return lower, upper


class RecordQuerySet(models.QuerySet):
    """Query methods every record shares; domain querysets extend this one."""

    def for_user(self, user):
        """What a user may see: everything for supervisors and admins, own station for staff."""
        if sees_all_stations(user):
            return self
        if user.is_authenticated and user.role == Role.STAFF and user.station_id:
            return self.filter(station_id=user.station_id)
        return self.none()

    def for_station(self, station):
        """Restrict to one station (a Station or None for the whole district)."""
        return self if station is None else self.filter(station=station)

    def in_period(self, start: datetime.date, end: datetime.date):
        """Records counted in the period from start to end (local dates, inclusive)."""
        return self.filter(self.model.period_condition(start, end))


class VersionConflict(Exception):
    """Someone else saved the record after the editor loaded it."""

    def __init__(self, record, current):
        self.record = record
        self.current = current  # the record as it is now in the database, or None if deleted
        super().__init__(f"{record._meta.label} {record.pk} changed since version {record.version}")


class VersionedModel(models.Model):
    """Authorship and optimistic locking, shared by every record and by festivals.

    `version` is the version the editor loaded; save() refuses to write over a newer one.
    The check is a conditional UPDATE, atomic on SQLite and PostgreSQL alike, so of two
    concurrent editors exactly one wins.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def save(self, *args, by=None, **kwargs):
        from django.db import transaction

        if by is not None:
            self.updated_by = by
            if self._state.adding:
                self.created_by = by
            self._history_user = by
        with transaction.atomic():
            if not self._state.adding:
                claimed = (
                    type(self)
                    ._base_manager.filter(pk=self.pk, version=self.version)
                    .update(version=F("version") + 1)
                )
                if not claimed:
                    current = type(self)._base_manager.filter(pk=self.pk).first()
                    raise VersionConflict(self, current)
                self.version += 1
            super().save(*args, **kwargs)

    def delete(self, *args, by=None, **kwargs):
        if by is not None:
            self._history_user = by
        return super().delete(*args, **kwargs)

    def clean_fields(self, exclude=None):
        """Django's field checks plus SPEC §2's date window on every editable date and
        date-time, so that a door with Django's own form fields (the admin) refuses
        0001-01-01 too."""
        from django.core.exceptions import ValidationError

        from .inputs import check_date

        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if (
                isinstance(field, models.DateField)
                and field.editable
                and field.name not in (exclude or ())
                and field.name not in errors
                and isinstance(value, datetime.date)
            ):
                try:
                    check_date(value)
                except ValidationError as error:
                    errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


class BaseRecord(VersionedModel):
    """A record of one station: station, history and the period it is counted in."""

    period_field = None  # the date or date-time the summary and the lists filter on

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(inherit=True)
    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def period_condition(cls, start=None, end=None) -> Q:
        """The one rule of "in the period" (SPEC §3), as a Q over this model.

        A record counts when its period field falls on a local date from start to end,
        inclusive; either bound may be None (open). A date-time counts on its Asia/Shanghai
        date, compared with range bounds so that the index on the column stays usable.
        Models whose records span days (large events) override this.
        """
        field = cls._meta.get_field(cls.period_field)
        condition = Q()
        if isinstance(field, models.DateTimeField):
            if start is not None:
                condition &= Q(**{f"{field.name}__gte": local_day_bounds(start, start)[0]})
            if end is not None:
                condition &= Q(**{f"{field.name}__lt": local_day_bounds(end, end)[1]})
            return condition
        if start is not None:
            condition &= Q(**{f"{field.name}__gte": start})
        if end is not None:
            condition &= Q(**{f"{field.name}__lte": end})
        return condition

    @property
    def period_value(self):
        return getattr(self, self.period_field)

    @property
    def local_date(self) -> datetime.date:
        value = self.period_value
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date()
        return value


def record_url(record, action="detail"):
    from django.urls import reverse

    meta = record._meta
    return reverse(f"{meta.app_label}:{meta.model_name}_{action}", args=[record.pk])


BaseRecord.get_absolute_url = record_url


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    UNMASK = "unmask", _("Revealed personal information")
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOCKOUT = "lockout", _("Account locked")
    UNLOCK = "unlock", _("Account unlocked")
    LOGOUT_EVERYWHERE = "logout_everywhere", _("Signed out everywhere")
    TOKEN_REVOKE = "token_revoke", _("API tokens revoked")


class AuditEntry(models.Model):
    """Who did what, when and from where; written by xihu.audit.record() and never changed.

    `username` is kept beside `user` so that an entry still names its author after the user
    is deleted, and names the attempted username of a failed sign-in.
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    model = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        # The audit page filters one record's or one user's trail, newest first.
        indexes = [
            models.Index(fields=["model", "object_id"], name="audit_object_idx"),
            models.Index(fields=["username", "at"], name="audit_user_idx"),
        ]

    def __str__(self):
        return (
            f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()} {self.model}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are never deleted.")


class FormSubmission(models.Model):
    """A create form's one-time token, claimed by the first submission that saves.

    The unique token makes a double-clicked or re-sent form save one record: the second
    request's INSERT waits for the first transaction and then fails, and is shown the record
    the first one made.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")


class TokenClient(models.Model):
    """The client an API token was issued to, for its owner's list of tokens.

    django-rest-knox keeps only the token's hash, its first characters (`token_key`) and its
    times; this says which program or device asked for it, from where. Deleted with it.
    """

    token = models.OneToOneField(
        "knox.AuthToken",
        verbose_name=_("token"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="client",
    )
    name = models.CharField(_("client"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token client")
        verbose_name_plural = _("API token clients")

    def __str__(self):
        return self.name


# Import batches live beside the import engine (xihu/imports/) but belong to this app.
from .imports.models import ImportBatch, ImportBatchItem  # noqa: E402,F401
