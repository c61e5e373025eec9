#!/usr/bin/env bash
# get_report latency over MCP (official TypeScript client, 1 and 8 concurrent clients) and, in the same run,
# a plain Redis GET of the same key with redis-benchmark. Starts its own redis-server and the app in replay
# mode (real speed, so reports are rewritten at their normal cadence while the clients read them).
#
#   bench/mcp-latency.sh <recording files, comma-separated> [symbol=BTCUSDT] [calls=1000] [warmup=200]
#   Closed loops with 1 and 8 clients, then open-loop runs of 8 clients at fixed rates
#   (PACED=8x10,8x25,8x50 calls/s per client, PACED_SECONDS=20 each: client-tests/bench-get-report.mjs).
#   (build first: mvn -q package -DskipTests; cd client-tests && npm ci; JAR=<path> measures another build)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:?recording files}; symbol=${2:-BTCUSDT}; calls=${3:-1000}; warmup=${4:-200}
. bench/common.sh
trap 'kill ${apid:-} ${rpid:-} 2>/dev/null || true' EXIT
start_redis
port=$(free_port); replay=$(free_port); log=$(mktemp)
REDIS_URL=redis://127.0.0.1:$rport SERVER_PORT=$port CONTEXT8_SOURCE=replay CONTEXT8_REPLAY_FILES="$files" \
  CONTEXT8_REPLAY_SPEED=1 CONTEXT8_REPLAY_PORT=$replay CONTEXT8_SYMBOLS=$symbol \
  java -Xmx256m -XX:+UseSerialGC -jar "${JAR:-target/context8.jar}" >"$log" 2>&1 &
apid=$!
until curl -fs "http://127.0.0.1:$port/get_report?symbol=$symbol" >/dev/null 2>&1; do
  sleep 0.05; kill -0 $apid 2>/dev/null || { tail -20 "$log"; exit 1; }
done
(cd client-tests && node bench-get-report.mjs "http://127.0.0.1:$port/mcp" "$symbol" 1,8 "$calls" "$warmup" \
  --paced="${PACED:-8x10,8x25,8x50}" --seconds="${PACED_SECONDS:-20}")
for c in 1 8; do
  echo -n "redis-benchmark GET report:$symbol, $c client(s): "
  redis-benchmark -p "$rport" -c $c -n 20000 -q GET "report:$symbol" 2>/dev/null | grep -o 'GET.*' | tr -d '\r'
  redis-benchmark -p "$rport" -c $c -n 20000 GET "report:$symbol" 2>/dev/null | grep -A3 'latency summary' | tail -1
done
echo "report size: $(redis-cli -p "$rport" STRLEN "report:$symbol") bytes"
