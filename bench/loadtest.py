"""make loadtest: gunicorn on 127.0.0.1 and locust headless against it, for a bounded time.

    python -m bench.loadtest [--scale 0.1] [--users 10] [--time 60] [--workers 4] [--reuse]

Generates the bench database at --scale (or reuses a kept one with --reuse), starts gunicorn
with the production settings on the bench database (bench.settings), runs bench/locustfile.py
and prints requests/s, p50/p95/p99 and failures per request type. Everything listens on
127.0.0.1 only; gunicorn is stopped at the end whatever happens.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import db
from bench.settings import BENCH_DATABASE_URL, setup

BASE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
OUT = BASE / "out"


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout}s")


def port_is_free(port):
    """Raise RuntimeError when something already listens on 127.0.0.1:`port`."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise RuntimeError(f"127.0.0.1:{port} is taken: choose another --port")


def prepare(scale, reuse):
    if not reuse:
        db.recreate(BENCH_DATABASE_URL)
    setup()
    if not reuse:
        from bench.generate import analyze, generate

        db.migrate()
        generate(scale=scale, fast=True)
        analyze()
    from django.db import connections

    connections.close_all()


def report(stats_csv, seconds):
    rows = list(csv.DictReader(stats_csv.open()))
    lines = [
        "| request | count | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    return "\n".join(lines)


def run_load(*, users, spawn_rate, seconds, workers, port, log=print):
    """gunicorn on the bench database and locust headless against it for `seconds`.

    Answers (markdown table, {"rps", "p95", "failures"} of all requests). gunicorn is
    stopped at the end whatever happens; the database is left as it is.
    """
    host = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    port_is_free(port)  # or locust would measure whatever server already listens there
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "xihu.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "--error-logfile",
            str(OUT / "gunicorn.log"),
        ],
        cwd=BASE.parent,
        env=env,
    )
    prefix = OUT / "loadtest"
    try:
        wait_until_up(f"{host}/accounts/login/")
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(BASE / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                str(users),
                "--spawn-rate",
                str(spawn_rate),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=BASE.parent,
            env=env,
            check=False,
            timeout=seconds + 120,
            stdout=subprocess.DEVNULL,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    stats = Path(f"{prefix}_stats.csv")
    text = report(stats, seconds)
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists() and failures.read_text().count("\n") > 1:
        text += "\n\nfailures:\n" + failures.read_text()
    (OUT / "loadtest.md").write_text(text + "\n")
    total = next(row for row in csv.DictReader(stats.open()) if row["Name"] == "Aggregated")
    summary = {
        "rps": float(total["Requests/s"]),
        "p95": float(total["95%"]),
        "failures": int(total["Failure Count"]),
    }
    return text, summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--time", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--reuse", action="store_true", help="keep the existing bench database")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args(argv)

    OUT.mkdir(exist_ok=True)
    prepare(args.scale, args.reuse)
    try:
        text, summary = run_load(
            users=args.users,
            spawn_rate=args.spawn_rate,
            seconds=args.time,
            workers=args.workers,
            port=args.port,
        )
    finally:
        if not args.keep:
            db.drop(BENCH_DATABASE_URL)
    print(
        f"\n{args.users} users ({args.workers} gunicorn workers), {args.time}s, "
        + ("the kept bench database" if args.reuse else f"scale {args.scale}")
        + f"\n{text}"
    )
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
