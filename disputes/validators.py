"""Checks of parties' personal data: the resident ID number (GB 11643) and masked input."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 11643-1999: weights of the first 17 digits; the sum mod 11 picks the check character.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def id_check_char(first17: str) -> str:
    """The check character of the 17 leading digits of a resident ID number."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str) -> None:
    """18 characters: 17 digits with a real birth date, then the right check character."""
    value = (value or "").upper()
    if len(value) != 18 or not value[:17].isdigit():
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a digit or X."), code="id_length"
        )
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("The ID number's birth date is not a real date."), code="id_birth")
    if value[17] != id_check_char(value[:17]):
        raise ValidationError(
            _("The ID number's check digit is wrong; please check the number."), code="id_check"
        )


def validate_not_masked(value: str) -> None:
    """A value copied from a masked list (张*, 138****5678) must not overwrite the real one."""
    if "*" in (value or ""):
        raise ValidationError(
            _("This looks like a masked value; enter the whole value."), code="masked"
        )


def validate_phone(value: str) -> None:
    validate_not_masked(value)
    allowed = set("0123456789+- ")
    if not value or set(value) - allowed or sum(c.isdigit() for c in value) < 5:
        raise ValidationError(
            _("Enter a phone number: digits, with '+', '-' or spaces only."), code="phone"
        )
