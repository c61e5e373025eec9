#!/usr/bin/env bash
# Start-up of the split deployment the way docker-compose.yml runs it, without Docker: one Redis, then the
# ingest (replay source), analytics and mcp roles as three JVMs launched at the same instant, each with the
# class-data-sharing archive and the image's JVM options. Prints, from the launch, when each role's
# /actuator/health/readiness first answered 200 and when the mcp role first served a report
# (GET /get_report = 200), RUNS times. Compose adds container creation and its health-check polling
# (every 2 s) on top; Prometheus and Grafana start alongside.
#
#   bench/split-startup.sh <recording files, comma-separated> [RUNS=3] [symbol=BTCUSDT]
#   (run ./run.sh once first: it builds the jar and trains the archive in target/cds)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:?recording files, comma-separated}; runs=${2:-3}; symbol=${3:-BTCUSDT}
. bench/common.sh
require_cds_archive
pids=()
trap 'kill "${pids[@]}" ${rpid:-} 2>/dev/null || true' EXIT
now() { date +%s.%N; }
ok() { curl -fs -o /dev/null "$1" 2>/dev/null; }
for ((run = 1; run <= runs; run++)); do
  start_redis
  declare -A port=() ready=()
  t0=$(now)
  for role in ingest analytics mcp; do
    port[$role]=$(free_port)
    env REDIS_URL="redis://127.0.0.1:$rport" CONTEXT8_REDIS_EMBEDDED=false CONTEXT8_ROLES=$role \
      SERVER_PORT="${port[$role]}" CONTEXT8_SYMBOLS="$symbol" CONTEXT8_SOURCE=replay CONTEXT8_REPLAY_PORT="$(free_port)" \
      CONTEXT8_REPLAY_FILES="$files" CONTEXT8_REPLAY_SPEED=1 \
      JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError" \
      java "${cds_java[@]}" -Xmx256m \
      -jar "$cds/context8.jar" >"$(mktemp)" 2>&1 &
    pids+=($!)
  done
  served=""
  while [ -z "$served" ] || [ ${#ready[@]} -lt 3 ]; do
    for role in ingest analytics mcp; do
      [ -z "${ready[$role]:-}" ] && ok "http://127.0.0.1:${port[$role]}/actuator/health/readiness" && ready[$role]=$(now)
    done
    [ -z "$served" ] && ok "http://127.0.0.1:${port[mcp]}/get_report?symbol=$symbol" && served=$(now)
    awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a > 120) }' && { echo "run $run: not up after 120 s" >&2; exit 1; }
    sleep 0.05
  done
  awk -v t0="$t0" -v i="${ready[ingest]}" -v a="${ready[analytics]}" -v m="${ready[mcp]}" -v s="$served" -v r="$run" \
    'BEGIN { printf "run %d: ready ingest %.2f s, analytics %.2f s, mcp %.2f s; first report served %.2f s\n", r, i-t0, a-t0, m-t0, s-t0 }'
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
  kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true
  unset port ready
done
