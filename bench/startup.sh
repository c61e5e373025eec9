#!/usr/bin/env bash
# Start-up time of the main job as the README runs it (live mode, embedded Redis, no network to Binance
# needed): wall time from `java -jar` to /actuator/health/liveness answering 200, RUNS times. (Readiness
# also waits for the Binance websocket, which may be unreachable here: docs/metrics.md, Health.)
#
#   bench/startup.sh [RUNS] [extra JVM options...]      (build first: mvn -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
. bench/common.sh
for ((i = 1; i <= runs; i++)); do
  port=$(free_port); log=$(mktemp)
  t0=$(date +%s.%N)
  SERVER_PORT=$port java "$@" -jar target/context8.jar >"$log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null 2>&1; do
    sleep 0.05; kill -0 $pid 2>/dev/null || { tail -20 "$log"; exit 1; }
  done
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v i=$i 'BEGIN { printf "run %d: ready in %.2f s", i, b-a }'
  echo "  ($(grep -o 'Started Context8Application in [0-9.]* seconds' "$log"))"
  kill $pid; wait $pid 2>/dev/null || true
done
