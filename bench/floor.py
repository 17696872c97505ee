"""The floor: SPEC §3's figures for one period by hand-written SQL, straight on the tables.

One statement per period, every record type an aggregate subquery with FILTER clauses, the
patrol days from generate_series. Nothing the application does can be cheaper than this,
so `summary time / floor time` is the application's overhead. PostgreSQL only.
"""

import datetime

from xihu.models import local_day_bounds

NINE = "('school','clinic','shop','restaurant','hotel','entertainment','internet_cafe'," + (
    "'beauty_bath','workshop')"
)
TRF = "('theft','robbery','fraud','telecom_fraud')"

SQL = f"""
SELECT * FROM
(SELECT count(*) AS effective,
        count(*) FILTER (WHERE category = 'criminal') AS criminal,
        count(*) FILTER (WHERE category = 'public_security') AS public_security,
        count(*) FILTER (WHERE category = 'traffic') AS traffic,
        count(*) FILTER (WHERE category = 'fire') AS fire,
        count(*) FILTER (WHERE category = 'assistance') AS assistance
   FROM incidents_policereport
  WHERE effective AND received_at >= %(lo)s AND received_at < %(hi)s {{station}}) pr,
(SELECT count(*) FILTER (WHERE nature = 'criminal') AS cracked,
        coalesce(sum(suspects_arrested) FILTER (WHERE nature = 'criminal'), 0)
          AS suspects_arrested,
        count(*) FILTER (WHERE nature = 'criminal' AND category = 'telecom_fraud')
          AS telecom_fraud,
        coalesce(sum(gangs_smashed) FILTER (WHERE nature = 'criminal'), 0) AS gangs_smashed,
        count(*) FILTER (WHERE nature = 'criminal' AND category IN {TRF})
          AS theft_robbery_fraud,
        coalesce(sum(suspects_arrested)
          FILTER (WHERE nature = 'criminal' AND category IN {TRF}), 0)
          AS theft_robbery_fraud_suspects,
        coalesce(sum(recovered_value) FILTER (WHERE nature = 'criminal'), 0) AS recovered_value,
        count(*) FILTER (WHERE category = 'fireworks') AS fireworks_cases
   FROM incidents_case
  WHERE cracked_on BETWEEN %(start)s AND %(end)s {{station}}) c,
(SELECT count(DISTINCT i.venue_id) FILTER (WHERE v.kind IN {NINE}) AS places_inspected,
        count(h.id) FILTER (WHERE v.kind IN {NINE}) AS hazards_found,
        count(h.id) FILTER (WHERE v.kind IN {NINE} AND h.disposition = 'on_spot')
          AS rectified_on_spot,
        count(h.id) FILTER (WHERE v.kind IN {NINE} AND h.disposition = 'time_limited')
          AS time_limited,
        count(DISTINCT i.venue_id) FILTER (WHERE v.kind IN {NINE} AND h.disposition = 'suspension')
          AS suspended,
        count(DISTINCT i.id) FILTER (WHERE v.kind IN {NINE} AND i.notice_number <> '')
          AS notices_issued,
        count(DISTINCT i.venue_id) FILTER (WHERE v.kind = 'explosives')
          AS explosives_units_inspected,
        count(h.id) FILTER (WHERE v.kind = 'explosives' AND h.rectified_on <= %(end)s)
          AS explosives_hazards_rectified
   FROM inspections_inspection i
   JOIN inspections_venue v ON v.id = i.venue_id
   LEFT JOIN inspections_hazard h ON h.inspection_id = i.id
  WHERE i.inspected_on BETWEEN %(start)s AND %(end)s {{station_i}}) ins,
(SELECT count(*) AS publicity_activities,
        coalesce(sum(materials_distributed), 0) AS materials_distributed
   FROM inspections_publicityactivity
  WHERE topic = 'fire_safety' AND held_on BETWEEN %(start)s AND %(end)s {{station}}) pa,
(SELECT coalesce(sum(behaviours), 0) AS fireworks_persuasions
   FROM inspections_fireworkspersuasion
  WHERE occurred_on BETWEEN %(start)s AND %(end)s {{station}}) fp,
(SELECT count(*) AS large_events,
        count(*) FILTER (WHERE security_plan_issued_on <= starts_on) AS with_security_plan,
        coalesce(sum(expected_attendance), 0) AS attendance,
        coalesce(sum(police_deployed), 0) AS police_deployed
   FROM patrols_largeevent
  WHERE starts_on <= %(end)s AND ends_on >= %(start)s {{station}}) ev,
(SELECT count(*) AS registered,
        count(*) FILTER (WHERE status = 'resolved' AND resolved_on <= %(end)s) AS resolved,
        round(100.0 * count(*) FILTER (WHERE status = 'resolved' AND resolved_on <= %(end)s)
              / nullif(count(*), 0), 1) AS resolution_rate
   FROM disputes_dispute
  WHERE registered_on BETWEEN %(start)s AND %(end)s {{station}}) d,
(SELECT coalesce(sum(n), 0) AS deployments,
        coalesce(sum(p), 0) AS personnel_total, coalesce(sum(f), 0) AS community_forces_total,
        min(p) AS personnel_daily_min, round(sum(p)::numeric / count(*), 1) AS personnel_daily_avg,
        min(v) AS vehicles_daily_min, round(sum(v)::numeric / count(*), 1) AS vehicles_daily_avg
   FROM (SELECT g.day, coalesce(pd.n, 0) AS n, coalesce(pd.p, 0) AS p, coalesce(pd.v, 0) AS v,
                coalesce(pd.f, 0) AS f
           FROM generate_series(%(start)s::date, %(end)s::date, interval '1 day') AS g(day)
           LEFT JOIN (SELECT date, count(*) AS n, sum(personnel) AS p, sum(vehicles) AS v,
                             sum(community_forces) AS f
                        FROM patrols_patroldeployment
                       WHERE date BETWEEN %(start)s AND %(end)s {{station}}
                       GROUP BY date) pd ON pd.date = g.day::date) days) pt,
(SELECT coalesce(sum(handled), 0) AS handled,
        coalesce(sum(vehicle_driving), 0) AS vehicle_driving,
        round(100.0 * sum(on_time) / nullif(sum(handled), 0), 1) AS on_time_rate,
        round(100.0 * sum(praised) / nullif(sum(handled), 0), 1) AS praise_rate
   FROM services_servicetally
  WHERE date BETWEEN %(start)s AND %(end)s {{station}}) st
"""


def statement(station_id=None):
    if station_id is None:
        return SQL.format(station="", station_i="")
    return SQL.format(
        station="AND station_id = %(station)s",
        station_i="AND i.station_id = %(station)s",
    )


def floor_figures(cursor, start: datetime.date, end: datetime.date, station_id=None):
    """{figure: value} for one period, one round trip."""
    lo, hi = local_day_bounds(start, end)
    params = {"start": start, "end": end, "lo": lo, "hi": hi, "station": station_id}
    cursor.execute(statement(station_id), params)
    names = [col[0] for col in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def floor_summary(cursor, festival, station_id=None):
    """The festival's figures and its comparison's: what the summary reads from the database."""
    current = floor_figures(cursor, festival.starts_on, festival.ends_on, station_id)
    previous = None
    if festival.comparison_id is not None:
        comparison = festival.comparison
        previous = floor_figures(cursor, comparison.starts_on, comparison.ends_on, station_id)
    return current, previous


def mismatches(summary, current, previous):
    """Figures where the summary and the floor disagree: [(figure, summary, floor)]."""
    from decimal import Decimal

    def same(a, b):
        if a is None or b is None:
            return a is None and b is None
        return Decimal(str(a)) == Decimal(str(b))

    out = []
    for section, figures in summary["sections"].items():
        for name, figure in figures.items():
            if not same(figure["value"], current[name]):
                out.append((f"{section}.{name}", figure["value"], current[name]))
            floor_previous = previous[name] if previous is not None else None
            if not same(figure["previous"], floor_previous):
                out.append((f"{section}.{name} (previous)", figure["previous"], floor_previous))
    return out
