"""Writes that are more than one plain record save."""

import datetime
from collections.abc import Iterable, Mapping

from django.db import transaction

from xihu.models import Station, User

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


@transaction.atomic
def record_day_deployments(
    *,
    station: Station,
    date: datetime.date,
    rows: Iterable[Mapping],
    by: User,
) -> list[PatrolDeployment]:
    """Save a station's deployments of one day together: all rows or none.

    Each row is a mapping of ROW_FIELDS; station and date are the day's, whatever a row says.
    Every row is validated like a single record (field rules and constraints) and saved with
    its author, so each one has its own history.
    """
    saved = []
    for row in rows:
        deployment = PatrolDeployment(
            station=station, date=date, **{name: row[name] for name in ROW_FIELDS if name in row}
        )
        deployment.full_clean()
        deployment.save(by=by)
        saved.append(deployment)
    return saved
