"""The rules that span an inspection and its hazards, written once.

The page form, the API and the admin each hand their hazard rows here as dicts (the
cleaned data of a row) and report the errors returned in their own way. A database
constraint cannot hold these rules: they compare a hazard with its inspection's row.
"""

import datetime

from django.utils.translation import gettext as _

from .models import Disposition


def clean_hazards(
    *, inspected_on: datetime.date | None, notice_number: str, rows: list[dict]
) -> list[dict[str, list[str]]]:
    """Settle each row's rectified_on and return each row's errors ({} when fine), in order.

    - an on-the-spot hazard is rectified on the inspection day: its rectified_on is set so;
    - a time-limited hazard needs the inspection to carry a rectification notice;
    - no hazard is rectified before the inspection that found it.
    """
    errors = []
    for row in rows:
        row_errors: dict[str, list[str]] = {}
        disposition = row.get("disposition")
        if disposition == Disposition.ON_SPOT and inspected_on is not None:
            row["rectified_on"] = inspected_on
        if disposition == Disposition.TIME_LIMITED and not notice_number:
            row_errors["disposition"] = [
                _(
                    "A time-limited hazard needs a rectification notice: "
                    "enter the notice's number and deadline."
                )
            ]
        rectified_on = row.get("rectified_on")
        if rectified_on and inspected_on and rectified_on < inspected_on:
            row_errors["rectified_on"] = [
                _("A hazard cannot be rectified before the inspection that found it.")
            ]
        errors.append(row_errors)
    return errors
