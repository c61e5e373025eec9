#!/usr/bin/env bash
# The backend_unavailable latency target during a Redis outage: /get_report must answer within 150 ms while
# Redis is down. Runs RedisOutageIT (real recordings; all roles in one process, Redis stopped 10 s and started
# again empty), reads the answer times it prints and compares the slowest with the target. The test itself
# asserts behaviour only (every answer a 503 backend_unavailable, the process up, reports resuming), never time.
#
#   bench/redis-outage.sh [target_ms=150]     (exit 1 when the slowest answer is over the target)
#   Run it on a quiet machine: on 2 cores shared with builds, single answers took up to 379 ms
#   (docs/reliability.md, Redis outage (measured)).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-150}
out=target/failsafe-reports/io.context8.reliability.RedisOutageIT-output.txt # the test's printed lines
rm -f "$out"
mvn -B -q verify -Dit.test=RedisOutageIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false || true
[ -f "$out" ] && grep "^RedisOutageIT" "$out" || true
slowest=$(sed -n 's/^RedisOutageIT: slowest answer during the outage \([0-9]*\) ms.*/\1/p' "$out" 2>/dev/null | tail -1)
if [ -z "$slowest" ]; then
  echo "redis-outage: RedisOutageIT printed no figures (skipped without recordings, or failed): see above" >&2
  exit 2
fi
if [ "$slowest" -le "$target" ]; then
  echo "redis-outage: slowest backend_unavailable answer $slowest ms, target $target ms: met"
else
  echo "redis-outage: slowest backend_unavailable answer $slowest ms, target $target ms: MISSED"
  exit 1
fi
