#!/usr/bin/env bash
# A local Neo4j Community server with the OpenGDS procedures, for the tests and for trying
# kokon-graph (tools/neo4j-server/, built with Maven on first use).
#
#   bash scripts/neo4j-server.sh build    # compile the launcher (setup.sh does this)
#   bash scripts/neo4j-server.sh start    # fresh data directory, random password, Bolt on 127.0.0.1
#   bash scripts/neo4j-server.sh env      # print the exports: eval "$(bash scripts/neo4j-server.sh env)"
#   bash scripts/neo4j-server.sh status
#   bash scripts/neo4j-server.sh stop     # SIGTERM: a clean shutdown
#
# Every start makes a new random password, kept only in files readable by you alone
# ($KOKON_NEO4J_STATE/password and $KOKON_NEO4J_STATE/env, mode 0600); the server reads it
# from the file, never from its command line. Environment:
#   KOKON_NEO4J_STATE      where the server keeps its state (default: .neo4j-server/ in the repo)
#   KOKON_NEO4J_PORT       the Bolt port (default: a free one)
#   KOKON_NEO4J_HEAP       the Java heap, initial = maximum as Neo4j recommends (default: 1g);
#                          a heap that starts small and grows collects the young generation
#                          far more often during a load (benchmarks/results/neo4j.md)
#   KOKON_NEO4J_PAGECACHE  Neo4j's page cache (default: 512m)
#   JAVA_HOME              the JDK to use (17 or newer; default: java on the PATH)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROJECT="$ROOT/tools/neo4j-server"
STATE="${KOKON_NEO4J_STATE:-$ROOT/.neo4j-server}"
HOME_DIR="$STATE/home"
PID_FILE="$STATE/pid"
ENV_FILE="$STATE/env"
PASSWORD_FILE="$STATE/password"
CLASSPATH_FILE="$PROJECT/target/classpath.txt"

say() { echo "neo4j-server: $*" >&2; }

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    return 1
  fi
}

needs_build() {
  [ -f "$CLASSPATH_FILE" ] || return 0
  [ -n "$(find "$PROJECT/pom.xml" "$PROJECT/src" -newer "$CLASSPATH_FILE" -print -quit)" ]
}

build() {
  if ! java_bin >/dev/null; then
    say "no Java found: install a JDK 17 or newer (apt-get install openjdk-17-jdk-headless maven)"
    exit 1
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    say "no Maven found: install it (apt-get install maven)"
    exit 1
  fi
  if needs_build; then
    say "building tools/neo4j-server (Maven; the first build downloads Neo4j and GDS)"
    local log
    log="$(mktemp)"
    if ! (cd "$PROJECT" && mvn -q -B -Dstyle.color=never package) >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      say "the Maven build failed"
      exit 1
    fi
    rm -f "$log"
    touch "$CLASSPATH_FILE" # Maven leaves an unchanged classpath file as it was
  fi
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null || return 1
  # the pid must still be our launcher, not a process that got the number later
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kokon.neo4jserver.Launcher' || return 1
  echo "$pid"
}

start() {
  if pid="$(running_pid)"; then
    say "already running (pid $pid); exports in $ENV_FILE"
    return 0
  fi
  build
  local java
  java="$(java_bin)"
  rm -rf "$HOME_DIR"
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  (
    umask 077
    # 24 random bytes as letters and digits: no quoting needed in the env file
    head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$PASSWORD_FILE"
  )
  # Two options of Neo4j's own server configuration: AlwaysPreTouch (the heap's pages are
  # touched at start, not during the first load) and TrustFinalNonStaticFields (final fields
  # compiled as constants; Neo4j warns against it only for application code in the same JVM
  # that changes final fields by reflection: here there is only Neo4j, GDS and Launcher).
  # A national first load into a fresh server: 91.2 s without, 85.9 s with the first alone,
  # 75.6 s with both (benchmarks/results/neo4j.md, "A server just started").
  KOKON_NEO4J_HOME="$HOME_DIR" KOKON_NEO4J_PASSWORD_FILE="$PASSWORD_FILE" \
    KOKON_NEO4J_PORT="${KOKON_NEO4J_PORT:-0}" KOKON_NEO4J_PAGECACHE="${KOKON_NEO4J_PAGECACHE:-512m}" \
    nohup "$java" "-Xms${KOKON_NEO4J_HEAP:-1g}" "-Xmx${KOKON_NEO4J_HEAP:-1g}" -XX:+ExitOnOutOfMemoryError \
    -XX:+AlwaysPreTouch -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields \
    -cp "$PROJECT/target/classes:$(cat "$CLASSPATH_FILE")" kokon.neo4jserver.Launcher \
    >"$STATE/server.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  local waited=0
  until [ -f "$HOME_DIR/ready" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the server stopped while starting; its output:"
      tail -n 20 "$STATE/server.log" >&2
      rm -f "$PID_FILE"
      exit 1
    fi
    if [ "$waited" -ge 300 ]; then
      say "the server did not start within 300 s; see $STATE/server.log"
      stop
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  local port
  port="$(cat "$HOME_DIR/ready")"
  (
    umask 077
    {
      echo "export KOKON_NEO4J_URI=bolt://127.0.0.1:$port"
      echo "export NEO4J_USERNAME=neo4j"
      echo "export NEO4J_PASSWORD=$(cat "$PASSWORD_FILE")"
    } >"$ENV_FILE"
  )
  say "running (pid $pid) at bolt://127.0.0.1:$port, user neo4j, after ${waited} s"
  say "to use it: . $ENV_FILE   (or: eval \"\$(bash scripts/neo4j-server.sh env)\")"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    say "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 60 ]; then
      say "no clean shutdown within 60 s; killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE" "$ENV_FILE"
  say "stopped (pid $pid)"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  env)
    if running_pid >/dev/null; then cat "$ENV_FILE"; else say "not running"; exit 1; fi
    ;;
  status)
    if pid="$(running_pid)"; then
      say "running (pid $pid): $(grep KOKON_NEO4J_URI "$ENV_FILE" | cut -d= -f2)"
    else
      say "not running"
      exit 3
    fi
    ;;
  *)
    echo "usage: bash scripts/neo4j-server.sh build|start|stop|status|env" >&2
    exit 2
    ;;
esac
