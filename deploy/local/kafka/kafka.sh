#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft: broker and controller in one JVM) run straight from
# Apache's jars on Maven Central. No Docker, no Kafka download: Java 17+ and Maven are enough.
#
#   kafka.sh fetch                               copy the broker jars into $KAFKA_HOME/libs (once per pom)
#   kafka.sh run <data-dir> <port> <controller-port>
#                                                run a broker in the foreground (exec java: the pid you
#                                                spawned is the JVM, SIGTERM stops it cleanly)
#   kafka.sh start | stop | status               a background broker for development: 127.0.0.1:9092,
#                                                controller 9093, data in <repo>/.jaring/data/kafka
#
# Environment:
#   KAFKA_HOME        where the jars go; default <repo>/.jaring/kafka/<kafka.version from pom.xml>
#   JAVA_HOME         java to use (else `java` on PATH)
#   KAFKA_HEAP_OPTS   default "-Xms256m -Xmx512m"
#   KAFKA_JVM_OPTS    extra JVM options
#   KAFKA_LOG_LEVEL   broker log level (log4j2.xml beside this script); default WARN
#   KAFKA_PORT, KAFKA_CONTROLLER_PORT   ports for `start` (default 9092 / 9093)
#   For one node of a cluster (`run`, deploy/local/cluster/kafka-cluster.ts), each node broker and controller:
#   KAFKA_NODE_ID         this node's id (default 1)
#   KAFKA_QUORUM_VOTERS   the controller quorum, id@host:port,... (default this node alone)
#   KAFKA_CLUSTER_ID      the id every node's storage is formatted with (default a random one: a single node)
#   KAFKA_REPLICATION     replicas of new and internal topics (default 1); min.insync.replicas is 2 from 3 up
#   KAFKA_PARTITIONS      partitions of a topic created without a count (default 6)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../../.." && pwd)"
POM="$SCRIPT_DIR/pom.xml"
LOG4J_CONFIG="$SCRIPT_DIR/log4j2.xml"

die() { echo "kafka.sh: $*" >&2; exit 1; }

kafka_version() {
  local v
  v="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$POM" | head -n 1)"
  [ -n "$v" ] || die "cannot read <kafka.version> from $POM"
  echo "$v"
}

KAFKA_VERSION="$(kafka_version)"
KAFKA_HOME="${KAFKA_HOME:-$REPO_ROOT/.jaring/kafka/$KAFKA_VERSION}"
LIBS="$KAFKA_HOME/libs"
MARKER="$LIBS/.complete"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

# The marker records the Kafka version and a checksum of pom.xml, so editing the pom (another
# version, another logging binding) fetches a fresh set of jars instead of mixing old and new ones.
pom_sum() { cksum < "$POM" | cut -d ' ' -f 1; }
marker_text() { echo "kafka=$KAFKA_VERSION pom=$(pom_sum)"; }
jars_ready() { [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$(marker_text)" ]; }

cmd_fetch() {
  if jars_ready; then return 0; fi
  command -v mvn > /dev/null 2>&1 || die "Maven (mvn) is needed once to fetch Kafka's jars from Maven Central; install it or set KAFKA_BROKERS to an existing broker"
  mkdir -p "$KAFKA_HOME"
  # one fetch at a time (npm start and npm test may both ask); a subshell, so that the lock's file
  # descriptor is not inherited by the broker that `run` execs afterwards
  (
    if command -v flock > /dev/null 2>&1; then flock 9; fi
    if jars_ready; then exit 0; fi
    echo "kafka.sh: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $LIBS" >&2
    tmp="$KAFKA_HOME/libs.tmp.$$"
    rm -rf "$tmp"
    # Maven's output is kept for a failure only (even -q prints colour codes)
    if ! mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$tmp" > "$KAFKA_HOME/fetch.log" 2>&1; then
      cat "$KAFKA_HOME/fetch.log" >&2
      rm -rf "$tmp"
      die "mvn dependency:copy-dependencies failed (is Maven Central reachable?)"
    fi
    ls "$tmp"/kafka_2.13-*.jar > /dev/null 2>&1 || { rm -rf "$tmp"; die "no kafka_2.13 jar was fetched"; }
    marker_text > "$tmp/.complete"
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
  ) 9> "$KAFKA_HOME/.fetch.lock" || exit 1
}

JAVA_VERSION_LINE=""
check_java() {
  command -v "$JAVA" > /dev/null 2>&1 || die "Java 17 or newer is needed to run the Kafka broker (java not found)"
  JAVA_VERSION_LINE="$("$JAVA" -version 2>&1 | grep -m 1 'version' || true)"
  local major
  major="$(echo "$JAVA_VERSION_LINE" | sed -n 's/.*version "\([0-9]*\).*/\1/p')"
  if [ -n "$major" ] && [ "$major" -lt 17 ]; then die "Kafka $KAFKA_VERSION needs Java 17 or newer (found $major)"; fi
}

# Application class-data sharing: the first broker's JVM writes the classes it loaded to an archive when
# it exits; later brokers map it and start about a second sooner (2.4 s -> 1.4 s to "Kafka Server
# started" on 2 cores). The archive belongs to this set of jars (it lives in libs/) and this JVM (its
# name has a checksum of `java -version`). A truncated archive crashes the JVM, so a dump is adopted only
# once the JVM that wrote it has gone and a trial run with it succeeds. KAFKA_CDS=0 turns it off.
cds_options() {
  [ "${KAFKA_CDS:-1}" = "1" ] || return 0
  local dir="$LIBS/.cds" key archive f pid
  key="$(echo "$JAVA_VERSION_LINE" | cksum | cut -d ' ' -f 1)"
  archive="$dir/kafka-$key.jsa"
  mkdir -p "$dir" 2> /dev/null || return 0
  if [ ! -f "$archive" ]; then
    for f in "$dir/kafka-$key.jsa".dump-*; do
      [ -f "$f" ] || continue
      pid="${f##*.dump-}"
      if kill -0 "$pid" 2> /dev/null; then continue; fi
      if "$JAVA" -XX:SharedArchiveFile="$f" -Xshare:auto -XX:ErrorFile=/dev/null -cp "$LIBS/*" \
          kafka.tools.StorageTool random-uuid > /dev/null 2>&1; then
        # (nodes of a cluster start together: another may have adopted it a moment ago)
        mv -f "$f" "$archive" 2> /dev/null || true
      else
        rm -f "$f"
      fi
    done
    # archives and dumps of other JVMs
    for f in "$dir"/kafka-*; do
      case "$f" in "$dir/kafka-$key".*) ;; *) rm -f "$f" ;; esac
    done
  fi
  # (the JVM's cds log lines are quiet: -Xlog:cds=off in cmd_run)
  if [ -f "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive"
  else
    echo "-XX:ArchiveClassesAtExit=$archive.dump-$$"
  fi
}

# A Kafka cluster id is 16 random bytes in URL-safe base64 without padding (what
# `kafka-storage.sh random-uuid` prints), made here to spare a JVM start. Like Kafka's Uuid.randomUuid(),
# never one that starts with "-" (the command line would take it for an option).
random_cluster_id() {
  local id="-"
  while [ "${id#-}" != "$id" ]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  echo "$id"
}

write_properties() {
  local data_dir="$1" port="$2" controller_port="$3"
  local node_id="${KAFKA_NODE_ID:-1}" replication="${KAFKA_REPLICATION:-1}" min_isr=1
  local voters="${KAFKA_QUORUM_VOTERS:-$node_id@127.0.0.1:$controller_port}"
  if [ "$replication" -ge 3 ]; then min_isr=2; fi
  cat > "$data_dir/server.properties" <<EOF
# Written by deploy/local/kafka/kafka.sh on every start: edit the script, not this file.
# KRaft, broker and controller in one process, static controller quorum (this node alone unless
# KAFKA_QUORUM_VOTERS names a cluster's).
process.roles=broker,controller
node.id=$node_id
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data_dir/logs
num.partitions=${KAFKA_PARTITIONS:-6}
default.replication.factor=$replication
min.insync.replicas=$min_isr
auto.create.topics.enable=false
delete.topic.enable=true
# internal topics with as many replicas as the topics (one on a single node), fewer partitions (each is a log on disk)
offsets.topic.replication.factor=$replication
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$replication
transaction.state.log.min.isr=$min_isr
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=$replication
share.coordinator.state.topic.min.isr=$min_isr
share.coordinator.state.topic.num.partitions=10
# quick for development: no wait before the first rebalance, small thread pools for 2 cores
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
log.cleaner.dedupe.buffer.size=33554432
EOF
}

cmd_run() {
  [ $# -eq 3 ] || die "usage: kafka.sh run <data-dir> <port> <controller-port>"
  local data_dir="$1" port="$2" controller_port="$3"
  mkdir -p "$data_dir"
  data_dir="$(cd "$data_dir" && pwd)"
  jars_ready || cmd_fetch
  check_java
  write_properties "$data_dir" "$port" "$controller_port"
  local cp="$LIBS/*" cds use_cds=""
  cds="$(cds_options)"
  case "$cds" in -XX:SharedArchiveFile=*) use_cds="$cds" ;; esac
  if [ ! -f "$data_dir/logs/meta.properties" ]; then
    # Kafka 4.1: with controller.quorum.voters set, `format` needs neither --standalone nor
    # --initial-controllers (those are for a dynamic quorum, controller.quorum.bootstrap.servers).
    "$JAVA" ${use_cds:+"$use_cds"} -cp "$cp" -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
      kafka.tools.StorageTool format -t "${KAFKA_CLUSTER_ID:-$(random_cluster_id)}" -c "$data_dir/server.properties" > /dev/null
  fi
  # exec keeps this pid: record it so a broker left behind by a killed parent can be found and stopped
  echo $$ > "$data_dir/broker.pid"
  # shellcheck disable=SC2086
  exec "$JAVA" ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true ${cds:+"$cds" -Xlog:cds=off -Xlog:cds+dynamic=off} ${KAFKA_JVM_OPTS:-} \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -cp "$cp" kafka.Kafka "$data_dir/server.properties"
}

DEV_DIR="$REPO_ROOT/.jaring"
DEV_DATA="$DEV_DIR/data/kafka"
DEV_PID="$DEV_DIR/kafka.pid"
DEV_LOG="$DEV_DIR/kafka.log"
DEV_PORT="${KAFKA_PORT:-9092}"
DEV_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"

running_pid() {
  [ -f "$DEV_PID" ] || return 1
  local pid
  pid="$(cat "$DEV_PID")"
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then echo "$pid"; return 0; fi
  return 1
}

port_open() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

cmd_start() {
  local pid
  if pid="$(running_pid)"; then echo "Kafka is already running (pid $pid) on 127.0.0.1:$DEV_PORT"; return 0; fi
  if port_open "$DEV_PORT"; then die "port $DEV_PORT is taken by another process"; fi
  cmd_fetch
  mkdir -p "$DEV_DATA"
  nohup "$0" run "$DEV_DATA" "$DEV_PORT" "$DEV_CONTROLLER_PORT" > "$DEV_LOG" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$DEV_PID"
  local i
  for i in $(seq 1 180); do
    if ! kill -0 "$pid" 2> /dev/null; then
      rm -f "$DEV_PID"; tail -n 30 "$DEV_LOG" >&2; die "the broker exited during start-up (log: $DEV_LOG)"
    fi
    if grep -q 'Kafka Server started' "$DEV_LOG" 2> /dev/null; then
      echo "Kafka is running (pid $pid): bootstrap 127.0.0.1:$DEV_PORT, log $DEV_LOG; stop with: $0 stop"
      return 0
    fi
    sleep 0.5
  done
  die "the broker did not start within 90 s (log: $DEV_LOG)"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then rm -f "$DEV_PID"; echo "Kafka is not running"; return 0; fi
  kill -TERM "$pid"
  local i
  for i in $(seq 1 60); do
    if ! kill -0 "$pid" 2> /dev/null; then rm -f "$DEV_PID"; echo "Kafka stopped"; return 0; fi
    sleep 0.5
  done
  echo "kafka.sh: the broker did not stop within 30 s; killing it" >&2
  kill -KILL "$pid" 2> /dev/null || true
  rm -f "$DEV_PID"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then echo "Kafka is running (pid $pid) on 127.0.0.1:$DEV_PORT"; else echo "Kafka is not running"; return 1; fi
}

case "${1:-}" in
  fetch) shift; cmd_fetch "$@" ;;
  run) shift; cmd_run "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
