#!/usr/bin/env bash
# Schemathesis against a live server (issue 14): a fresh SQLite database with the demo data,
# a token for a station's staff and one for a supervisor, every check on, each operation
# bounded by SCHEMATHESIS_EXAMPLES generated cases. Fails on any failure.
#   make schemathesis            (or: tests/schemathesis.sh)
#   SCHEMATHESIS_EXAMPLES=50 SCHEMATHESIS_PORT=8765 tests/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PORT=${SCHEMATHESIS_PORT:-8765}
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-5}
BASE="http://127.0.0.1:${PORT}"
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A production-like server (DEBUG off: JSON 404s rather than the debug page) over plain HTTP.
export DEBUG=0 DATABASE_URL="sqlite:///${work}/db.sqlite3" ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="schemathesis-only-$(date +%s)-a-long-random-enough-value-for-django"
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 STATIC_MANIFEST=0
# Schemathesis signs in with wrong passwords on purpose: no lockout for this throwaway server.
export AXES_ENABLED=0
echo "== A fresh database with the demo data ($(date +%T))"
"$BIN/python" manage.py migrate --noinput -v0
"$BIN/python" manage.py load_demo >/dev/null
echo "== Server up ($(date +%T))"
"$BIN/python" manage.py runserver --noreload --nothreading "127.0.0.1:${PORT}" \
  >"${work}/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
  curl -fs -o /dev/null "${BASE}/accounts/login/" && break
  sleep 0.5
done

token() {
  curl -fsS -X POST "${BASE}/api/v1/token/" -H "Content-Type: application/json" \
    -d "{\"username\": \"$1\", \"password\": \"$2\"}" |
    "$BIN/python" -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
staff=$(token beishan beishan-demo-2024)
supervisor=$(token supervisor supervisor-demo-2024)

status=0
for who in staff supervisor; do
  echo "== Schemathesis as ${who} (${EXAMPLES} examples per operation, every check)"
  tok=$staff
  [ "$who" = supervisor ] && tok=$supervisor
  "$BIN/schemathesis" --config-file tests/schemathesis.toml run "${BASE}/api/v1/schema/" \
    --header "Authorization: Token ${tok}" \
    --checks all \
    --max-examples "$EXAMPLES" \
    --phases "${SCHEMATHESIS_PHASES:-examples,fuzzing,stateful}" \
    --generation-database none \
    --seed 14 \
    --workers 1 \
    --request-timeout 60 \
    --max-response-time 60 \
    --report junit --report-dir "${SCHEMATHESIS_REPORT_DIR:-${work}/reports-${who}}" \
    --no-color || status=1
done
if grep -q "Internal Server Error\|Traceback" "${work}/server.log"; then
  echo "== The server logged an error:"; grep -B2 -A20 "Traceback" "${work}/server.log" | head -80
  status=1
fi
exit $status
