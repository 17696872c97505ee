"""Each summary figure links to the filtered list of the records behind it.

A link names the list's URL and its filters; a filter the target list does not offer is
left out (the link then shows a superset), and a list that does not exist yet gives no link.
"""

from functools import cache
from urllib.parse import urlencode

from django.urls import NoReverseMatch, resolve, reverse

# The inspection list has no "nine small places" filter yet: those links show every kind.
NINE = {"venue_group": "nine_small_places"}
CRIMINAL = {"nature": "criminal"}

# (section, figure) -> (list URL name, filters); the period and the station are added.
FIGURE_LISTS = {
    ("police_reports", "effective"): ("incidents:policereport_list", {"effective": "true"}),
    ("police_reports", "criminal"): (
        "incidents:policereport_list",
        {"effective": "true", "category": "criminal"},
    ),
    ("police_reports", "public_security"): (
        "incidents:policereport_list",
        {"effective": "true", "category": "public_security"},
    ),
    ("cases", "cracked"): ("incidents:case_list", CRIMINAL),
    ("cases", "suspects_arrested"): ("incidents:case_list", CRIMINAL),
    ("cases", "telecom_fraud"): ("incidents:case_list", {**CRIMINAL, "category": "telecom_fraud"}),
    ("cases", "gangs_smashed"): ("incidents:case_list", {**CRIMINAL, "category": "telecom_fraud"}),
    ("cases", "theft_robbery_fraud"): ("incidents:case_list", {**CRIMINAL, "group": "trf"}),
    ("cases", "theft_robbery_fraud_suspects"): (
        "incidents:case_list",
        {**CRIMINAL, "group": "trf"},
    ),
    ("cases", "recovered_value"): ("incidents:case_list", CRIMINAL),
    ("fire_safety", "places_inspected"): ("inspections:inspection_list", NINE),
    ("fire_safety", "hazards_found"): ("inspections:inspection_list", NINE),
    ("fire_safety", "rectified_on_spot"): (
        "inspections:inspection_list",
        {**NINE, "disposition": "on_spot"},
    ),
    ("fire_safety", "time_limited"): (
        "inspections:inspection_list",
        {**NINE, "disposition": "time_limited"},
    ),
    ("fire_safety", "suspended"): (
        "inspections:inspection_list",
        {**NINE, "disposition": "suspension"},
    ),
    ("fire_safety", "notices_issued"): (
        "inspections:inspection_list",
        {**NINE, "with_notice": "true"},
    ),
    ("fire_safety", "publicity_activities"): (
        "inspections:publicityactivity_list",
        {"topic": "fire_safety"},
    ),
    ("fire_safety", "materials_distributed"): (
        "inspections:publicityactivity_list",
        {"topic": "fire_safety"},
    ),
    ("key_items", "explosives_units_inspected"): (
        "inspections:inspection_list",
        {"venue_kind": "explosives"},
    ),
    ("key_items", "explosives_hazards_rectified"): (
        "inspections:inspection_list",
        {"venue_kind": "explosives"},
    ),
    ("key_items", "fireworks_cases"): ("incidents:case_list", {"category": "fireworks"}),
    ("key_items", "fireworks_persuasions"): ("inspections:fireworkspersuasion_list", {}),
    ("events", "large_events"): ("patrols:largeevent_list", {}),
    ("events", "with_security_plan"): ("patrols:largeevent_list", {}),
    ("disputes", "registered"): ("disputes:dispute_list", {}),
    ("disputes", "resolved"): ("disputes:dispute_list", {"status": "resolved"}),
    ("disputes", "resolution_rate"): ("disputes:dispute_list", {}),
    **{
        ("patrols", name): ("patrols:patroldeployment_list", {})
        for name in (
            "deployments",
            "personnel_daily_min",
            "personnel_daily_avg",
            "vehicles_daily_min",
            "vehicles_daily_avg",
        )
    },
    **{
        ("public_services", name): ("services:servicetally_list", {})
        for name in ("handled", "vehicle_driving", "on_time_rate", "praise_rate")
    },
}


@cache
def list_filters(url_name):
    """(path, the filter names its list accepts) or None when the list does not exist."""
    try:
        path = reverse(url_name)
    except NoReverseMatch:
        return None
    view = resolve(path).func
    pages = getattr(view, "view_initkwargs", {}).get("pages")
    filterset = getattr(pages, "filterset_class", None)
    accepted = frozenset(filterset.base_filters) if filterset is not None else frozenset()
    return path, accepted


def figure_url(section, name, festival, station=None):
    url_name, filters = FIGURE_LISTS[(section, name)]
    found = list_filters(url_name)
    if found is None:
        return None
    path, accepted = found
    query = {"date_after": festival.starts_on.isoformat()}
    query["date_before"] = festival.ends_on.isoformat()
    if station is not None:
        query["station"] = station.code
    query.update(filters)
    return f"{path}?{urlencode({k: v for k, v in query.items() if k in accepted})}"


def figure_urls(festival, station=None):
    """{section: {figure: url or None}} for the page."""
    out = {}
    for section, name in FIGURE_LISTS:
        out.setdefault(section, {})[name] = figure_url(section, name, festival, station)
    return out
