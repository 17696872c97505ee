"""The sub-bureau's bulletin wording (SPEC §6) as pure functions: numbers, changes, dates.

Nothing here reads the database or the request: each function takes plain values (int,
Decimal, None, date) and a language, "zh" or "en", and answers a string. The placeholders of
reports.drafts call these; tests pin each rule at its boundaries.
"""

import datetime
from decimal import Decimal

# Figures written "N余" / "more than N" unless the draft switches them (SPEC §6).
DEFAULT_APPROXIMATE = frozenset(
    {
        ("fire_safety", "materials_distributed"),
        ("patrols", "personnel_daily_min"),
        ("patrols", "vehicles_daily_min"),
        ("public_services", "handled"),
        ("cases", "recovered_value"),
    }
)
WAN = 10_000
MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()


def trim(value) -> str:
    """A number without a trailing .0 or trailing zero decimals: 50.0 → "50", 96.50 → "96.5"."""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


def _grouped(value) -> str:
    """English digits with thousands separators, decimals trimmed: 112680.00 → "112,680"."""
    text = trim(value)
    whole, _dot, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}"


def _wan(value) -> str:
    """Yuan in 万: 112680 → "11.268", 10000 → "1"."""
    return trim(Decimal(value) / WAN)


def exact(value, lang, *, money=False) -> str:
    """A figure as it is: counts plain (1130 / 1,130), money of 10,000 yuan or more in 万 in
    Chinese (11.268万), trailing .0 dropped everywhere. None is a dash."""
    if value is None:
        return "—"
    if lang == "zh":
        if money and abs(Decimal(value)) >= WAN:
            return f"{_wan(value)}万"
        return trim(value)
    return _grouped(value)


def round_down_two_significant(value) -> int:
    """The whole part rounded down: to two significant digits from 100 up (426 → 420,
    112,680 → 110,000), to tens from 10 to 99 (35 → 30), as is below 10."""
    whole = int(Decimal(value))  # towards zero; figures are never negative
    if whole >= 100:
        unit = 10 ** (len(str(whole)) - 2)
        return whole // unit * unit
    if whole >= 10:
        return whole // 10 * 10
    return whole


def approximate(value, lang, *, money=False) -> str:
    """ "N余" / "more than N" (SPEC §6); the exact figure when nothing was rounded away
    (below 10, or 400 itself), since 余 means "and more"."""
    if value is None:
        return "—"
    rounded = round_down_two_significant(value)
    if Decimal(value) < 10 or Decimal(rounded) == Decimal(value):
        return exact(value, lang, money=money)
    if lang == "zh":
        return f"{exact(rounded, lang, money=money)}余"
    return f"more than {_grouped(rounded)}"


def percent(value) -> str:
    """A rate with its sign, trailing .0 dropped: 96.0 → "96%"; None is a dash."""
    return "—" if value is None else f"{trim(value)}%"


# kind → (the figure's change keys, zh word, en words)
COMPARISONS = {
    "previous": (("change_pct", "change_pp"), "同比", "year on year"),
    "preceding": (
        ("preceding_change_pct", "preceding_change_pp"),
        "环比",
        "on the preceding period",
    ),
}


def change(figure, lang, kind="previous") -> str:
    """ "同比下降32.1%" / "down 32.1% year on year", 持平 / unchanged for 0, percentage points
    for rates; "" when the change is undefined (no comparison, or it was 0).

    figure: the summary's dict for one figure; kind: "previous" (同比) or "preceding" (环比).
    """
    (pct_key, pp_key), zh_word, en_words = COMPARISONS[kind]
    points = pp_key in figure
    value = figure.get(pp_key if points else pct_key)
    if value is None:
        return ""
    value = Decimal(str(value))
    if value == 0:
        return f"{zh_word}持平" if lang == "zh" else f"unchanged {en_words}"
    size = trim(abs(value))
    if lang == "zh":
        direction = "上升" if value > 0 else "下降"
        return f"{zh_word}{direction}{size}{'个百分点' if points else '%'}"
    direction = "up" if value > 0 else "down"
    unit = (" percentage point" if abs(value) == 1 else " percentage points") if points else "%"
    return f"{direction} {size}{unit} {en_words}"


def two_rates(labels, a, b, lang) -> str:
    """Two rates in one clause: equal ones "均达100%" / "were both 100%".

    labels: ((zh_a, en_a), (zh_b, en_b)); a, b: the rates (None: no denominator).
    """
    (zh_a, en_a), (zh_b, en_b) = labels
    if a is not None and b is not None and Decimal(str(a)) == Decimal(str(b)):
        if lang == "zh":
            return f"{zh_a}、{zh_b}均达{percent(a)}"
        return f"the {en_a} and the {en_b} were both {percent(a)}"
    if lang == "zh":
        return f"{zh_a}{percent(a)}，{zh_b}{percent(b)}"
    return f"the {en_a} was {percent(a)} and the {en_b} {percent(b)}"


def date_range(start: datetime.date, end: datetime.date, lang) -> str:
    """2月10日至17日 / February 10 to 17; months and years named only where they change."""
    if lang == "zh":
        first = f"{start.month}月{start.day}日"
        if start == end:
            return first
        if start.year != end.year:
            return f"{start.year}年{first}至{end.year}年{end.month}月{end.day}日"
        last = f"{end.day}日" if start.month == end.month else f"{end.month}月{end.day}日"
        return f"{first}至{last}"
    first = f"{MONTHS_EN[start.month - 1]} {start.day}"
    if start == end:
        return first
    if start.year != end.year:
        return f"{first}, {start.year} to {MONTHS_EN[end.month - 1]} {end.day}, {end.year}"
    if start.month == end.month:
        return f"{first} to {end.day}"
    return f"{first} to {MONTHS_EN[end.month - 1]} {end.day}"


def long_date(day: datetime.date, lang) -> str:
    """2024年2月18日 / February 18, 2024 (the date under the issuing body)."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


def counted(text, value, approximate_: bool, singular, plural) -> str:
    """English number and noun agreeing: "1 venue was", "3 venues were", "more than 400
    copies were" (an approximate figure is always plural)."""
    one = not approximate_ and value is not None and Decimal(str(value)) == 1
    return f"{text} {singular if one else plural}"
