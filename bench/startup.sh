#!/usr/bin/env bash
# Start-up time of the main job as the README runs it (live mode, embedded Redis, no network to Binance
# needed): wall time from launching `java` to the first MCP `initialize` answered 200 on /mcp, and the CPU
# time the process had used by then. Two launches, alternated RUNS times each:
#   jar  `java -jar target/context8.jar`
#   ext  the extracted jar (target/cds/context8.jar + lib/) without the archive
#   cds  what ./run.sh starts: the extracted jar with the class-data-sharing archive it trained
# (Readiness also waits for the Binance websocket, unreachable here: docs/metrics.md, Health.)
#
#   bench/startup.sh [RUNS=3] [extra JVM options...]     (run ./run.sh once first: jar and archive)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
. bench/common.sh
require_cds_archive
initialize='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"startup","version":"1"}}}'
measure() {
  local label=$1; shift
  local port log t0 t1 pid cpu
  port=$(free_port); log=$(mktemp)
  t0=$(date +%s.%N)
  SERVER_PORT=$port java "$@" >"$log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
      -d "$initialize" "http://127.0.0.1:$port/mcp" 2>/dev/null; do
    sleep 0.02; kill -0 $pid 2>/dev/null || { tail -20 "$log"; exit 1; }
  done
  t1=$(date +%s.%N)
  cpu=$(awk '{ printf "%.2f", ($14 + $15) / 100 }' /proc/$pid/stat)
  awk -v a="$t0" -v b="$t1" -v l="$label" -v c="$cpu" 'BEGIN { printf "%-4s initialize answered %.2f s after launch (process CPU %s s)", l, b - a, c }'
  echo "  ($(grep -o 'Started Context8Application in [0-9.]* seconds (process running for [0-9.]*)' "$log"))"
  kill $pid; wait $pid 2>/dev/null || true
  rm -f "$log"
}
for ((i = 1; i <= runs; i++)); do
  measure jar "$@" -jar target/context8.jar
  measure ext "$@" -jar "$cds/context8.jar"
  measure cds "${cds_java[@]}" "$@" -jar "$cds/context8.jar"
done
