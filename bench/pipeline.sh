#!/usr/bin/env bash
# Pipeline throughput on the real BTCUSDT recordings: the packaged jar in replay mode at max speed,
# a redis-server of its own on a free port, the recording played PASSES times in one JVM (the first
# pass includes JIT warm-up). Prints, per pass, when ingest had written every entry and when analytics
# had acknowledged them all, and the resulting events/s through both stages.
#
#   bench/pipeline.sh [PASSES] [DATA_DIR]      (build first: mvn -q package -DskipTests)
#   JAR=<other build>.jar bench/pipeline.sh ...   compares another build of the jar in the same session
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-3}
data=${2:-${CONTEXT8_DATA_DIR:-../shared/data/binance}}
files="$data/recordings/btcusdt_20240808.gz,$data/recordings/btcusdt_20240809.gz"
all=$files; for ((i = 1; i < passes; i++)); do all="$all,$files"; done
. bench/common.sh
trap 'kill ${apid:-} ${rpid:-} 2>/dev/null || true' EXIT
start_redis
start_replay_app "$all"
per_pass=99574   # 99,573 frames + the REST snapshot fetched at start
now() { date +%s.%N; }
xlen() { redis-cli -p "$rport" xlen nt:binance 2>/dev/null || echo 0; }
acked() { redis-cli -p "$rport" xinfo groups nt:binance 2>/dev/null | awk '/^entries-read$/{getline; r=$1} /^pending$/{getline; p=$1} END{print (r=="" ? 0 : r-p)}'; }
until [ "$(xlen)" -gt 0 ]; do sleep 0.02; kill -0 $apid 2>/dev/null || { cat "$log"; exit 1; }; done
t0=$(now); prev=$t0
echo "started: $(grep -o 'Started Context8Application in [0-9.]* seconds' "$log")"
for ((p = 1; p <= passes; p++)); do
  target=$((per_pass * p - (p - 1)))   # later passes add no snapshot (the book is in sync)
  until [ "$(xlen)" -ge "$target" ]; do sleep 0.02; done; ti=$(now)
  until [ "$(acked)" -ge "$target" ]; do sleep 0.02; done; ta=$(now)
  awk -v p=$p -v a="$prev" -v i="$ti" -v d="$ta" -v n=$per_pass \
    'BEGIN { printf "pass %d: ingest done +%.2f s, analytics done +%.2f s -> %.0f events/s\n", p, i-a, d-a, n/(d-a) }'
  prev=$ta
done
