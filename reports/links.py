"""Each summary figure opens the list of exactly the records behind it (SPEC §4).

A `FigureList` names the list, its filters (each one a list filter built on the figure's named
condition: `group=theft_robbery_fraud` is incidents.models.THEFT_ROBBERY_FRAUD_CASES,
`venue_group=nine_small_places` is inspections.models.NINE_SMALL_PLACES_INSPECTED, …) and what
on that list equals the figure (`measure`):

    ("count",)            the list's number of records
    ("distinct", key)     its footer's distinct count (data-total="distinct-<key>")
    ("sum", field)        its footer's sum of a field (data-total="sum-<field>")
    ("count_of", figure)  the list is the rate's denominator: its count is that figure
    ("page",)             a page computing the figure from its daily or per-record table
                          (patrol board, counter rates)

A filter the target list does not accept is an error (ImproperlyConfigured), never dropped:
a dropped filter would open a wider list than the figure counts. Every link also carries
`figure=<section>.<figure>`, for which the list shows the figure's definition.
"""

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from django.core.exceptions import ImproperlyConfigured
from django.urls import resolve, reverse

END = object()  # a filter value: the festival's last day


@dataclass(frozen=True)
class FigureList:
    url_name: str
    filters: dict
    measure: tuple = ("count",)
    dates: tuple = ("date_after", "date_before")


def _reports(**filters):
    return {"effective": "true", **filters}


CRIMINAL = {"nature": "criminal"}
TRF = {**CRIMINAL, "group": "theft_robbery_fraud"}
NINE = {"venue_group": "nine_small_places"}
EXPLOSIVES = {"venue_kind": "explosives"}
CASES, HAZARDS = "incidents:case_list", "inspections:hazard_list"
INSPECTIONS, PUBLICITY = "inspections:inspection_list", "inspections:publicityactivity_list"
EVENTS, DISPUTES = "patrols:largeevent_list", "disputes:dispute_list"
PATROLS, TALLIES = "patrols:patroldeployment_list", "services:servicetally_list"
VENUES = ("distinct", "venues")
BOARD = FigureList("patrols:board", {}, ("page",), ("start", "end"))
RATES = FigureList("services:rates", {}, ("page",), ("start", "end"))


def _sum(field):
    return ("sum", field)


FIGURE_LISTS = {
    ("police_reports", "effective"): FigureList("incidents:policereport_list", _reports()),
    **{
        ("police_reports", category): FigureList(
            "incidents:policereport_list", _reports(category=category)
        )
        for category in ("criminal", "public_security", "traffic", "fire", "assistance")
    },
    ("cases", "cracked"): FigureList(CASES, CRIMINAL),
    ("cases", "suspects_arrested"): FigureList(CASES, CRIMINAL, _sum("suspects_arrested")),
    ("cases", "telecom_fraud"): FigureList(CASES, {**CRIMINAL, "category": "telecom_fraud"}),
    ("cases", "gangs_smashed"): FigureList(CASES, CRIMINAL, _sum("gangs_smashed")),
    ("cases", "theft_robbery_fraud"): FigureList(CASES, TRF),
    ("cases", "theft_robbery_fraud_suspects"): FigureList(CASES, TRF, _sum("suspects_arrested")),
    ("cases", "recovered_value"): FigureList(CASES, CRIMINAL, _sum("recovered_value")),
    ("fire_safety", "places_inspected"): FigureList(INSPECTIONS, NINE, VENUES),
    ("fire_safety", "hazards_found"): FigureList(HAZARDS, NINE),
    ("fire_safety", "rectified_on_spot"): FigureList(HAZARDS, {**NINE, "disposition": "on_spot"}),
    ("fire_safety", "time_limited"): FigureList(HAZARDS, {**NINE, "disposition": "time_limited"}),
    ("fire_safety", "suspended"): FigureList(
        HAZARDS, {**NINE, "disposition": "suspension"}, VENUES
    ),
    ("fire_safety", "notices_issued"): FigureList(INSPECTIONS, {**NINE, "with_notice": "true"}),
    ("fire_safety", "publicity_activities"): FigureList(PUBLICITY, {"topic": "fire_safety"}),
    ("fire_safety", "materials_distributed"): FigureList(
        PUBLICITY, {"topic": "fire_safety"}, _sum("materials_distributed")
    ),
    ("key_items", "explosives_units_inspected"): FigureList(INSPECTIONS, EXPLOSIVES, VENUES),
    ("key_items", "explosives_hazards_rectified"): FigureList(
        HAZARDS, {**EXPLOSIVES, "rectified_before": END}
    ),
    ("key_items", "fireworks_cases"): FigureList(CASES, {"category": "fireworks"}),
    ("key_items", "fireworks_persuasions"): FigureList(
        "inspections:fireworkspersuasion_list", {}, _sum("behaviours")
    ),
    ("events", "large_events"): FigureList(EVENTS, {}),
    ("events", "with_security_plan"): FigureList(EVENTS, {"timely_plan": "true"}),
    ("events", "attendance"): FigureList(EVENTS, {}, _sum("expected_attendance")),
    ("events", "police_deployed"): FigureList(EVENTS, {}, _sum("police_deployed")),
    ("disputes", "registered"): FigureList(DISPUTES, {}),
    ("disputes", "resolved"): FigureList(DISPUTES, {"resolved_by": END}),
    ("disputes", "resolution_rate"): FigureList(DISPUTES, {}, ("count_of", "registered")),
    ("patrols", "deployments"): FigureList(PATROLS, {}),
    ("patrols", "personnel_total"): FigureList(PATROLS, {}, _sum("personnel")),
    ("patrols", "community_forces_total"): FigureList(PATROLS, {}, _sum("community_forces")),
    ("patrols", "personnel_daily_min"): BOARD,
    ("patrols", "personnel_daily_avg"): BOARD,
    ("patrols", "vehicles_daily_min"): BOARD,
    ("patrols", "vehicles_daily_avg"): BOARD,
    ("public_services", "handled"): FigureList(TALLIES, {}, _sum("handled")),
    ("public_services", "vehicle_driving"): FigureList(TALLIES, {}, _sum("vehicle_driving")),
    ("public_services", "on_time_rate"): RATES,
    ("public_services", "praise_rate"): RATES,
}


@cache
def accepted_params(url_name):
    """(path, the query parameters the page accepts): a list's FilterSet filters, or the
    `link_params` a page declares."""
    path = reverse(url_name)
    view = resolve(path).func
    pages = getattr(view, "view_initkwargs", {}).get("pages")
    if pages is not None:
        return path, frozenset(pages.filterset_class.base_filters)
    return path, frozenset(getattr(view.view_class, "link_params", ()))


def figure_url(section, name, festival, station=None):
    """The URL of the list behind one figure, for the festival and the station (or all)."""
    return list_url(FIGURE_LISTS[(section, name)], festival, station, f"{section}.{name}")


def case_category_url(category, festival, station=None):
    """The criminal cases of one category cracked in the festival (the category table)."""
    return list_url(FigureList(CASES, {**CRIMINAL, "category": category}), festival, station)


def list_url(target, festival, station=None, figure=None):
    """`target`'s URL over the festival's days and the station; ImproperlyConfigured when the
    page does not accept one of the filters."""
    path, accepted = accepted_params(target.url_name)
    after, before = target.dates
    query = {after: festival.starts_on.isoformat(), before: festival.ends_on.isoformat()}
    if station is not None:
        query["station"] = station.code
    for key, value in target.filters.items():
        query[key] = festival.ends_on.isoformat() if value is END else value
    refused = set(query) - accepted
    if refused:
        raise ImproperlyConfigured(
            f"{target.url_name} does not filter by {sorted(refused)}: "
            f"its link would open more than {figure or 'it should'}"
        )
    if figure is not None:
        query["figure"] = figure
    return f"{path}?{urlencode(query)}"


def figure_urls(festival, station=None):
    """{section: {figure: url}} for the page."""
    out = {}
    for section, name in FIGURE_LISTS:
        out.setdefault(section, {})[name] = figure_url(section, name, festival, station)
    return out
