# The front door: `make run` and `make test` each set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pytest reads xihu.test_settings from pyproject.toml; manage.py defaults to xihu.settings.

.PHONY: install run test test-fast mutation lint format check messages backup restore bench loadtest clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# A fresh clone's local settings: DEBUG on and a random key, so that every manage.py command
# of the README works after `make run`. Never overwritten; production sets its environment.
.env:
	@printf 'DEBUG=1\nSECRET_KEY=%s\n' "$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Wrote .env (DEBUG=1, a random SECRET_KEY) for local use."

run: $(STAMP) .env
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	# The web server and one task worker (large imports), together: Procfile, honcho.
	DEBUG=1 PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start

# Tests run in parallel (pytest-xdist, one worker per core; PYTEST_WORKERS=0 for one process).
# HYPOTHESIS_PROFILE picks the fuzzing depth: "quick" by default, "ci" (200 inputs) in CI.
# test-fast leaves out the browser and `slow` tests and keeps its SQLite test database
# between runs (--reuse-db; a changed migration gets a fresh one); --lf and --ff work.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=
XDIST = -n $(PYTEST_WORKERS) $(if $(filter 0,$(PYTEST_WORKERS)),,--dist worksteal)

test: $(STAMP)
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/pytest $(XDIST) --reuse-db -m "not browser and not slow" $(PYTEST_ARGS)

# The suite's teeth (tests/mutation.py): deliberate bugs applied one at a time, each must
# make a test fail; prints mutant -> the test that caught it. Not part of CI (~5 minutes).
mutation: $(STAMP)
	$(BIN)/python -m tests.mutation $(MUTANTS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=check-only-$$(date +%s)-a-long-random-enough-value-for-the-deploy-check \
	  ALLOWED_HOSTS=records.xihu.example $(BIN)/python manage.py check --deploy --fail-level WARNING

# Backups: pg_dump/pg_restore on PostgreSQL, SQLite's online backup API on SQLite.
# `make restore FILE=backups/xihu-….dump` asks before it replaces every record.
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(FILE),--output $(FILE))

restore: $(STAMP)
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/xihu-….dump" && exit 2)
	$(BIN)/python manage.py restore $(FILE)

# Extract and compile translations (needs GNU gettext); the compiled .mo files are committed
# so that a machine with only Python still shows Chinese.
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete \
	  -i ".venv/*" -i "incidents/*" -i "inspections/*" -i "disputes/*" -i "patrols/*" \
	  -i "services/*" -i "reports/*" -i "bench/*" -i "staticfiles/*"
	for app in incidents inspections disputes patrols services reports; do \
	  (cd $$app && DEBUG=1 ../$(BIN)/python ../manage.py makemessages -l zh_Hans --no-obsolete); done
	DEBUG=1 $(BIN)/python manage.py compilemessages -i ".venv" -i "staticfiles"

# Performance (issue 9, docs/deployment.md): PostgreSQL only, on BENCH_DATABASE_URL
# (default postgres://postgres@127.0.0.1:5432/xihu_bench, created and dropped by the run).
# `make bench BENCH_ARGS="--scale 0.01"` for a quick run; the default is ten years, ~1M reports.
BENCH_ARGS ?=
LOADTEST_ARGS ?=

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

loadtest: $(STAMP)
	$(BIN)/python -m bench.loadtest $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
