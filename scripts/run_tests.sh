#!/usr/bin/env bash
# The whole test run behind `make test`: checks, the suite on SQLite, the suite on a
# throwaway PostgreSQL cluster, the cluster tests (several app nodes behind haproxy),
# the browser tests in headless Chromium, and the audit
# of every public page (Nu HTML Checker, Lighthouse, axe-core, page weight). With CI=true a missing
# PostgreSQL, Redis, haproxy, Chromium, Java or Node.js fails the run instead of being skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-test-only-secret-key-not-for-production}"
export DJANGO_MEDIA_ROOT="${DJANGO_MEDIA_ROOT:-$(mktemp -d)}"
unset DATABASE_URL REDIS_URL DJANGO_DEBUG
ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }
summary=()
status=0

section() { printf '\n==== %s ====\n' "$1"; }
record() {  # record NAME EXIT_CODE
    if [ "$2" -eq 0 ]; then summary+=("PASSED   $1"); else summary+=("FAILED   $1"); status=1; fi
}
# A section whose tool is missing fails under CI and is skipped elsewhere.
skip_or_fail() {  # skip_or_fail CI_MESSAGE FAILED_NAME SKIP_MESSAGE SKIPPED_NAME
    if ci; then
        echo "$1"
        record "$2" 1
    else
        echo "$3"
        summary+=("SKIPPED  $4")
    fi
}

section "Django checks (manage.py check, makemigrations --check)"
$PY manage.py check --fail-level WARNING && $PY manage.py makemigrations --check --dry-run >/dev/null
record "manage.py check and makemigrations --check" $?

# The two database passes run side by side (each is one process on one core; their
# tests keep media and caches in folders of their own), and their output is shown one
# after the other.
logs=$(mktemp -d)
$PY -m pytest -m "not browser and not audit and not cluster" -q --durations=5 >"$logs/sqlite" 2>&1 &
sqlite_pid=$!
$PY scripts/with_postgres.py -- $PY -m pytest -m "not browser and not audit and not cluster" -q --durations=5 \
    >"$logs/postgres" 2>&1 &
postgres_pid=$!
wait $sqlite_pid
sqlite_code=$?
wait $postgres_pid
code=$?

section "Test suite on SQLite"
cat "$logs/sqlite"
record "test suite on SQLite" $sqlite_code

section "Test suite on PostgreSQL (throwaway cluster)"
cat "$logs/postgres"
rm -rf "$logs"
if [ $code -eq 3 ]; then
    skip_or_fail "PostgreSQL server binaries are missing and CI=true: failing." \
        "test suite on PostgreSQL (binaries missing)" \
        "PostgreSQL server binaries not found: PostgreSQL run SKIPPED (install postgresql)." \
        "test suite on PostgreSQL (no server binaries)"
else
    record "test suite on PostgreSQL" $code
fi

# Two app nodes, PostgreSQL, Redis, moto's S3 server and haproxy on this machine
# (scripts/cluster.py), started once for the section.
section "Cluster tests (scripts/cluster.py: 2 nodes, PostgreSQL, Redis, S3, haproxy)"
missing=$($PY -c 'from scripts.cluster import missing_engines; print(", ".join(missing_engines()))')
if [ -z "$missing" ]; then
    $PY -m pytest -m cluster -v --durations=5
    record "cluster tests" $?
else
    skip_or_fail "Missing for the cluster tests with CI=true: $missing. Failing." \
        "cluster tests (engines missing)" \
        "Cluster tests SKIPPED: missing $missing." \
        "cluster tests (missing $missing)"
fi

section "Browser tests (Playwright, headless Chromium at ${CHROMIUM:-/usr/bin/chromium})"
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    "${CHROMIUM:-/usr/bin/chromium}" --version
    $PY -m pytest -m browser -v
    code=$?  # before the version's command substitution below resets $?
    record "browser tests in $("${CHROMIUM:-/usr/bin/chromium}" --version)" $code
else
    skip_or_fail "Chromium is missing and CI=true: failing." "browser tests (Chromium missing)" \
        "Chromium not found: browser tests SKIPPED (apt-get install chromium)." \
        "browser tests (no Chromium)"
fi

section "Audit: Nu HTML Checker, Lighthouse, axe-core and page weight on every public page (scripts/audit.sh)"
scripts/audit.sh
code=$?
if [ $code -eq 77 ]; then
    skip_or_fail "A tool of the audit is missing and CI=true: failing." "audit (tools missing)" \
        "Audit SKIPPED (see the missing tools above)." \
        "audit (Java, Node.js or Chromium missing)"
else
    record "audit: Nu HTML Checker, Lighthouse, axe-core, page weight" $code
fi

section "Summary"
printf '%s\n' "${summary[@]}"
exit $status
