"""Writes that are more than one plain record save."""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from xihu.models import Station, User, VersionConflict

from .models import PatrolDeployment

# The columns of one deployment besides station and date: form, day entry, API, import, export.
ROW_FIELDS = (
    "shift",
    "mode",
    "personnel",
    "vehicles",
    "area_kind",
    "area",
    "joint_armed",
    "community_forces",
)


class RowInvalid(Exception):
    """Row number `index` (0-based, in the order given) broke a rule; `error` says which."""

    def __init__(self, index: int, error: ValidationError):
        self.index = index
        self.error = error
        super().__init__(index, error)


@transaction.atomic
def record_day_deployments(
    *,
    station: Station,
    date: datetime.date,
    rows: Iterable[tuple[PatrolDeployment | None, Mapping]],
    by: User,
    deleted: Iterable[PatrolDeployment] = (),
) -> list[PatrolDeployment]:
    """Save a station's deployments of one day together: all rows or none.

    `rows` are (deployment, values) pairs: a saved deployment of that station and day to
    change (its `version` the one the editor loaded), or None for a new row; values map
    ROW_FIELDS. `deleted` are saved deployments to remove, also at the version loaded.
    Station and date are the day's, whatever a row says. Each row is validated like a
    single record (field rules, constraints, and no second row of the same shift, mode and
    area: PatrolDeployment.validate_constraints) and saved with its author, so each has its
    own history. Raises RowInvalid for a rule broken by a row and VersionConflict when
    someone else changed or removed a row since it was loaded; nothing is saved then.
    """
    for deployment in deleted:
        # The same version check as a save: a row changed since it was loaded is not lost.
        current = PatrolDeployment.objects.filter(pk=deployment.pk).first()
        if current is None or current.version != deployment.version:
            raise VersionConflict(deployment, current)
        deployment.delete(by=by)
    saved = []
    for index, (deployment, values) in enumerate(rows):
        if deployment is None:
            deployment = PatrolDeployment()
        deployment.station, deployment.date = station, date
        for name in ROW_FIELDS:
            if name in values:
                setattr(deployment, name, values[name])
        try:
            deployment.full_clean()
        except ValidationError as error:
            raise RowInvalid(index, error) from error
        deployment.save(by=by)
        saved.append(deployment)
    return saved
