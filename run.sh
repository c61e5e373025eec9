#!/usr/bin/env bash
# Runs context8 (the main job). Builds the jar when sources changed, and trains an AppCDS archive once per
# build (a short start that exits after the context refresh) so later starts load classes from it:
# on the 2-core development box ready in about 7 s instead of about 17 s (docs/benchmarks.md).
# Configuration comes from the environment (.env.example); arguments are passed to the application.
set -euo pipefail
cd "$(dirname "$0")"
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
  # The training start is isolated from your setup (its own embedded Redis, no recording) and ends with a
  # halt after the context refresh, which skips shutdown hooks: so it gets a known free port for its
  # embedded Redis, which is stopped here afterwards.
  trained_redis=$((20000 + RANDOM % 40000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$trained_redis") 2>/dev/null; do trained_redis=$((20000 + RANDOM % 40000)); done
  (cd "$cds" && env -u REDIS_URL -u CONTEXT8_RECORD SERVER_PORT=0 CONTEXT8_REPLAY_PORT=0 \
      CONTEXT8_REDIS_EMBEDDED=true CONTEXT8_REDIS_EMBEDDED_PORT="$trained_redis" \
      java -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh \
      -Xlog:cds=off -Xlog:cds+dynamic=off -jar context8.jar >/dev/null 2>&1) \
    || echo "context8: CDS training failed; starting without the archive" >&2
  (exec 3<>"/dev/tcp/127.0.0.1/$trained_redis" && printf 'SHUTDOWN NOSAVE\r\n' >&3 && sleep 0.2) 2>/dev/null || true
fi
if [ -f "$cds/app.jsa" ]; then
  exec java -XX:SharedArchiveFile="$cds/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$cds/context8.jar" "$@"
fi
exec java -jar "$jar" "$@"
