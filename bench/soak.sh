#!/usr/bin/env bash
# Soak test (on demand, not in CI): the packaged jar in replay mode loops the real BTCUSDT recordings at
# max speed (CONTEXT8_REPLAY_LOOP=true) through ingest, a real Redis stream and analytics for MINUTES minutes.
# Every minute it prints the stream length (XLEN), the entries analytics has acknowledged, and the heap in use
# right after a full GC (jcmd GC.run). Both should stay flat once the stream retention window (RETENTION,
# default 2m so that the plateau is reached inside a short run) has filled. Each pass is new market data
# (trade and update ids and times shifted, the book bridged at the seam: docs/replay.md, Loop), so the soak
# exercises new book states in every pass, not re-deliveries that analytics ignores.
#
#   bench/soak.sh [MINUTES] [DATA_DIR]          (build first: mvn -q package -DskipTests)
#   RETENTION=30m bench/soak.sh 30               with the production retention
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
data=${2:-${CONTEXT8_DATA_DIR:-../shared/data/binance}}
retention=${RETENTION:-2m}
files="$data/recordings/btcusdt_20240808.gz,$data/recordings/btcusdt_20240809.gz"
. bench/common.sh
trap 'kill ${apid:-} ${rpid:-} 2>/dev/null || true' EXIT
start_redis
export CONTEXT8_STREAM_RETENTION=$retention CONTEXT8_REPLAY_LOOP=true
start_replay_app "$files" -Xmx512m
xlen() { redis-cli -p "$rport" xlen nt:binance 2>/dev/null || echo 0; }
acked() { redis-cli -p "$rport" xinfo groups nt:binance 2>/dev/null | awk '/^entries-read$/{getline; r=$1} /^pending$/{getline; p=$1} END{print (r=="" ? 0 : r-p)}'; }
heap_after_gc_mb() {
  jcmd "$apid" GC.run >/dev/null
  # the heap's "used" figures (all generations), not Metaspace's
  jcmd "$apid" GC.heap_info | awk '/Metaspace/ { exit } /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v=$(i+1); sub("K,?", "", v); u+=v } } END { printf "%.1f", u/1024 }'
}
until [ "$(xlen)" -gt 0 ]; do sleep 0.2; kill -0 $apid 2>/dev/null || { cat "$log"; exit 1; }; done
echo "minute  xlen  acked_total  heap_after_gc_mb  rss_mb"
for ((m = 0; m <= minutes; m++)); do
  kill -0 $apid 2>/dev/null || { echo "app exited"; tail -50 "$log"; exit 1; }
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$apid/status)
  echo "$m  $(xlen)  $(acked)  $(heap_after_gc_mb)  $rss"
  [ "$m" -lt "$minutes" ] && sleep 60
done
grep -c "WARN\|ERROR" "$log" | xargs echo "warnings/errors in the app log:"
