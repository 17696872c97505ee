"""Placeholders in the bulletin's editable text (SPEC §6), filled when the bulletin is shown.

Syntax, inside the text of a section:

- ``{police_reports.effective}``: the figure, "N余" / "more than N" when it is approximate by
  default (wording.DEFAULT_APPROXIMATE); ``.exact`` / ``.approx`` switch it either way;
- ``{police_reports.effective.change}``: 同比 (year on year), ``.preceding_change``: 环比
  (on the preceding period of as many days); both "" when undefined;
- ``.previous`` / ``.preceding``: the comparison festival's / the preceding period's figure;
- ``{fire_safety.suspended|venue was|venues were}``: English number and words that agree
  ("1 venue was", "2 venues were");
- ``{public_services.rates}``: the two service rates in one clause (均达100% when equal);
- ``{period}``: the festival's days (2月10日至17日 / February 10 to 17).

A placeholder that fills to "" takes the separator before it along ("，", "、", ", "), so
"767起，{….change}" reads "767起" without a comparison. Anything in braces that is not a
known figure stays as typed, so a typo shows in the preview (and `unknown()` names it).
Figures are looked up generically in the summary's sections, so new figures need no code.
"""

import re
from decimal import Decimal

from . import wording
from .summary import MONEY, RATES

PATTERN = re.compile(
    r"(?P<sep>，|、|, )?\{(?P<path>[a-z_]+(?:\.[a-z_]+)*)"
    r"(?:\|(?P<one>[^|{}]*)\|(?P<many>[^|{}]*))?\}"
)
MODIFIERS = {"exact", "approx", "change", "preceding_change", "previous", "preceding"}
# Placeholders that stand for a phrase over several figures: name -> the figures it reads.
PHRASES = {
    "public_services.rates": (
        ("public_services", "on_time_rate"),
        ("public_services", "praise_rate"),
    ),
}
RATE_LABELS = {
    "public_services.rates": (("按时办结率", "on-time completion rate"), ("好评率", "praise rate")),
}


def parse(path, sections):
    """(section, figure, modifier) for a figure placeholder, or None when it names none."""
    parts = path.split(".")
    modifier = None
    if len(parts) == 3 and parts[2] in MODIFIERS:
        modifier = parts.pop()
    if len(parts) != 2:
        return None
    section, name = parts
    if name not in (sections.get(section) or {}):
        return None
    return section, name, modifier


def figures_of(match, sections):
    """The figures one placeholder reads: [(section, figure)]."""
    path = match.group("path")
    if path in PHRASES:
        return list(PHRASES[path])
    parsed = parse(path, sections)
    return [] if parsed is None else [parsed[:2]]


def mentioned(text, sections):
    """Every (section, figure) the text's placeholders read, in any form."""
    out = set()
    for match in PATTERN.finditer(text):
        out.update(figures_of(match, sections))
    return out


def value_figures(text, sections):
    """The figures whose value (not only their change) the text prints: the zero rule's."""
    out = []
    for match in PATTERN.finditer(text):
        path = match.group("path")
        if path in PHRASES:
            out.extend(PHRASES[path])
            continue
        parsed = parse(path, sections)
        if parsed is not None and parsed[2] in (None, "exact", "approx"):
            out.append(parsed[:2])
    return out


def unknown(text, sections):
    """Placeholders that name no figure (typos), in order, each once."""
    seen = []
    for match in PATTERN.finditer(text):
        path = match.group("path")
        if path in PHRASES or path == "period" or parse(path, sections) is not None:
            continue
        if match.group(0).lstrip("，、, ") not in seen:
            seen.append(match.group(0).lstrip("，、, "))
    return seen


def _figure_text(section, name, modifier, figure, lang):
    money = (section, name) in MONEY
    if modifier in ("change", "preceding_change"):
        kind = "previous" if modifier == "change" else "preceding"
        return wording.change(figure, lang, kind), None, False
    key = modifier if modifier in ("previous", "preceding") else "value"
    value = figure.get(key)
    if (section, name) in RATES:
        return wording.percent(value), value, False
    approx = modifier == "approx" or (
        modifier is None and (section, name) in wording.DEFAULT_APPROXIMATE
    )
    if approx:
        text = wording.approximate(value, lang, money=money)
        return text, value, value is not None and Decimal(str(value)) >= 10
    return wording.exact(value, lang, money=money), value, False


def fill(text, sections, lang, *, period=None):
    """The text with its placeholders filled from `sections` (the summary's, Python or JSON
    values); period: (starts_on, ends_on) for {period}."""

    def replace(match):
        path, sep = match.group("path"), match.group("sep") or ""
        if path == "period" and period is not None:
            return sep + wording.date_range(*period, lang)
        if path in PHRASES:
            (a_section, a_name), (b_section, b_name) = PHRASES[path]
            rates = sections[a_section][a_name]["value"], sections[b_section][b_name]["value"]
            return sep + wording.two_rates(RATE_LABELS[path], *rates, lang)
        parsed = parse(path, sections)
        if parsed is None:
            return match.group(0)
        section, name, modifier = parsed
        rendered, value, approx = _figure_text(
            section, name, modifier, sections[section][name], lang
        )
        if match.group("one") is not None and rendered:
            rendered = wording.counted(
                rendered, value, approx, match.group("one"), match.group("many")
            )
        return sep + rendered if rendered else ""

    return PATTERN.sub(replace, text)
