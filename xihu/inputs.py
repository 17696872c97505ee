"""SPEC §2 "Input rules", written once: every door (form, API, import, list filter) calls these.

Each function takes one value as a user typed it (a form field, a JSON value, a spreadsheet
cell, a query parameter) and returns it normalised, or raises Django's `ValidationError` with
a translated message and a `code`. Empty input (None, "" or only spaces) is "not given": the
parsers return None (dates, booleans) or "" (text, choices, phones, IDs) and leave
"required" to the caller.

- Structured values (codes, choices, booleans, counts, money, dates, ID and phone numbers,
  notice numbers): `normalise_structured` (NFKC, so full-width ２０２４ and ＡＢＣ become ASCII,
  then trimmed; control and zero-width characters refused).
- Free text (summaries, locations, names, notes): `normalise_text` (trimmed, non-breaking
  spaces made plain, Chinese punctuation kept, control and zero-width characters refused
  except line breaks when `multiline`).
- `parse_choice`, `parse_boolean`, `parse_date`, `parse_datetime`, `check_date`,
  `check_datetime`, `check_received_at`, `check_festival_days`, `normalise_phone`,
  `normalise_id_number`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import LOCAL_TZ

# --- text -----------------------------------------------------------------------------------

# Spaces that look like a space but are not one; made plain in free text.
NON_BREAKING_SPACES = {"\u00a0", "\u2007", "\u202f"}
LINE_BREAKS = {"\n", "\r", "\u2028", "\u2029", "\x85"}


def _is_refused(char: str) -> bool:
    """Control (Cc), format (Cf: zero-width, bidi overrides, BOM) and lone surrogate (Cs)
    characters: invisible, they break exports and searches, and PostgreSQL cannot store NUL
    or a surrogate."""
    return unicodedata.category(char) in {"Cc", "Cf", "Cs"}


def _refuse_invisible(text: str, *, multiline: bool) -> None:
    for char in text:
        if char in LINE_BREAKS:
            if multiline:
                continue
            raise ValidationError(
                _("Enter this on one line: line breaks are not allowed here."), code="line_break"
            )
        if _is_refused(char):
            raise ValidationError(
                _("Remove the invisible character %(char)s (control or zero-width)."),
                code="control_character",
                params={"char": f"U+{ord(char):04X}"},
            )


def _as_text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def normalise_text(value, *, multiline: bool = False) -> str:
    """Free text as stored: trimmed, non-breaking spaces made plain, line breaks as "\\n".

    Full-width punctuation (，。：（）) is kept. Control and zero-width characters are
    refused (code "control_character"), and line breaks too unless `multiline`
    (code "line_break"). None -> "".

    >>> normalise_text("\\u00a0西湖区，北山街\\u00a0")
    '西湖区，北山街'
    """
    text = _as_text(value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    for space in NON_BREAKING_SPACES:
        text = text.replace(space, " ")
    text = text.strip()
    _refuse_invisible(text, multiline=multiline)
    return text


def normalise_structured(value) -> str:
    """A code, number or date as text: NFKC-normalised and trimmed.

    Full-width digits, letters, hyphens and spaces typed with a Chinese IME become ASCII;
    control, zero-width characters and line breaks are refused (ValidationError,
    code "control_character" / "line_break"). None -> "".

    >>> normalise_structured(" ２０２４－０２－１０ ")
    '2024-02-10'
    """
    text = unicodedata.normalize("NFKC", _as_text(value)).strip()
    _refuse_invisible(text, multiline=False)
    return text


# --- choices --------------------------------------------------------------------------------

LABEL_LANGUAGES = ("zh-hans", "en")
_spellings_cache: dict[tuple, tuple[dict[str, str], list]] = {}


def _choice_pairs(choices) -> list[tuple[str, object]]:
    """(code, label) pairs of a TextChoices class, a field's choices or a list of pairs;
    grouped choices (optgroups) are flattened."""
    pairs = getattr(choices, "choices", choices)
    if isinstance(pairs, dict):
        pairs = pairs.items()
    flat = []
    for code, label in pairs:
        if isinstance(label, (list, tuple)):
            flat.extend(label)
        else:
            flat.append((code, label))
    return [(str(code), label) for code, label in flat if code not in ("", None)]


def _fold(text: str) -> str:
    return normalise_structured(text).casefold()


def choice_spellings(choices) -> dict[str, str]:
    """{casefolded spelling: code} for every code and its Chinese and English label.

    The labels are the choices' own gettext labels evaluated under each language, so
    nothing is restated here. Codes win over a label that happens to spell another code.
    """
    pairs = _choice_pairs(choices)
    # Lazy labels are shared by the TextChoices and every field built from it, so their ids
    # identify the choices; the cached entry keeps the labels alive so ids are not reused.
    key = tuple((code, id(label)) for code, label in pairs)
    cached = _spellings_cache.get(key)
    if cached is not None:
        return cached[0]
    spellings: dict[str, str] = {}
    for language in LABEL_LANGUAGES:
        with override(language):
            for code, label in pairs:
                spellings.setdefault(_fold(str(label)), code)
    spellings.update({_fold(code): code for code, _label in pairs})
    if len(_spellings_cache) > 1000:  # only ever reached by choices built per call
        _spellings_cache.clear()
    _spellings_cache[key] = (spellings, [label for _code, label in pairs])
    return spellings


def describe_choices(choices) -> str:
    """The valid choices for an error message: "criminal (刑事 / Criminal), …"."""
    parts = []
    for code, label in _choice_pairs(choices):
        with override("zh-hans"):
            zh = str(label)
        with override("en"):
            en = str(label)
        parts.append(f"{code} ({zh} / {en})" if zh != en else f"{code} ({en})")
    return ", ".join(parts)


def parse_choice(value, choices) -> str:
    """The code of a choice given as its code or its Chinese or English label, in any case.

    `choices`: a TextChoices class, a model field's `choices` or (code, label) pairs.
    Empty -> "" (not given). Anything else raises ValidationError (code "invalid_choice")
    whose message lists the valid choices.

    >>> from incidents.models import ReportCategory
    >>> parse_choice("刑事", ReportCategory), parse_choice("CRIMINAL", ReportCategory)
    ('criminal', 'criminal')
    """
    text = normalise_structured(value)
    if text == "":
        return ""
    code = choice_spellings(choices).get(text.casefold())
    if code is None:
        raise ValidationError(
            _("“%(value)s” is not one of the choices: %(choices)s."),
            code="invalid_choice",
            params={"value": text, "choices": describe_choices(choices)},
        )
    return code


# --- booleans -------------------------------------------------------------------------------

TRUE_SPELLINGS = frozenset({"true", "1", "yes", "y", "t", "on", "是", "有效", "√", "✓", "✔"})
FALSE_SPELLINGS = frozenset({"false", "0", "no", "n", "f", "off", "否", "无效", "×", "✗", "✘"})


def parse_boolean(value) -> bool | None:
    """True or False from true/false, 1/0, yes/no, 是/否, 有效/无效, √/× in any case.

    A bool passes through. Empty -> None (not given). Anything else raises ValidationError
    (code "invalid_boolean").
    """
    if isinstance(value, bool):
        return value
    text = normalise_structured(value).casefold()
    if text == "":
        return None
    if text in TRUE_SPELLINGS:
        return True
    if text in FALSE_SPELLINGS:
        return False
    raise ValidationError(
        _("“%(value)s” is not yes or no: use true/false, 1/0, yes/no, 是/否, 有效/无效 or √/×."),
        code="invalid_boolean",
        params={"value": text},
    )


# --- dates ----------------------------------------------------------------------------------

DATE_MIN = datetime.date(2000, 1, 1)
DATE_MAX = datetime.date(2099, 12, 31)
RECEIVED_AT_LEEWAY = datetime.timedelta(minutes=10)
FESTIVAL_DAYS = (1, 60)


def _window_error(value) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is outside %(min)s … %(max)s."),
        code="date_window",
        params={"value": value, "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
    )


def check_date(value: datetime.date) -> datetime.date:
    """The date itself if it lies in 2000-01-01 … 2099-12-31, else ValidationError
    (code "date_window")."""
    if isinstance(value, datetime.datetime):
        return check_datetime(value)
    if not DATE_MIN <= value <= DATE_MAX:
        raise _window_error(value.isoformat())
    return value


def check_datetime(value: datetime.datetime) -> datetime.datetime:
    """An aware date-time whose Asia/Shanghai date lies in the window; a naive one means
    Asia/Shanghai. Raises ValidationError (code "date_window") otherwise.

    The year is checked before any conversion: converting 9999-12-31 23:00 UTC to local time
    would overflow, and a date-time before 1901 would get the zone's local mean time offset
    (+08:05:43), which is not valid RFC 3339.
    """
    if not DATE_MIN.year - 1 <= value.year <= DATE_MAX.year + 1:
        raise _window_error(value.isoformat())
    if timezone.is_naive(value):
        value = timezone.make_aware(value, LOCAL_TZ)
    if not DATE_MIN <= value.astimezone(LOCAL_TZ).date() <= DATE_MAX:
        raise _window_error(value.isoformat())
    return value


# Django's own parsers know ISO 8601 and the localised input formats; only normalisation and
# the window are added here.
_DATE_PARSER = forms.DateField()
_DATETIME_PARSER = forms.DateTimeField()


def parse_date(value) -> datetime.date | None:
    """A date in the window from a date or text (ISO 8601 or a localised format; full-width
    digits allowed). Empty -> None. A date-time gives its Asia/Shanghai date. Raises
    ValidationError (code "invalid" or "date_window")."""
    if isinstance(value, datetime.datetime):
        return check_datetime(value).astimezone(LOCAL_TZ).date()
    if isinstance(value, datetime.date):
        return check_date(value)
    text = normalise_structured(value)
    if text == "":
        return None
    return check_date(_DATE_PARSER.to_python(text))


def parse_datetime(value) -> datetime.datetime | None:
    """An aware date-time in the window from a datetime or text; a naive one means
    Asia/Shanghai, a date alone means its midnight. Empty -> None. Raises ValidationError
    (code "invalid" or "date_window")."""
    if isinstance(value, datetime.datetime):
        return check_datetime(value)
    if isinstance(value, datetime.date):
        return check_datetime(datetime.datetime.combine(value, datetime.time.min))
    text = normalise_structured(value)
    if text == "":
        return None
    parsed = _parse_datetime_text(text)
    return check_datetime(parsed)


def _parse_datetime_text(text: str) -> datetime.datetime:
    from django.utils.dateparse import parse_datetime as iso_datetime

    try:
        parsed = iso_datetime(text)  # keeps an explicit offset, unlike the form field
    except ValueError:
        parsed = None
    if parsed is None:
        with timezone.override(LOCAL_TZ):
            parsed = _DATETIME_PARSER.to_python(text)
    return parsed


def check_received_at(value: datetime.datetime, *, now=None) -> datetime.datetime:
    """A police report's `received_at`: in the window and at most 10 minutes in the future.
    Raises ValidationError (code "future")."""
    value = check_datetime(value)
    now = now or timezone.now()
    if value > now + RECEIVED_AT_LEEWAY:
        raise ValidationError(
            _("A report cannot be received more than 10 minutes in the future."),
            code="future",
        )
    return value


def check_festival_days(starts_on: datetime.date, ends_on: datetime.date) -> None:
    """A festival lasts 1 to 60 days, both dates counted. Raises ValidationError
    (code "festival_length")."""
    days = (ends_on - starts_on).days + 1
    low, high = FESTIVAL_DAYS
    if not low <= days <= high:
        raise ValidationError(
            _("A festival lasts %(min)d to %(max)d days; this one would last %(days)d."),
            code="festival_length",
            params={"min": low, "max": high, "days": days},
        )


def rfc3339(value: datetime.datetime) -> str:
    """ISO 8601 / RFC 3339 text of an aware date-time in Asia/Shanghai.

    An offset with seconds (a stored date-time before 1901 gets the local mean time,
    +08:05:43) is not valid RFC 3339: such a value is written in UTC instead.
    """
    try:
        local = timezone.localtime(value, LOCAL_TZ)
    except OverflowError:  # 9999-12-31 23:00 UTC has no local date
        local = None
    if local is None or local.utcoffset().total_seconds() % 60:
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return local.isoformat()


# --- phone and ID numbers -------------------------------------------------------------------

PHONE_CHARACTERS = re.compile(r"^[0-9+\-() ]+$")
MOBILE = re.compile(r"^(?:\+86)?1\d{10}$")
# Area code 0 + 2-3 digits, a local number of 7-8 digits not starting with 0 or 1.
LANDLINE = re.compile(r"^(?:0\d{2,3}|\+86[1-9]\d{1,2})[2-9]\d{6,7}$")
EXTENSION = re.compile(r"^(?P<main>.+?)-(?P<ext>\d{1,6})$")


def _refuse_masked(text: str) -> None:
    if "*" in text:
        raise ValidationError(
            _("This looks like a masked value; enter the whole value."), code="masked"
        )


def _digits(text: str) -> str:
    return re.sub(r"[\s\-()]", "", text)


def _is_phone(text: str) -> bool:
    digits = _digits(text)
    if MOBILE.match(digits) or LANDLINE.match(digits):
        return True
    with_extension = EXTENSION.match(text)
    return bool(with_extension) and bool(LANDLINE.match(_digits(with_extension["main"])))


def normalise_phone(value) -> str:
    """A Chinese phone number as typed, NFKC-normalised and trimmed; "" when empty.

    Kept characters: digits, `+`, `-`, spaces and brackets. Accepted: a mobile (11 digits
    starting with 1, optionally +86) or a landline with its area code and an optional
    extension after a hyphen: `13812345678`, `+86 138 1234 5678`, `0571-87654321`,
    `(0571) 8765 4321`, `0571-87654321-123`. Raises ValidationError (code "phone" or
    "masked").
    """
    text = re.sub(r" +", " ", normalise_structured(value))
    if text == "":
        return ""
    _refuse_masked(text)
    if not PHONE_CHARACTERS.match(text) or not _is_phone(text):
        raise ValidationError(
            _(
                "Enter a Chinese mobile number (11 digits starting with 1, optionally +86) or "
                "a landline with its area code (e.g. 0571-87654321, optional extension)."
            ),
            code="phone",
        )
    return text


# GB 11643-1999: weights of the first 17 digits; the sum mod 11 picks the check character.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def id_check_char(first17: str) -> str:
    """The check character (0-9 or X) of the 17 leading digits of a resident ID number."""
    return ID_CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def normalise_id_number(value) -> str:
    """An 18-character resident ID number with an upper-case check letter; "" when empty.

    NFKC first (full-width digits become ASCII), then checked: 17 digits with a real birth
    date and the GB 11643 check character. Raises ValidationError (code "id_length",
    "id_birth", "id_check" or "masked").
    """
    text = normalise_structured(value).upper()
    if text == "":
        return ""
    _refuse_masked(text)
    if len(text) != 18 or not (text[:17].isascii() and text[:17].isdigit()):
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a digit or X."), code="id_length"
        )
    try:
        datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise ValidationError(
            _("The ID number's birth date is not a real date."), code="id_birth"
        ) from None
    if text[17] != id_check_char(text[:17]):
        raise ValidationError(
            _("The ID number's check digit is wrong; please check the number."), code="id_check"
        )
    return text


# --- which rule a model field follows -------------------------------------------------------

# Text columns that hold a number or a code rather than prose (SPEC §2: structured values).
PHONE_FIELDS = frozenset({"phone", "contact_phone"})
ID_NUMBER_FIELDS = frozenset({"id_number"})
STRUCTURED_FIELDS = frozenset({"notice_number", "code", "slug"})


def rule_of(model_field) -> str | None:
    """The input rule of a model field, for the doors that build their fields from models:
    "choice", "boolean", "date", "datetime", "phone", "id_number", "structured", "text",
    "multiline" (free text with line breaks), or None (numbers, relations: their own
    parsers already accept the NFKC forms, e.g. int("１２") == 12)."""
    from django.db import models

    if getattr(model_field, "choices", None):
        return "choice"
    if isinstance(model_field, models.BooleanField):
        return "boolean"
    if isinstance(model_field, models.DateTimeField):
        return "datetime"
    if isinstance(model_field, models.DateField):
        return "date"
    if isinstance(model_field, models.CharField | models.TextField):
        name = model_field.name
        if name in PHONE_FIELDS:
            return "phone"
        if name in ID_NUMBER_FIELDS:
            return "id_number"
        if name in STRUCTURED_FIELDS or isinstance(model_field, models.SlugField):
            return "structured"
        return "multiline" if isinstance(model_field, models.TextField) else "text"
    return None


__all__ = (
    "DATE_MAX",
    "DATE_MIN",
    "check_date",
    "check_datetime",
    "check_festival_days",
    "check_received_at",
    "choice_spellings",
    "describe_choices",
    "id_check_char",
    "normalise_id_number",
    "normalise_phone",
    "normalise_structured",
    "normalise_text",
    "parse_boolean",
    "parse_choice",
    "parse_date",
    "parse_datetime",
    "rfc3339",
    "rule_of",
)
