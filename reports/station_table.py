"""The summary page's per-station table: each station's figures of STATION_COLUMNS with
their 同比 change, a total row that is the district's figure, sorted by any column.

Two grouped reads (labels.STATION_COLUMNS over the festival and over its comparison
festival, 9 queries each through summary.figures), whatever the number of stations.
"""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from xihu.models import Station

from .labels import FIGURE_LABELS, STATION_COLUMNS, tone
from .summary import RATES, change, figures, period_of


@dataclass
class Cell:
    value: object
    change: object  # change_pct, or change_pp for a rate; None when undefined
    is_rate: bool
    tone: str


def _cell(section, name, value, previous, has_comparison):
    shown = change(section, name, value, previous if has_comparison else None)
    is_rate = "change_pp" in shown
    amount = shown.get("change_pp", shown.get("change_pct"))
    return Cell(value, amount, is_rate, tone(section, name, amount))


def sort_keys():
    """The keys a column can be sorted by: station, then each figure and its change."""
    keys = ["station"]
    for section, name in STATION_COLUMNS:
        keys += [f"{section}.{name}", f"{section}.{name}.change"]
    return keys


def columns():
    return [(section, name, FIGURE_LABELS[section][name]) for section, name in STATION_COLUMNS]


def station_table(festival, station, sections, *, sort="station", descending=False):
    """{"rows": [(station, [Cell])], "total": [Cell] or None, "sort", "descending"}.

    station: the page's one station (then no total row) or None for every station with a
    record in either festival; sections: the page's summary sections (the total row is
    read from them, so it always equals the district figure); sort: a sort_keys() key.
    """
    current = figures(period_of(festival), station, by_station=True)
    comparison = festival.comparison
    previous = figures(period_of(comparison), station, by_station=True) if comparison else {}
    codes = set(current) | set(previous)
    rows = []
    for s in Station.objects.filter(code__in=codes).order_by("code"):
        now, before = current.get(s.code), previous.get(s.code)
        cells = [
            _cell(
                section,
                name,
                now[section][name] if now else _zero(section, name),
                before[section][name] if before else _zero(section, name),
                comparison is not None,
            )
            for section, name in STATION_COLUMNS
        ]
        rows.append((s, cells))
    if sort not in sort_keys():
        sort = "station"
    known = [row for row in rows if _sort_value(row, sort) is not None]
    known.sort(key=lambda row: _ordered(_sort_value(row, sort)), reverse=descending)
    # Stations without the figure (an undefined rate or change) stay last either way.
    rows = known + [row for row in rows if _sort_value(row, sort) is None]
    total = None
    if station is None:
        total = [_district_cell(section, name, sections) for section, name in STATION_COLUMNS]
    return {"rows": rows, "total": total, "sort": sort, "descending": descending}


def headers(table, station_code=""):
    """The headers: {key, label, url, arrow}; each links to the table sorted by its column,
    ascending, or turned round when it is the sorted one (links, no script)."""
    heads = [("station", _("Station"))]
    for section, name, label in columns():
        heads += [(f"{section}.{name}", label), (f"{section}.{name}.change", _("Year on year"))]
    out = []
    for key, label in heads:
        active = key == table["sort"]
        order = "desc" if active and not table["descending"] else "asc"
        query = {**({"station": station_code} if station_code else {}), "sort": key}
        arrow = ("▼" if table["descending"] else "▲") if active else ""
        url = f"?{urlencode({**query, 'order': order})}#station-table"
        out.append({"key": key, "label": label, "url": url, "arrow": arrow})
    return out


def _zero(section, name):
    """A station without records in a festival: counts 0, rates undefined."""
    return None if (section, name) in RATES else 0


def _sort_value(row, key):
    station, cells = row
    if key == "station":
        return station.code
    index = [f"{s}.{n}" for s, n in STATION_COLUMNS].index(key.removesuffix(".change"))
    cell = cells[index]
    return cell.change if key.endswith(".change") else cell.value


def _ordered(value):
    return value if isinstance(value, str) else Decimal(str(value))


def _district_cell(section, name, sections):
    figure = sections[section][name]
    amount = figure.get("change_pp", figure.get("change_pct"))
    return Cell(figure["value"], amount, "change_pp" in figure, tone(section, name, amount))
