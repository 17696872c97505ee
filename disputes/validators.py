"""Model validators of parties' personal data; the rules themselves are xihu.inputs (SPEC §2).

Kept as named functions because migrations refer to them by path.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xihu.inputs import id_check_char, normalise_id_number, normalise_phone

__all__ = ["id_check_char", "validate_id_number", "validate_not_masked", "validate_phone"]


def validate_id_number(value: str) -> None:
    """18 characters: 17 digits with a real birth date, then the GB 11643 check character."""
    normalise_id_number(value)


def validate_not_masked(value: str) -> None:
    """A value copied from a masked list (张*, 138****5678) must not overwrite the real one."""
    if "*" in (value or ""):
        raise ValidationError(
            _("This looks like a masked value; enter the whole value."), code="masked"
        )


def validate_phone(value: str) -> None:
    """A plausible Chinese mobile or landline number (xihu.inputs.normalise_phone)."""
    normalise_phone(value)
