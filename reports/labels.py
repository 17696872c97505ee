"""Names of the summary's sections and figures as the page shows them (gettext)."""

from django.utils.translation import gettext_lazy as _

SECTION_LABELS = {
    "police_reports": _("Police reports"),
    "cases": _("Cases cracked"),
    "fire_safety": _("Fire safety of the nine small places"),
    "key_items": _("Key items"),
    "events": _("Large events"),
    "disputes": _("Disputes"),
    "patrols": _("Patrols"),
    "public_services": _("Public services"),
}

FIGURE_LABELS = {
    "police_reports": {
        "effective": _("Effective police reports"),
        "criminal": _("Criminal reports"),
        "public_security": _("Public security reports"),
        "traffic": _("Traffic reports"),
        "fire": _("Fire reports"),
        "assistance": _("Assistance reports"),
    },
    "cases": {
        "cracked": _("Criminal cases cracked"),
        "suspects_arrested": _("Suspects arrested"),
        "telecom_fraud": _("Telecom fraud cases"),
        "gangs_smashed": _("Gangs smashed"),
        "theft_robbery_fraud": _("Theft, robbery and fraud cases"),
        "theft_robbery_fraud_suspects": _("Theft, robbery and fraud suspects"),
        "recovered_value": _("Value recovered (yuan)"),
    },
    "fire_safety": {
        "places_inspected": _("Places inspected"),
        "hazards_found": _("Hazards found"),
        "rectified_on_spot": _("Rectified on the spot"),
        "time_limited": _("Rectification within a time limit"),
        "suspended": _("Venues suspended"),
        "notices_issued": _("Rectification notices issued"),
        "publicity_activities": _("Fire safety publicity activities"),
        "materials_distributed": _("Materials distributed"),
    },
    "key_items": {
        "explosives_units_inspected": _("Explosives units inspected"),
        "explosives_hazards_rectified": _("Explosives hazards rectified"),
        "fireworks_cases": _("Fireworks cases"),
        "fireworks_persuasions": _("Dangerous fireworks behaviours persuaded"),
    },
    "events": {
        "large_events": _("Large events"),
        "with_security_plan": _("With a security plan in advance"),
        "attendance": _("Attendance"),
        "police_deployed": _("Police deployed for events"),
    },
    "disputes": {
        "registered": _("Disputes registered"),
        "resolved": _("Disputes resolved"),
        "resolution_rate": _("Resolution rate (%)"),
    },
    "patrols": {
        "deployments": _("Patrol deployments"),
        "personnel_total": _("Patrol personnel (person-times)"),
        "community_forces_total": _("Community forces (person-times)"),
        "personnel_daily_min": _("Personnel, least day"),
        "personnel_daily_avg": _("Personnel, daily average"),
        "vehicles_daily_min": _("Police cars, least day"),
        "vehicles_daily_avg": _("Police cars, daily average"),
    },
    "public_services": {
        "handled": _("Matters handled"),
        "vehicle_driving": _("Vehicle and driving matters"),
        "on_time_rate": _("Completed on time (%)"),
        "praise_rate": _("Praise rate (%)"),
    },
}

# The per-station table's columns: (section, figure).
STATION_COLUMNS = [
    ("police_reports", "effective"),
    ("police_reports", "criminal"),
    ("cases", "cracked"),
    ("fire_safety", "places_inspected"),
    ("fire_safety", "hazards_found"),
    ("disputes", "registered"),
    ("disputes", "resolution_rate"),
    ("patrols", "personnel_daily_avg"),
    ("public_services", "handled"),
]

# Which way a figure should move: "down" (fewer police reports is good), "up" (more cases
# cracked, more hazards rectified is good); a figure not named here is neutral, its
# change arrow grey.
GOOD_DIRECTION = {
    ("police_reports", "effective"): "down",
    ("police_reports", "criminal"): "down",
    ("police_reports", "public_security"): "down",
    ("cases", "cracked"): "up",
    ("cases", "suspects_arrested"): "up",
    ("cases", "telecom_fraud"): "up",
    ("cases", "gangs_smashed"): "up",
    ("cases", "theft_robbery_fraud"): "up",
    ("cases", "theft_robbery_fraud_suspects"): "up",
    ("cases", "recovered_value"): "up",
    ("fire_safety", "places_inspected"): "up",
    ("fire_safety", "rectified_on_spot"): "up",
    ("key_items", "explosives_units_inspected"): "up",
    ("key_items", "explosives_hazards_rectified"): "up",
    ("key_items", "fireworks_cases"): "up",
    ("events", "with_security_plan"): "up",
    ("disputes", "resolved"): "up",
    ("disputes", "resolution_rate"): "up",
    ("public_services", "on_time_rate"): "up",
    ("public_services", "praise_rate"): "up",
}


def tone(section, name, change):
    """ "good", "bad" or "neutral" for a change of the figure (None or 0: neutral)."""
    direction = GOOD_DIRECTION.get((section, name))
    if direction is None or not change:
        return "neutral"
    return "good" if (change > 0) == (direction == "up") else "bad"
