"""What each summary figure counts, in one sentence (SPEC §3's definitions, translated).

Shown above the list a figure's link opens (xihu.context_processors.figure_definition asks
ReportsConfig.figure_definition), so that the reader knows what the list and its footer add
up to. The rules themselves are the domain apps' named conditions; these are their words.
"""

from django.utils.translation import gettext_lazy as _

DEFINITIONS = {
    "police_reports.effective": _(
        "effective police reports (misdials, pranks and duplicates left out) received in the "
        "period."
    ),
    "police_reports.criminal": _("effective criminal police reports received in the period."),
    "police_reports.public_security": _(
        "effective public security police reports received in the period."
    ),
    "police_reports.traffic": _("effective traffic police reports received in the period."),
    "police_reports.fire": _("effective fire police reports received in the period."),
    "police_reports.assistance": _("effective requests for assistance received in the period."),
    "cases.cracked": _("criminal cases cracked in the period."),
    "cases.suspects_arrested": _(
        "suspects arrested, summed over the criminal cases cracked in the period."
    ),
    "cases.telecom_fraud": _("criminal telecom fraud cases cracked in the period."),
    "cases.gangs_smashed": _(
        "gangs smashed, summed over the criminal cases of every category cracked in the period."
    ),
    "cases.theft_robbery_fraud": _(
        "criminal theft, robbery, fraud and telecom fraud cases cracked in the period."
    ),
    "cases.theft_robbery_fraud_suspects": _(
        "suspects arrested, summed over the criminal theft, robbery, fraud and telecom fraud "
        "cases cracked in the period."
    ),
    "cases.recovered_value": _(
        "value recovered, summed over the criminal cases cracked in the period."
    ),
    "fire_safety.places_inspected": _(
        "distinct venues of the nine small places with an inspection in the period."
    ),
    "fire_safety.hazards_found": _(
        "hazards found on the inspections of the nine small places in the period."
    ),
    "fire_safety.rectified_on_spot": _(
        "hazards rectified on the spot, found on the inspections of the nine small places in "
        "the period."
    ),
    "fire_safety.time_limited": _(
        "hazards given a time limit for rectification, found on the inspections of the nine "
        "small places in the period."
    ),
    "fire_safety.suspended": _(
        "distinct venues of the nine small places suspended for rectification on an inspection "
        "in the period."
    ),
    "fire_safety.notices_issued": _(
        "inspections of the nine small places in the period that issued a rectification notice."
    ),
    "fire_safety.publicity_activities": _("fire safety publicity activities held in the period."),
    "fire_safety.materials_distributed": _(
        "materials distributed, summed over the fire safety publicity activities in the period."
    ),
    "key_items.explosives_units_inspected": _(
        "distinct civil explosives units with an inspection in the period."
    ),
    "key_items.explosives_hazards_rectified": _(
        "hazards found on the inspections of civil explosives units in the period and rectified "
        "by its last day."
    ),
    "key_items.fireworks_cases": _(
        "fireworks cases of any nature (criminal or administrative) cracked in the period."
    ),
    "key_items.fireworks_persuasions": _(
        "dangerous fireworks behaviours persuaded, summed over the persuasions in the period."
    ),
    "events.large_events": _("large events whose days overlap the period."),
    "events.with_security_plan": _(
        "large events overlapping the period whose security plan was issued by their first day."
    ),
    "events.attendance": _(
        "expected attendance, summed over the large events overlapping the period."
    ),
    "events.police_deployed": _(
        "police deployed, summed over the large events overlapping the period."
    ),
    "disputes.registered": _("disputes registered in the period."),
    "disputes.resolved": _("disputes registered in the period and resolved by its last day."),
    "disputes.resolution_rate": _(
        "disputes registered in the period: the rate is those resolved by its last day, per "
        "hundred."
    ),
    "patrols.deployments": _("patrol deployments in the period."),
    "patrols.personnel_total": _(
        "personnel, summed over the patrol deployments in the period (person-times)."
    ),
    "patrols.community_forces_total": _(
        "community forces, summed over the patrol deployments in the period (person-times)."
    ),
    "patrols.personnel_daily_min": _(
        "each day's personnel on patrol; the figure is the least day (a day without patrols is 0)."
    ),
    "patrols.personnel_daily_avg": _(
        "each day's personnel on patrol; the figure is their sum over the period's days, "
        "divided by the number of days."
    ),
    "patrols.vehicles_daily_min": _(
        "each day's police cars on patrol; the figure is the least day (a day without patrols "
        "is 0)."
    ),
    "patrols.vehicles_daily_avg": _(
        "each day's police cars on patrol; the figure is their sum over the period's days, "
        "divided by the number of days."
    ),
    "public_services.handled": _("matters handled, summed over the counter tallies of the period."),
    "public_services.vehicle_driving": _(
        "vehicle and driving matters, summed over the counter tallies of the period."
    ),
    "public_services.on_time_rate": _(
        "counter tallies of the period: the rate is matters completed on time per hundred "
        "matters handled."
    ),
    "public_services.praise_rate": _(
        "counter tallies of the period: the rate is matters praised per hundred matters handled."
    ),
}


def figure_definition(code: str):
    """The sentence for "section.figure", or None for an unknown code."""
    return DEFINITIONS.get(code)
