"""Does the suite have teeth? Deliberate bugs, one at a time, each against the tests that
should catch it (`make mutation`; not part of CI).

Each mutant is an exact search/replace on the current source: the search text must occur
exactly once, else the run stops before touching anything and names the patches that no
longer apply (the code moved: update the patch, do not drop it). For each mutant the file
is patched, the selected tests run (`-x`, first failure wins), and the original bytes and
modification time are put back whatever happens, so the tree ends as it began.

Prints the table mutant -> the test that caught it, and exits 1 if any mutant survived or
the selections fail on the unpatched code (a red baseline proves nothing).

    python -m tests.mutation              # every mutant
    python -m tests.mutation version      # the mutants whose name contains "version"
"""

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    """One deliberate bug: in `path`, `find` (exactly once) becomes `replace`; `tests` are
    the pytest arguments (paths, node ids, -k) that must catch it."""

    name: str
    path: str
    find: str
    replace: str
    tests: tuple


MUTANTS = [
    Mutant(
        "scoping: staff see every station's records",
        "xihu/models.py",
        "            return self.filter(station_id=user.station_id)\n",
        "            return self\n",
        ("tests/security/test_idor.py", "-k", "TestObjectURLs and case-detail"),
    ),
    Mutant(
        "figure: administrative cases counted as criminal",
        "incidents/models.py",
        "CRIMINAL = Q(nature=CaseNature.CRIMINAL)",
        "CRIMINAL = Q(nature__in=(CaseNature.CRIMINAL, CaseNature.ADMINISTRATIVE))",
        ("reports/tests/test_summary.py",),
    ),
    Mutant(
        "figure: a dispute resolved on the last day not counted",
        "disputes/models.py",
        "return Q(status=DisputeStatus.RESOLVED, resolved_on__lte=last_day)",
        "return Q(status=DisputeStatus.RESOLVED, resolved_on__lt=last_day)",
        ("disputes/tests/test_models.py", "reports/tests/test_summary.py"),
    ),
    Mutant(
        "figure: a plan issued on the event's first day is not timely",
        "patrols/models.py",
        'TIMELY_PLAN = Q(security_plan_issued_on__lte=F("starts_on"))',
        'TIMELY_PLAN = Q(security_plan_issued_on__lt=F("starts_on"))',
        ("patrols/tests/test_figures.py", "patrols/tests/test_api.py"),
    ),
    Mutant(
        "local day: the period's last day left out (upper bound one day early)",
        "xihu/models.py",
        "        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=LOCAL_TZ\n",
        "        end, datetime.time.min, tzinfo=LOCAL_TZ\n",
        ("xihu/tests/test_foundation.py", "reports/tests/test_summary.py"),
    ),
    Mutant(
        "rounding: banker's rounding instead of half up",
        "xihu/figures.py",
        "rounding=ROUND_HALF_UP)",
        "rounding=ROUND_HALF_EVEN)",
        ("services/tests/test_figures.py", "patrols/tests/test_figures.py"),
    ),
    Mutant(
        "version check skipped: a stale edit overwrites a newer one",
        "xihu/models.py",
        "._base_manager.filter(pk=self.pk, version=self.version)",
        "._base_manager.filter(pk=self.pk)",
        ("xihu/tests/test_foundation.py", "incidents/tests/test_views.py"),
    ),
    Mutant(
        "masking off: whole phone numbers in lists, exports and the API",
        "disputes/masking.py",
        '    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]\n',
        "    return phone\n",
        ("disputes/tests/test_views.py", "disputes/tests/test_api.py"),
    ),
    Mutant(
        "export: formula escape removed (CSV injection)",
        "xihu/exports.py",
        "value.startswith(FORMULA_PREFIXES):",
        "value.startswith(()):",
        ("tests/security/test_exports.py",),
    ),
    Mutant(
        "input rule: ID number check digit not checked",
        "xihu/inputs.py",
        "    if text[17] != id_check_char(text[:17]):\n",
        "    if False:\n",
        ("xihu/tests/test_inputs.py",),
    ),
    Mutant(
        "input rule: a one-digit-short mobile number accepted",
        "xihu/inputs.py",
        'MOBILE = re.compile(r"^(?:\\+86)?1\\d{10}$")',
        'MOBILE = re.compile(r"^(?:\\+86)?1\\d{9,10}$")',
        ("xihu/tests/test_inputs.py",),
    ),
    Mutant(
        "history: imported records written without their history rows",
        "xihu/imports/writer.py",
        """            bulk_create_with_history(
                objs,
                model,
                batch_size=importer.batch_size,
                default_user=user,
                default_change_reason=reason,
            )
""",
        """            model.objects.bulk_create(objs, batch_size=importer.batch_size)
""",
        ("incidents/tests/test_imports.py", "-m", "not slow"),
    ),
    Mutant(
        "history: the editor not recorded as the history's user",
        "xihu/models.py",
        "                self.created_by = by\n            self._history_user = by\n",
        "                self.created_by = by\n",
        ("xihu/tests/test_foundation.py", "-k", "history"),
    ),
    Mutant(
        "roles: station staff may delete records",
        "xihu/roles.py",
        "def may_delete(user) -> bool:\n    return sees_all_stations(user)\n",
        "def may_delete(user) -> bool:\n    return user.is_authenticated\n",
        ("tests/security/test_matrix.py", "-k", "policereport_delete and staff_a"),
    ),
    Mutant(
        "audit: exports no longer logged",
        "xihu/views/records.py",
        """        audit.record(
            "export",
            request=request,""",
        """        return
        audit.record(
            "export",
            request=request,""",
        ("tests/security/test_audit.py",),
    ),
    Mutant(
        "double submit: a resent create form saves a second record",
        "xihu/views/records.py",
        "        except IntegrityError:\n            raise DuplicateSubmission(token)\n",
        "        except IntegrityError:\n            return None\n",
        ("tests/security/test_resubmission.py",),
    ),
    Mutant(
        "import: staff may import records of another station",
        "xihu/imports/engine.py",
        "            if text and self.stations.get(text.casefold()) != self.mine:\n",
        "            if False:\n",
        ("incidents/tests/test_imports.py", "-m", "not slow"),
    ),
    Mutant(
        "login throttling: a sixth wrong password still allowed",
        "xihu/settings.py",
        "AXES_FAILURE_LIMIT = 5\n",
        "AXES_FAILURE_LIMIT = 6\n",
        ("tests/security/test_auth.py", "-k", "Lockout"),
    ),
]


def check_patches(mutants):
    """Every patch must apply exactly once; returns the problems (empty when all apply)."""
    problems = []
    for m in mutants:
        path = ROOT / m.path
        if not path.exists():
            problems.append(f"{m.name}: {m.path} does not exist")
            continue
        found = path.read_text(encoding="utf-8").count(m.find)
        if found != 1:
            problems.append(f"{m.name}: the search text occurs {found} times in {m.path}")
    return problems


def pytest(args):
    """Run pytest in one process with the targeted selection; (exit code, output)."""
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",  # a mutant's bytecode must never outlive it
        "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "quick"),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-p",
        "no:cacheprovider",  # keep the developer's --lf list untouched
        "--reuse-db",
        "-rf",
        "--durations=0",
        "--durations-min=1000",
        *args,
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def test_files(args):
    """The paths among pytest arguments (not options nor their values)."""
    files, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-k", "-m"):
            skip = True
        elif not arg.startswith("-"):
            files.append(arg.split("::")[0])
    return files


def first_failure(output):
    match = re.search(r"^FAILED (.+?)(?: - .*)?$", output, re.MULTILINE)
    if match:
        return match[1]
    match = re.search(r"^ERROR (\S+)", output, re.MULTILINE)
    return f"ERROR {match[1]}" if match else "(exit code only)"


def run_mutant(mutant):
    """Apply, test, restore. Returns (caught, by which test, seconds)."""
    path = ROOT / mutant.path
    original = path.read_bytes()
    stat = path.stat()
    started = time.monotonic()
    try:
        text = original.decode("utf-8")
        path.write_text(text.replace(mutant.find, mutant.replace, 1), encoding="utf-8")
        # A different mtime than the original's bytecode records, whatever the size.
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 7_000_000_000))
        code, output = pytest(mutant.tests)
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    seconds = time.monotonic() - started
    if code == 1:
        return True, first_failure(output), seconds
    if code == 2:  # the mutant broke collection (an import): the suite went red too
        return True, f"collection error: {output.strip().splitlines()[-1:]}", seconds
    if code == 0:
        return False, "NOT CAUGHT: every selected test passed", seconds
    return False, f"pytest exit {code}: {output.strip().splitlines()[-1:]}", seconds


def main(argv):
    wanted = [m for m in MUTANTS if not argv or any(a in m.name for a in argv)]
    problems = check_patches(wanted)
    if problems:
        print("These mutation patches no longer apply (the code moved; update them):")
        print("\n".join(f"  {p}" for p in problems))
        return 2
    files = sorted({f for m in wanted for f in test_files(m.tests)})
    print(f"baseline: {len(files)} test files on the unpatched code ...", flush=True)
    code, output = pytest([*files, "-m", "not slow and not browser"])
    if code != 0:
        print(f"the baseline is red, so no mutant would prove anything:\n{output[-3000:]}")
        return 2
    rows = []
    for i, m in enumerate(wanted, 1):
        print(f"[{i}/{len(wanted)}] {m.name} ...", flush=True)
        caught, by, seconds = run_mutant(m)
        rows.append((m, caught, by, seconds))
    width = max(len(m.name) for m in wanted)
    print(f"\n{'mutant':{width}}  {'file':24}  {'s':>4}  caught by")
    for m, _caught, by, seconds in rows:
        print(f"{m.name:{width}}  {m.path:24}  {seconds:4.0f}  {by}")
    survivors = [m for m, caught, _by, _s in rows if not caught]
    print(f"\n{len(rows) - len(survivors)} of {len(rows)} mutants caught")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
