#!/usr/bin/env bash
# The release page against the bare counted floor, as in README.md (Benchmark): for
# each scale and worker count, a short cached run of the release page and the floors,
# on the database DATABASE_URL names (SQLite when unset; run it under
# scripts/with_postgres.py for PostgreSQL). Prints one Markdown row per run.
# Usage: scripts/bench_table.sh [releases ...]  (default: 1000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
WORKERS="${BENCH_WORKERS:-2 3}"
EXTRA="${BENCH_EXTRA:-}"
[ $# -gt 0 ] || set -- 1000 100000
# Seed every scale first, so that the measurements follow each other.
for releases in "$@"; do
    .venv/bin/python -m bench --releases "$releases" --seed-only
done
rows=()
for releases in "$@"; do
    for workers in $WORKERS; do
        # shellcheck disable=SC2086
        .venv/bin/python -m bench --releases "$releases" --workers "$workers" \
            --pages news_detail --section cached --duration 5 --rounds 3 --warmup 1 --hot 0 $EXTRA
        rows+=("$(.venv/bin/python - <<'PY'
import json
result = json.load(open("var/bench/latest.json"))
pages = {row["name"]: row for row in result["pages"]}
page, floor = pages["news_detail"], pages["bare_counted"]
print(
    f"| {result['database']} | {result['releases']:,} | {result['server']['workers']} "
    f"| {page['rps']:.0f} | {floor['rps']:.0f} | {page['rps'] / floor['rps']:.2f} "
    f"| {pages['bare_static']['rps']:.0f} | {result['load_average']['after'][0]} |"
)
PY
)")
    done
done
echo
echo "| database | releases | workers | release page req/s | bare counted req/s | ratio | bare static req/s | load |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
printf '%s\n' "${rows[@]}"
