# Shared by the bench scripts (sourced, not run): free ports, a redis-server of the script's own, the
# replay-mode app, and the class-data-sharing launch.

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts a redis-server without persistence on a free port; sets rport and rpid, returns once it answers.
# The caller's EXIT trap stops it (kill $rpid).
start_redis() {
  rport=$(free_port)
  redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --loglevel warning >/dev/null &
  rpid=$!
  until redis-cli -p "$rport" ping >/dev/null 2>&1; do sleep 0.05; done
}

# Starts the packaged jar (${JAR:-target/context8.jar}, every role) in replay mode on BTCUSDT against the
# script's Redis: $1 = the recording files (comma-separated), the rest = JVM options. Further settings come
# from the caller's exported environment. Sets apid (the JVM) and log (its output file).
start_replay_app() {
  local files=$1; shift
  log=$(mktemp)
  REDIS_URL=redis://127.0.0.1:$rport SERVER_PORT=$(free_port) CONTEXT8_SOURCE=replay \
    CONTEXT8_REPLAY_PORT=$(free_port) CONTEXT8_SYMBOLS=BTCUSDT CONTEXT8_REPLAY_FILES=$files \
    java "$@" -jar "${JAR:-target/context8.jar}" >"$log" 2>&1 &
  apid=$!
}

# The class-data-sharing launch ./run.sh makes: the extracted jar and the archive it trained.
cds=target/cds
cds_java=(-XX:SharedArchiveFile="$cds/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
# Exits with a hint when the archive is missing or older than the jar.
require_cds_archive() {
  if [ ! -f "$cds/app.jsa" ] || [ target/context8.jar -nt "$cds/app.jsa" ]; then
    echo "no class-data-sharing archive for this build: run ./run.sh once first" >&2
    exit 1
  fi
}
