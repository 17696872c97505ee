"""Field shapes shared by every record, so counts and money validate the same everywhere."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Far above any real tally, far below the database's integer limit: a typo of extra digits
# is refused with a message instead of overflowing the column.
MAX_COUNT = 1_000_000
MAX_MONEY = Decimal("9999999999.99")


def CountField(verbose_name, *, default=0, minimum=0, **kwargs):  # noqa: N802 (field factory)
    return models.PositiveIntegerField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(minimum), MaxValueValidator(MAX_COUNT)],
        **kwargs,
    )


def MoneyField(verbose_name, **kwargs):  # noqa: N802 (field factory)
    kwargs.setdefault("default", Decimal("0.00"))
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_MONEY)],
        **kwargs,
    )
