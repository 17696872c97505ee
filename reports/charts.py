"""Server-side SVG charts: plain markup that the page, the print view and the PDF all draw
without any script. Colours are attributes, not CSS, so WeasyPrint renders them the same."""

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from disputes.models import DisputeCategory, RiskLevel
from incidents.models import ReportCategory

# One CJK family for every label: WeasyPrint then subsets one font, not one per fallback.
FONTS = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
PALETTE = ["#0d6efd", "#adb5bd", "#fd7e14", "#198754", "#dc3545", "#6f42c1"]
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 34, 62


def _nice_top(maximum):
    """A round top for the axis at least the maximum: 1, 1.2, 1.6, 2, ... 8 × 10ⁿ."""
    exponent = 0
    while True:
        for mantissa in (1, 1.2, 1.6, 2, 2.4, 3.2, 4, 4.8, 6, 8):
            if mantissa * 10**exponent >= maximum:
                return round(mantissa * 10**exponent)
        exponent += 1


def _axis_label(x, label, slot):
    """A category label under its slot, slanted when it would not fit flat."""
    y = HEIGHT - BOTTOM + 14
    if len(str(label)) * 6.5 <= slot:
        return (
            f'<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="middle" '
            f'fill="#212529">{escape(label)}</text>'
        )
    return (
        f'<text x="{x:.1f}" y="{y - 4}" font-size="10" text-anchor="end" fill="#212529" '
        f'transform="rotate(-25 {x:.1f} {y - 4})">{escape(label)}</text>'
    )


def _frame(title, top, plot_h):
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart" role="img" aria-label="{escape(title)}" font-family="{FONTS}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{LEFT}" y="18" font-size="14" font-weight="bold" fill="#212529">'
        f"{escape(title)}</text>",
    ]
    for n in range(5):
        y = TOP + plot_h - plot_h * n / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dee2e6" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
            f'fill="#6c757d">{top * n / 4:g}</text>'
        )
    return parts


def _legend(parts, series):
    x = WIDTH - RIGHT
    for label, _values, colour in reversed(series):
        x -= 12 + 7 * len(str(label)) + 18
        parts.append(
            f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="17" font-size="11" fill="#212529">{escape(label)}</text>'
        )


def bar_chart(title, labels, series):
    """Grouped vertical bars. series: [(label, values, colour)], values aligned to labels."""
    values = [v or 0 for _label, vs, _c in series for v in vs]
    top = _nice_top(max(max(values, default=0), 4))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = _frame(title, top, plot_h)
    slot = plot_w / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    for i, label in enumerate(labels):
        x0 = LEFT + slot * i + slot * 0.1
        for j, (_name, vals, colour) in enumerate(series):
            if vals[i] is None:  # e.g. a day the comparison festival did not have
                continue
            value = vals[i]
            h = plot_h * value / top
            x, y = x0 + bar * j, TOP + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(label)}: {value}</title></rect>'
            )
            if len(labels) * len(series) <= 24:
                parts.append(
                    f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="9" '
                    f'text-anchor="middle" fill="#212529">{value}</text>'
                )
        parts.append(_axis_label(LEFT + slot * (i + 0.5), label, slot))
    if len(series) > 1:
        _legend(parts, series)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def stacked_chart(title, labels, stacks):
    """Vertical bars stacked by part. stacks: [(part label, values, colour)]."""
    totals = [sum(vals[i] or 0 for _l, vals, _c in stacks) for i in range(len(labels))]
    top = _nice_top(max(max(totals, default=0), 4))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = _frame(title, top, plot_h)
    slot = plot_w / max(len(labels), 1)
    for i, label in enumerate(labels):
        x, base = LEFT + slot * i + slot * 0.15, TOP + plot_h
        for part, vals, colour in stacks:
            h = plot_h * (vals[i] or 0) / top
            base -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(label)} · {escape(part)}: {vals[i]}</title></rect>'
            )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{base - 3:.1f}" font-size="9" '
            f'text-anchor="middle" fill="#212529">{totals[i]}</text>'
        )
        parts.append(_axis_label(LEFT + slot * (i + 0.5), label, slot))
    _legend(parts, stacks)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308


def summary_charts(data, sections, festival):
    """The five charts of the summary page and the bulletin, from the "charts" of
    reports.summary.festival_report()."""
    days = [date_format(day, "n/j") for day in data["period"].days]
    daily = [(festival.name, data["daily_reports"], PALETTE[0])]
    if data["daily_reports_previous"] is not None:
        previous = data["daily_reports_previous"]
        # Day n of this festival beside day n of the comparison festival.
        previous = (previous + [None] * len(days))[: len(days)]
        daily.append((festival.comparison.name, previous, PALETTE[1]))
    categories = [c for c in ReportCategory]
    fire = sections["fire_safety"]
    hazards = [
        fire["rectified_on_spot"]["value"],
        fire["time_limited"]["value"],
        fire["hazards_found"]["value"]
        - fire["rectified_on_spot"]["value"]
        - fire["time_limited"]["value"],
    ]
    risks = list(RiskLevel)
    return [
        bar_chart(_("Effective police reports per day"), days, daily),
        bar_chart(
            _("Effective police reports by category"),
            [c.label for c in categories],
            [(_("reports"), [data["categories"].get(c.value, 0) for c in categories], PALETTE[0])],
        ),
        bar_chart(
            _("Hazards found in the nine small places, by disposition"),
            [_("on the spot"), _("within a time limit"), _("suspension")],
            [(_("hazards"), hazards, PALETTE[2])],
        ),
        stacked_chart(
            _("Disputes by category and risk level"),
            [c.label for c in DisputeCategory],
            [
                (
                    r.label,
                    [data["disputes"].get((c.value, r.value), 0) for c in DisputeCategory],
                    PALETTE[(n + 2) % len(PALETTE)],
                )
                for n, r in enumerate(risks)
            ],
        ),
        bar_chart(
            _("Patrol personnel and police cars per day"),
            days,
            [
                (_("personnel"), [d.personnel for d in data["patrol_days"]], PALETTE[0]),
                (_("police cars"), [d.vehicles for d in data["patrol_days"]], PALETTE[3]),
            ],
        ),
    ]
