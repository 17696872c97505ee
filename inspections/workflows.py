"""Writes with a rule of their own: the re-inspection, and on-the-spot dates that follow an
inspection's date. Pages, the API and the admin all call these."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Disposition, Hazard, Inspection


@transaction.atomic
def record_reinspection(
    *,
    inspection: Inspection,
    reinspected_on: datetime.date,
    hazards: list[Hazard],
    by,
    version: int | None = None,
) -> Inspection:
    """A re-inspection of `inspection` on `reinspected_on` found `hazards` rectified.

    Every hazard must be an open hazard of this inspection; the date is never before the
    inspection nor in the future. `version` (the version the user loaded) is checked like
    any edit: a stale one raises VersionConflict. Raises ValidationError per field.
    """
    errors = {}
    if reinspected_on < inspection.inspected_on:
        errors["reinspected_on"] = [
            _("A re-inspection cannot be before the inspection it follows up.")
        ]
    elif reinspected_on > timezone.localdate():
        errors["reinspected_on"] = [_("A re-inspection cannot be in the future.")]
    if not hazards:
        errors["hazards"] = [_("Choose the hazards found rectified.")]
    elif any(h.inspection_id != inspection.pk or h.rectified_on is not None for h in hazards):
        errors["hazards"] = [_("Only the open hazards of this inspection can be rectified.")]
    if errors:
        raise ValidationError(errors)

    if version is not None:
        inspection.version = version
    if inspection.reinspected_on is None or inspection.reinspected_on < reinspected_on:
        inspection.reinspected_on = reinspected_on
    inspection.full_clean()
    inspection.save(by=by)  # first: a stale version stops here, before any hazard changes
    for hazard in hazards:
        hazard.rectified_on = reinspected_on
        hazard._history_user = by
        hazard.save(update_fields=["rectified_on"])
    return inspection


def settle_on_spot(inspection: Inspection, *, by) -> None:
    """On-the-spot hazards are rectified on the inspection day, also after the day changed."""
    stale = inspection.hazards.filter(disposition=Disposition.ON_SPOT).exclude(
        rectified_on=inspection.inspected_on
    )
    for hazard in stale:
        hazard.rectified_on = inspection.inspected_on
        hazard._history_user = by
        hazard.save(update_fields=["rectified_on"])
