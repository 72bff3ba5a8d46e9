#!/usr/bin/env bash
# Stop the OpenSearch node started by start.sh DIR: TERM to its process group, up to 30 s, then KILL.
# Idempotent: no pid file, or a pid that is gone (or no longer this node), is not an error.
set -euo pipefail

DIR=${1:?usage: stop.sh DIR}
PIDFILE=$DIR/opensearch.pid
[ -s "$PIDFILE" ] || exit 0
PID=$(cat "$PIDFILE")
case $PID in '' | *[!0-9]*) rm -f "$PIDFILE"; exit 0 ;; esac

ours() { # still alive and still the java started for this DIR (pids get reused)
  kill -0 "$PID" 2>/dev/null &&
    grep -qzxF -- "-Dkipp.opensearch.dir=$(cd "$DIR" && pwd)" "/proc/$PID/cmdline" 2>/dev/null
}

if ours; then
  was_ours=1
  # start.sh runs the node with setsid: its pid is its process group id.
  kill -TERM -- "-$PID" 2>/dev/null || kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 60); do ours || break; sleep 0.5; done
  if ours; then
    echo "stop.sh: OpenSearch (pid $PID) still up after 30 s, killing it" >&2
    kill -KILL -- "-$PID" 2>/dev/null || kill -KILL "$PID" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.25; done
  fi
fi
# Anything left in its group (nothing is expected: the node forks no children).
[ -z "${was_ours:-}" ] || kill -KILL -- "-$PID" 2>/dev/null || true
rm -f "$PIDFILE"
