"""make bench: the summary against the raw-SQL floor, the lists, the API and the import, at
two data sizes, on PostgreSQL.

    python -m bench.run [--scale 1.0] [--base-reports 10000] [--repeat 15] [--users 10]
                        [--load-seconds 60] [--import-rows 100000] [--keep]

Creates (and at the end drops) BENCH_DATABASE_URL (default xihu_bench), generates the small
size (about --base-reports police reports), measures, regenerates at --scale (1.0 = ten years,
about 1,000,000 police reports), measures again, EXPLAINs the summary's queries at that size,
times a 100,000-row CSV import and runs the load test (gunicorn + locust, bench/loadtest.py)
on that database. Requests go through Django's test client in-process (no network), logged
in as a supervisor. Every scenario of a size is measured round-robin (one call of each per
round, --repeat rounds), so a ratio compares calls made under the same load of the shared
machine; the app's CPU time per call (time.process_time) is printed beside the wall time.
"""

import argparse
import io
import os
import re
import statistics
import sys
import time
from pathlib import Path

from bench import db
from bench.settings import BENCH_DATABASE_URL, setup

OUT = Path(__file__).resolve().parent / "out"
TARGETS = {  # issue 20
    "page_over_floor": 2.5,
    "api_over_floor": 1.5,
    "page_queries": 12,
    "api_queries": 8,
    "list_ms": 50,
    "filtered_list_ms": 30,
    "search_ms": 200,
    "import_s": 30,
    "load_rps": 40,
    "load_p95_ms": 300,
}


def count_queries(fn):
    """The number of statements one call of `fn` sends."""
    from django.db import connection

    queries = []  # counted by a wrapper: a request's start clears connection.queries

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fn()
    return len(queries)


def measure_all(named, repeat, log):
    """{label: (median wall ms, median CPU ms, queries)} of [(label, fn)], round-robin.

    One warm-up call each, one counted call each, then `repeat` rounds of one timed call of
    every scenario: a burst of load from the other users of the machine hits them all alike.
    A scenario that answers LookupError (a page not built yet) is left out.
    """
    usable = []
    for label, fn in named:
        try:
            fn()
        except LookupError as exc:
            log(f"  {label}: skipped ({exc})")
            continue
        usable.append((label, fn, count_queries(fn)))
    walls = {label: [] for label, _, _ in usable}
    cpus = {label: [] for label, _, _ in usable}
    for _ in range(repeat):
        for label, fn, _ in usable:
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            cpus[label].append((time.process_time() - cpu) * 1000)
            walls[label].append((time.perf_counter() - wall) * 1000)
    return {
        label: (statistics.median(walls[label]), statistics.median(cpus[label]), queries)
        for label, _, queries in usable
    }


def get(client, url):
    def call():
        response = client.get(url)
        if response.status_code != 200:
            raise LookupError(f"{url} answered {response.status_code}")
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return response

    return call


def url_or_none(name):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def scenarios(festival, station, supervisor, staff):
    """[(group, label, callable)] of everything measured at one size."""
    from django.db import connection
    from django.test import Client

    from bench.floor import floor_summary
    from reports.summary import festival_summary

    sup = Client()
    sup.force_login(supervisor)
    own = Client()
    own.force_login(staff)
    window = f"date_after={festival.starts_on}&date_before={festival.ends_on}"
    filtered = f"?station={station.code}&{window}"

    def floor(station_id=None):
        def call():
            with connection.cursor() as cursor:
                return floor_summary(cursor, festival, station_id)

        return call

    out = [
        ("summary", "summary computation, district", lambda: festival_summary(festival)),
        (
            "summary",
            "summary computation, one station",
            lambda: festival_summary(festival, station),
        ),
        ("floor", "raw SQL floor, district", floor()),
        ("floor", "raw SQL floor, one station", floor(station.id)),
        ("page", "summary page /reports/<slug>/", get(sup, f"/reports/{festival.slug}/")),
        ("page", "summary API", get(sup, f"/api/v1/festivals/{festival.slug}/summary/")),
    ]
    lists = [
        ("incidents:policereport_list", "", "police reports, first page"),
        ("incidents:policereport_list", filtered + "&category=traffic", "police reports, filtered"),
        ("incidents:policereport_list", "?page=200", "police reports, page 200"),
        ("incidents:policereport_list", "?q=断桥", "police reports, text search"),
        ("incidents:policereport_list", "?q=断桥142", "police reports, rare text search"),
        ("incidents:policereport_list", "?q=西溪湿地", "police reports, common 4-char phrase"),
        ("incidents:case_list", filtered, "cases, filtered"),
        ("inspections:inspection_list", filtered, "inspections, filtered"),
        ("disputes:dispute_list", filtered, "disputes, filtered"),
        ("patrols:patroldeployment_list", filtered, "patrols, filtered"),
        ("services:servicetally_list", filtered, "service tallies, filtered"),
    ]
    for name, query, label in lists:
        url = url_or_none(name)
        if url:
            out.append(("list", label, get(sup, url + query)))
    url = url_or_none("incidents:policereport_list")
    if url:
        out.append(("list", "police reports, staff's own station", get(own, url)))
    api = [
        ("police-reports", "", "API police reports, first page"),
        ("police-reports", filtered, "API police reports, filtered"),
        ("inspections", filtered, "API inspections (hazards nested), filtered"),
        ("disputes", filtered, "API disputes (parties nested), filtered"),
    ]
    for collection, query, label in api:
        out.append(("api", label, get(sup, f"/api/v1/{collection}/{query}")))
    return out


def measure_size(scale, repeat, log):
    from django.db import connection

    from bench.generate import analyze, generate
    from reports.models import Festival
    from xihu.models import Station, User

    started = time.perf_counter()
    counts = generate(scale=scale, log=log, fast=True)
    analyze()
    log(f"  generated and analysed in {time.perf_counter() - started:.0f}s")
    festival = Festival.objects.select_related("comparison").get(slug="spring-festival-2025")
    station = Station.objects.get(code="xixi")
    supervisor = User.objects.get(username="bench-supervisor")
    staff = User.objects.get(username="bench-xixi")
    named = scenarios(festival, station, supervisor, staff)
    groups = {label: group for group, label, _ in named}
    load_before = os.getloadavg()[0]
    measured = measure_all([(label, fn) for _, label, fn in named], repeat, log)
    rows = {}
    for label, (wall, cpu, queries) in measured.items():
        rows[label] = {"group": groups[label], "ms": wall, "cpu": cpu, "queries": queries}
        log(f"  {label:45} {wall:8.1f} ms (CPU {cpu:6.1f}) {queries:4} queries")
    load = max(load_before, os.getloadavg()[0])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size_mb = cursor.fetchone()[0] / 1e6
    return {
        "scale": scale,
        "reports": counts["incidents.PoliceReport"],
        "rows": sum(counts.values()),
        "db_mb": size_mb,
        "load": load,  # the machine's 1-minute load average around the measuring (shared cores)
        "rows_measured": rows,
        "festival": festival,
    }


def check_floor(festival, log):
    """The floor must compute what the summary computes, or the ratio means nothing."""
    from django.db import connection

    from bench.floor import floor_summary, mismatches
    from reports.summary import festival_summary

    with connection.cursor() as cursor:
        current, previous = floor_summary(cursor, festival)
    wrong = mismatches(festival_summary(festival), current, previous)
    for figure, app, floor in wrong:
        log(f"  MISMATCH {figure}: summary {app}, floor {floor}")
    return not wrong


SCAN = re.compile(
    r"(Seq Scan|Parallel Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan)"
    r"(?: Backward)?(?: using (\S+))? on (\S+)"
)


def captured_selects(fn):
    """The SELECT statements `fn` runs on record tables, with their parameters bound."""
    from django.db import connection

    statements = []

    def capture(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT") and not SKIP_TABLES.search(sql):
            statements.append(connection.ops.compose_sql(sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        fn()
    return statements


# Sessions, users, stations and festivals: one-row lookups by key, not what is measured here.
SKIP_TABLES = re.compile(r'FROM "(django_session|xihu_user|xihu_station|reports_festival)"')


def explain(label, fn, report, log):
    """EXPLAIN ANALYZE the statements of `fn`; plans to `report`; answers the seq scans."""
    from django.db import connection

    seq_scans = []
    log(f"  {label}")
    with connection.cursor() as cursor:
        for number, sql in enumerate(captured_selects(fn), 1):
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            report.write(f"-- {label}, query {number}\n{sql}\n\n{plan}\n\n")
            scans = []
            for kind, index, target in SCAN.findall(plan):
                # Bitmap Index Scan prints "on <index>"; the others "using <index> on <table>".
                scans.append(f"{target} ({kind})" if not index else f"{target} via {index}")
                if "Seq Scan" in kind:
                    seq_scans.append(f"{label} q{number} {target}")
            took = re.search(r"Execution Time: ([\d.]+) ms", plan)
            log(f"    q{number} {took.group(1) if took else '?':>8} ms: {'; '.join(scans)}")
    return seq_scans


def explain_all(festival, path, log):
    """The summary's queries, and those of the police report lists, at the big size."""
    from django.test import Client

    from reports.summary import festival_summary
    from xihu.models import Station, User

    report = io.StringIO()
    station = Station.objects.get(code="xixi")
    seq_scans = explain("summary, district", lambda: festival_summary(festival), report, log)
    seq_scans += explain(
        "summary, one station", lambda: festival_summary(festival, station), report, log
    )
    lists = {
        "bench-supervisor": [
            "/incidents/police-reports/",
            "/incidents/police-reports/?page=200",
            "/incidents/police-reports/?q=断桥",
        ],
        "bench-xixi": ["/incidents/police-reports/"],
    }
    for username, urls in lists.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            seq_scans += explain(
                f"{url} as {username}", lambda c=client, u=url: c.get(u), report, log
            )
    path.write_text(report.getvalue())
    return seq_scans


def time_import(rows, log):
    """Parse, validate and save a CSV of `rows` police reports through the import engine;
    None (and a line saying why) when the engine's interface has moved on."""
    try:
        return _time_import(rows, log)
    except (AttributeError, ImportError, TypeError) as exc:
        log(f"  import not measured: {exc!r}")
        return None


def _import_csv(rows):
    """A CSV of `rows` police reports of five stations in June 2025, as station staff send."""
    import random

    rng = random.Random(7)
    lines = ["station,received_at,category,effective,source,location,summary"]
    stations = ["beishan", "xixi", "lingyin", "wenxin", "xihu-scenic"]
    for n in range(rows):
        lines.append(
            f"{rng.choice(stations)},2025-06-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d},"
            f"{rng.choice(['traffic', 'assistance', 'dispute'])},true,call_110,"
            f"文三路{n % 400}号,导入的历史警情"
        )
    return ("\n".join(lines) + "\n").encode()


def _time_import(rows, log):
    """The import's two steps as the pages run them (xihu.imports: open and check into a
    preview batch, then confirm), and the same rows written by one COPY for the ratio."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from incidents.views import PoliceReportImport
    from xihu.imports.models import BatchState, ImportBatch
    from xihu.imports.tasks import run_confirm, run_preview
    from xihu.models import User

    content = _import_csv(rows)
    user = User.objects.get(username="bench-supervisor")
    phases = {}
    started = time.perf_counter()
    opened = PoliceReportImport.open(SimpleUploadedFile("reports.csv", content), user=user)
    phases["read"] = time.perf_counter() - started
    batch = ImportBatch.objects.create(
        model="incidents.PoliceReport", created_by=user, file_name="bench.csv", sha256="bench"
    )
    run_preview(batch, PoliceReportImport, opened, user=user)
    phases["check"] = time.perf_counter() - started - phases["read"]
    if batch.state != BatchState.PREVIEW:
        log(f"  import refused: {batch.report.get('errors', [])[:3]}")
        return None
    ImportBatch.objects.filter(pk=batch.pk).update(state=BatchState.SAVING)
    batch.refresh_from_db()
    run_confirm(batch, user=user)
    total = time.perf_counter() - started
    phases["save"] = total - phases["read"] - phases["check"]
    batch.refresh_from_db()
    copy_s = _time_copy(content)
    log(
        f"  import {rows:,} rows ({batch.state}, {batch.created:,} created): {total:.1f}s = "
        + " + ".join(f"{k} {v:.1f}s" for k, v in phases.items())
        + f"; the same rows by one COPY {copy_s:.1f}s: import/COPY {total / copy_s:.0f}×"
    )
    return total


def _time_copy(content):
    """Seconds to write the CSV's rows with one COPY (no checks, no history): the floor."""
    import csv as csv_module

    from django.db import connection, transaction
    from django.utils import timezone

    from xihu.models import Station

    ids = dict(Station.objects.values_list("code", "pk"))
    now = timezone.now().isoformat()
    reader = csv_module.reader(io.StringIO(content.decode()))
    next(reader)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        columns = "station_id, received_at, category, effective, source, location, summary, "
        columns += "created_at, updated_at, version"
        with cursor.cursor.copy(f"COPY incidents_policereport ({columns}) FROM STDIN") as copy:
            for station, received, category, effective, source, location, summary in reader:
                copy.write_row(
                    (
                        ids[station],
                        f"{received}+08",
                        category,
                        effective,
                        source,
                        location,
                        summary,
                        now,
                        now,
                        1,
                    )
                )
        transaction.set_rollback(True)  # the import's rows are the ones kept
    return time.perf_counter() - started


def table(small, big, import_s, floor_ok, seq_scans, load=None):
    """The closing table: medians (wall and CPU), queries, big/small ratios, the targets."""
    big = big or small
    lines = [
        f"| measure | {small['reports']:,} reports: ms | CPU ms | queries "
        f"| {big['reports']:,} reports: ms | CPU ms | queries | big/small |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, s in small["rows_measured"].items():
        b = big["rows_measured"].get(label)
        first = f"| {label} | {s['ms']:.1f} | {s['cpu']:.1f} | {s['queries']} "
        if b is None:
            lines.append(first + "| | | | |")
            continue
        lines.append(
            first + f"| {b['ms']:.1f} | {b['cpu']:.1f} | {b['queries']} | {b['ms'] / s['ms']:.2f} |"
        )
    lines.append("")
    for size in [small, big] if big is not small else [small]:
        r = size["rows_measured"]
        floor = r.get("raw SQL floor, district", {}).get("ms")
        ratios = [
            f"{name}/floor {r[label]['ms'] / floor:.2f}"
            for name, label in [
                ("summary", "summary computation, district"),
                ("page", "summary page /reports/<slug>/"),
                ("API", "summary API"),
            ]
            if label in r and floor
        ]
        lines.append(
            f"- {size['reports']:,} reports ({size['rows']:,} rows, {size['db_mb']:.0f} MB): "
            + ", ".join(ratios)
            + f"; load average {size['load']:.1f} on {os.cpu_count()} cores"
        )
    lines.append(
        f"- the floor computes the same figures as the summary: {'yes' if floor_ok else 'NO'}"
    )
    if import_s is not None:
        lines.append(f"- CSV import: {import_s:.1f}s (target ≤ {TARGETS['import_s']}s for 100,000)")
    if seq_scans is not None:
        lines.append(
            "- EXPLAIN at the big size (summary, police report lists): "
            + ("every table read through an index" if not seq_scans else "; ".join(seq_scans))
        )
    lines += ["", "Targets (issue 20) at the big size:", ""] + targets(big, load)
    if load is not None:
        lines += ["", load["title"], "", load["text"]]
    return "\n".join(lines)


def targets(big, load):
    """One line per target of issue 20: met or missed, with the measured value."""
    r = big["rows_measured"]
    floor = r.get("raw SQL floor, district", {}).get("ms")
    checks = []

    def check(name, value, limit, unit="", higher_is_better=False):
        if value is None:
            return
        met = value >= limit if higher_is_better else value <= limit
        sign = "≥" if higher_is_better else "≤"
        checks.append(f"- {'met' if met else 'MISSED'}: {name} {value:.1f}{unit} ({sign} {limit})")

    def ms(label):
        return r[label]["ms"] if label in r else None

    if floor:
        page, api = ms("summary page /reports/<slug>/"), ms("summary API")
        check("summary page / floor", page and page / floor, TARGETS["page_over_floor"])
        check("summary API / floor", api and api / floor, TARGETS["api_over_floor"])
    for label, key in [("summary page /reports/<slug>/", "page"), ("summary API", "api")]:
        if label in r:
            check(f"{label} queries", r[label]["queries"], TARGETS[f"{key}_queries"])
    check("police reports list, first page", ms("police reports, first page"), 50, " ms")
    check("police reports list, filtered", ms("police reports, filtered"), 30, " ms")
    check("police reports list, text search", ms("police reports, text search"), 200, " ms")
    if load is not None:
        check("load test requests/s", load["rps"], TARGETS["load_rps"], higher_is_better=True)
        check("load test p95", load["p95"], TARGETS["load_p95_ms"], " ms")
        check("load test failures", load["failures"], 0)
    return checks


def load_test(users, seconds, port, log):
    """The load test on the big database (bench/loadtest.py): its table and totals."""
    from django.db import connections

    from bench.loadtest import run_load

    connections.close_all()  # gunicorn's workers open their own
    log(f"== load test: {users} users, {seconds}s, 4 gunicorn workers")
    load_before = os.getloadavg()[0]
    text, summary = run_load(
        users=users, spawn_rate=max(1, users / 2), seconds=seconds, workers=4, port=port, log=log
    )
    summary["title"] = (
        f"Load test on the big database: {users} users (70% staff: list, form, API create; "
        f"30% supervisors: summary), {seconds}s, 4 gunicorn workers; load average "
        f"{max(load_before, os.getloadavg()[0]):.1f} on {os.cpu_count()} cores"
    )
    summary["text"] = text
    log(text)
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = ten years, ~1M reports")
    parser.add_argument("--base-reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=10, help="load test users (0: none)")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8797, help="gunicorn's, on 127.0.0.1")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args(argv)

    def log(message):
        print(message, flush=True)

    OUT.mkdir(exist_ok=True)
    db.recreate(BENCH_DATABASE_URL)
    setup()
    db.migrate()
    base_scale = args.base_reports / 1_000_000
    sizes = sorted({min(base_scale, args.scale), args.scale})
    results = []
    import_s = seq_scans = load = None
    floor_ok = True
    for scale in sizes:
        log(f"== scale {scale:g}")
        db.truncate_records()
        result = measure_size(scale, args.repeat, log)
        floor_ok &= check_floor(result["festival"], log)
        results.append(result)
    big = results[-1]
    log("== EXPLAIN of the summary's queries at the big size (full plans in bench/out/)")
    seq_scans = explain_all(big["festival"], OUT / f"explain-scale-{args.scale:g}.txt", log)
    if args.import_rows:
        log(f"== import of {args.import_rows:,} rows")
        import_s = time_import(args.import_rows, log)
    if args.users:
        load = load_test(args.users, args.load_seconds, args.port, log)
    text = table(
        results[0], results[1] if len(results) > 1 else None, import_s, floor_ok, seq_scans, load
    )
    (OUT / f"bench-scale-{args.scale:g}.md").write_text(text + "\n")
    print("\n" + text)
    if not args.keep:
        from django.db import connections

        connections.close_all()
        db.drop(BENCH_DATABASE_URL)
    return 0 if floor_ok else 1


if __name__ == "__main__":
    sys.exit(main())
