# Shared by the bench scripts (sourced, not run): free ports and a redis-server of the script's own.

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
