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
