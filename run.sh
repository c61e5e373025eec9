#!/usr/bin/env bash
# Runs context8 (the main job). Builds the jar when sources changed, and trains a class-data-sharing
# archive once per build (one short start, stopped once live) so that later starts map the classes from it
# instead of loading them: docs/benchmarks.md, Start-up.
# Configuration comes from the environment and from .env when present (KEY=VALUE lines as in .env.example; a
# variable already set in the environment wins over .env); arguments are passed to the application.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f .env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue # comments, blank and other lines are skipped
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    [ -n "${!key+set}" ] && continue
    export "$key=$value"
  done < .env
fi
jar=target/context8.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src schemas -newer "$jar" -print -quit)" ]; then
  echo "context8: building (mvn package)..." >&2
  mvn -q -B package -DskipTests
fi
cds=target/cds
if [ ! -f "$cds/app.jsa" ] || [ "$jar" -nt "$cds/app.jsa" ]; then
  echo "context8: training the class-data-sharing archive (once per build)..." >&2
  rm -rf "$cds"
  java -Djarmode=tools -jar "$jar" extract --destination "$cds" >/dev/null
  # The training is one start of the application, isolated from your setup (its own embedded Redis, no
  # recording, its own free port), stopped once it is live and warmed up: the JVM writes the classes it
  # loaded to the archive as it exits. It runs the built-in routes, never a CONTEXT8_ROUTES_DIR folder (a user's
  # sink would write the training's reports). The archive is only used when the class path is the same as in
  # training, path for path: so the training runs the jar by the same relative path as the start below.
  port=$((20000 + RANDOM % 40000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 40000)); done
  env -u REDIS_URL -u CONTEXT8_RECORD -u SERVER_ADDRESS -u CONTEXT8_ROUTES_DIR -u CONTEXT8_ROUTES_RELOAD SERVER_PORT="$port" CONTEXT8_REPLAY_PORT=0 \
      CONTEXT8_REDIS_EMBEDDED=true CONTEXT8_REDIS_EMBEDDED_PORT=0 \
      java -XX:ArchiveClassesAtExit="$cds/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -jar "$cds/context8.jar" >/dev/null 2>&1 &
  trainer=$!
  live() {
    (exec 3<>"/dev/tcp/127.0.0.1/$port" \
      && printf 'GET /actuator/health/liveness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 \
      && head -n 1 <&3 | grep -q ' 200') 2>/dev/null
  }
  for _ in $(seq 1200); do live && break; kill -0 "$trainer" 2>/dev/null || break; sleep 0.1; done
  sleep 2 # the MCP warm-up and the first reports run right after start-up
  kill -TERM "$trainer" 2>/dev/null || true
  wait "$trainer" 2>/dev/null || true
  [ -f "$cds/app.jsa" ] || echo "context8: CDS training failed; starting without the archive" >&2
fi
# Without REDIS_URL the app starts an embedded Redis and logs "Embedded Redis at redis://127.0.0.1:PORT";
# CONTEXT8_REDIS_EMBEDDED_PORT=6380 fixes the port, so that a stdio MCP client can share it (REDIS_URL=redis://127.0.0.1:6380).
if [ -z "${REDIS_URL:-}" ]; then
  echo "context8: embedded Redis on 127.0.0.1:${CONTEXT8_REDIS_EMBEDDED_PORT:-<a free port>} (logged as 'Embedded Redis at ...'; CONTEXT8_REDIS_EMBEDDED_PORT fixes the port)" >&2
fi
if [ -f "$cds/app.jsa" ]; then
  exec java -XX:SharedArchiveFile="$cds/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$cds/context8.jar" "$@"
fi
exec java -jar "$jar" "$@"
