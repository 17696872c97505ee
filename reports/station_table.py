"""The summary page's per-station table: each station's figures of STATION_COLUMNS with
their 同比 change, a total row that is the district's figure, sorted by any column.

No query of its own: the stations' figures are those festival_report() read with the
district's (summary.Readings), so the table and the figures above it never disagree.
"""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .labels import FIGURE_LABELS, STATION_COLUMNS, tone


@dataclass
class Cell:
    value: object
    change: object  # change_pct, or change_pp for a rate; None when undefined
    is_rate: bool
    tone: str


def _cell(section, name, figure):
    """A compared figure of the summary ({"value", "change_pct"|"change_pp", …}) as a cell."""
    is_rate = "change_pp" in figure
    amount = figure.get("change_pp", figure.get("change_pct"))
    return Cell(figure["value"], amount, is_rate, tone(section, name, amount))


def sort_keys():
    """The keys a column can be sorted by: station, then each figure and its change."""
    keys = ["station"]
    for section, name in STATION_COLUMNS:
        keys += [f"{section}.{name}", f"{section}.{name}.change"]
    return keys


def columns():
    return [(section, name, FIGURE_LABELS[section][name]) for section, name in STATION_COLUMNS]


def station_table(station, sections, stations, *, sort="station", descending=False):
    """{"rows": [(station, [Cell])], "total": [Cell] or None, "sort", "descending"}.

    station: the page's one station (then no total row) or None for every station;
    sections: the page's summary sections (the total row is read from them, so it always
    equals the district figure); stations: festival_report()'s [(Station, sections)] for
    every station with a record in any of its periods; sort: a sort_keys() key.
    """
    rows = [
        (s, [_cell(section, name, figures[section][name]) for section, name in STATION_COLUMNS])
        for s, figures in stations
    ]
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
    return _cell(section, name, sections[section][name])
