#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) for development and tests, without Docker.
#
#   bash infra/kafka/kafka.sh fetch|start|stop|reset|status|acls|logs [-f]
#
# The broker jars come from Maven Central (see pom.xml) into .lib/; state lives in
# .data/ (log.dirs) and .run/ (generated config, pid, server log). All three are gitignored.
#
# Authentication and ACLs are always on. Clients connect with SASL_PLAINTEXT + SCRAM-SHA-512 (no
# TLS: the broker listens on loopback only; put TLS in front of anything else); the controller
# listener (its own port, 127.0.0.1) takes SASL/PLAIN for the admin only. The SCRAM users are made
# when the storage is formatted (KIP-900): `admin` (super user) and one principal per application,
# rackeval-intake, rackeval-test-run, rackeval-results, rackeval-purchase-option, rackeval-gateway.
# After every start the ACLs of those principals are (re)created from TOPIC_ACCESS in
# libs/contracts (grant-acls.ts, idempotent): each writes only its own topics and reads only what
# it consumes. A data dir formatted with other users or passwords (or before SASL) is wiped and
# formatted again; a broker this script started without SASL is restarted.
#
# Env: RACKEVAL_KAFKA_PASSWORD (rackeval: the applications' local default, as KAFKA_SASL_PASSWORD),
#      RACKEVAL_KAFKA_ADMIN_PASSWORD (rackeval-admin), both local defaults, never production secrets;
#      KAFKA_HOST (127.0.0.1), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
#      KAFKA_START_TIMEOUT (60, seconds), KAFKA_STOP_TIMEOUT (20, seconds),
#      KAFKA_STATE_DIR (unset: .data/ and .run/ here; set: <dir>/data and <dir>/run, so a second
#      broker, e.g. the fault suite's, keeps its own state), KAFKA_HEAP_OPTS (-Xms512m -Xmx1g).
#
# Cluster mode (scale-out tests and `npm start -- --brokers=3`): three brokers on loopback, each
# also a controller (a quorum of 3), with their own ports and data directories; replication factor
# 3, min.insync.replicas=2 and unclean leader election off for every topic, internal ones included;
# the same SCRAM users and ACLs as the single broker.
#
#   bash infra/kafka/kafka.sh cluster start|stop|status|reset|leaders
#   bash infra/kafka/kafka.sh cluster stop-broker|start-broker|kill-broker N     (N = 1, 2 or 3)
#
# Env: KAFKA_CLUSTER_PORTS (29092,29093,29094; clients), KAFKA_CLUSTER_CONTROLLER_PORTS
#      (29192,29193,29194), KAFKA_CLUSTER_STATE_DIR (infra/kafka/.cluster; node N keeps
#      node-N/data and node-N/run there), KAFKA_CLUSTER_HEAP_OPTS (-Xms256m -Xmx384m -XX:+UseSerialGC).
#      Clients use KAFKA_BROKERS=127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094.
# `status` exits 0 when the broker answers, 1 when it does not; its second line says how clients
# authenticate (`[kafka] auth: SASL_PLAINTEXT SCRAM-SHA-512, ACLs on (...)`), for scripts that check.
set -euo pipefail

# Resolve everything relative to this script so it works from any cwd.
KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
POM="$KAFKA_DIR/pom.xml"
LIB_DIR="$KAFKA_DIR/.lib"
DATA_DIR="${KAFKA_STATE_DIR:+$KAFKA_STATE_DIR/data}"
DATA_DIR="${DATA_DIR:-$KAFKA_DIR/.data}"
RUN_DIR="${KAFKA_STATE_DIR:+$KAFKA_STATE_DIR/run}"
RUN_DIR="${RUN_DIR:-$KAFKA_DIR/.run}"
LIB_MARKER="$LIB_DIR/.complete"
PROPS="$RUN_DIR/server.properties"
LOG4J_SERVER="$RUN_DIR/log4j.properties"
LOG4J_TOOLS="$RUN_DIR/tools-log4j.properties"
SERVER_LOG="$RUN_DIR/server.log"
PID_FILE="$RUN_DIR/kafka.pid"

KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"
APP_PASSWORD="${RACKEVAL_KAFKA_PASSWORD:-rackeval}"
ADMIN_PASSWORD="${RACKEVAL_KAFKA_ADMIN_PASSWORD:-rackeval-admin}"
PRINCIPALS=(rackeval-intake rackeval-test-run rackeval-results rackeval-purchase-option rackeval-gateway)
SCRAM_MARKER="$DATA_DIR/rackeval-scram-users"
ROOT_DIR="$(cd "$KAFKA_DIR/../.." && pwd -P)"

log() { echo "[kafka] $*"; }
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }

now_ms() { date +%s%3N; }
elapsed_s() { # start_ms -> "1.234"
  local ms=$(( $(now_ms) - $1 ))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

# TCP probe via bash's /dev/tcp; `timeout` keeps a filtered port from hanging us.
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
broker_answers() { port_open "$KAFKA_HOST" "$KAFKA_PORT"; }

# ---------------------------------------------------------------- fetch

# The marker holds a hash of pom.xml: a changed pom (e.g. new Kafka version) forces a
# clean re-fetch, so two versions never end up on the same classpath.
pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

lib_complete() { [[ -f "$LIB_MARKER" && "$(cat "$LIB_MARKER")" == "$(pom_hash)" ]]; }

cmd_fetch() {
  if lib_complete; then
    log "jars already present in $LIB_DIR ($(find "$LIB_DIR" -name '*.jar' | wc -l) jars); nothing to fetch"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found on PATH (needed once to download the broker jars)"
  log "fetching Kafka runtime jars from Maven Central into $LIB_DIR ..."
  rm -rf "$LIB_DIR"
  local t0; t0=$(now_ms)
  mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies || die "mvn dependency:copy-dependencies failed"
  ls "$LIB_DIR"/kafka_2.13-*.jar >/dev/null 2>&1 || die "mvn finished but no kafka_2.13 jar in $LIB_DIR"
  pom_hash >"$LIB_MARKER"
  log "fetched $(find "$LIB_DIR" -name '*.jar' | wc -l) jars in $(elapsed_s "$t0") s"
}

# ---------------------------------------------------------------- config

# Listeners, authentication and ACLs, the same on the single broker and on each cluster node (the
# ports, host, password and data folder are the node's).
secured_listener_properties() {
  cat <<EOF
# Clients and the broker itself: SASL/SCRAM, no listener without authentication.
listeners=SASL_PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}
advertised.listeners=SASL_PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT}
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${ADMIN_PASSWORD}";
# KRaft controllers cannot use SCRAM (its credentials live in the metadata they serve): PLAIN, admin only.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${ADMIN_PASSWORD}" user_admin="${ADMIN_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=${DATA_DIR}
EOF
}

write_server_properties() {
  cat >"$PROPS" <<EOF
# Generated by infra/kafka/kafka.sh on each start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}
$(secured_listener_properties)
num.partitions=3
# Single node: every internal topic must be satisfiable with one replica.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
default.replication.factor=1
# The 3 s default delays every consumer-group join; tests join groups constantly.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
log.retention.hours=168
EOF
  chmod 600 "$PROPS" # it holds the admin password
}

# Which SCRAM users and passwords the data dir was formatted with (a hash, not the passwords).
scram_fingerprint() {
  printf '%s\n' "admin=$ADMIN_PASSWORD" "${PRINCIPALS[@]/%/=$APP_PASSWORD}" | sha256sum | cut -d' ' -f1
}

write_log4j_properties() {
  # Broker: INFO to a file (the readiness check greps it). Noisy per-request loggers stay at WARN.
  cat >"$LOG4J_SERVER" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=${SERVER_LOG}
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel\$=WARN
log4j.logger.state.change.logger=WARN
EOF
  # StorageTool: only warnings, to stderr, so its output stays readable.
  cat >"$LOG4J_TOOLS" <<EOF
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

storage_tool() {
  java -cp "$LIB_DIR/*" -Dlog4j.configuration="file:$LOG4J_TOOLS" kafka.tools.StorageTool "$@"
}

# KRaft refuses to start on an unformatted log dir; format once, keep the cluster id after.
# SCRAM users can only be bootstrapped by `format` here (kafkajs cannot alter them), so a data dir
# formatted with other users or passwords, or before SASL, is formatted again (its topics are lost).
format_storage_if_needed() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    if [[ -f "$SCRAM_MARKER" && "$(cat "$SCRAM_MARKER")" == "$(scram_fingerprint)" ]]; then
      return 0
    fi
    log "$DATA_DIR was formatted without these SCRAM users or passwords; wiping it and formatting again"
    rm -rf "$DATA_DIR"
  fi
  mkdir -p "$DATA_DIR"
  local cluster_id
  cluster_id="$(storage_tool random-uuid | tail -n 1)"
  [[ -n "$cluster_id" ]] || die "StorageTool random-uuid returned nothing"
  log "formatting $DATA_DIR (cluster id $cluster_id) with SCRAM users admin ${PRINCIPALS[*]}"
  local scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=$ADMIN_PASSWORD]") user
  for user in "${PRINCIPALS[@]}"; do scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$APP_PASSWORD]"); done
  storage_tool format -t "$cluster_id" -c "$PROPS" --ignore-formatted "${scram[@]}"
  scram_fingerprint >"$SCRAM_MARKER"
}

# The ACLs of every principal (infra/kafka/grant-acls.ts), as admin; idempotent.
grant_acls() {
  command -v node >/dev/null || die "node not found on PATH (needed to create the ACLs)"
  [[ -d "$ROOT_DIR/node_modules/kafkajs" ]] || die "kafkajs is not installed: run npm ci first (the ACLs are created with it)"
  KAFKA_BROKERS="${KAFKA_BROKERS_OVERRIDE:-$KAFKA_HOST:$KAFKA_PORT}" RACKEVAL_KAFKA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    node -r "$ROOT_DIR/tools/register-ts.js" "$KAFKA_DIR/grant-acls.ts" || die "creating the ACLs failed"
}

# A reused broker of ours gets the ACLs of the current TOPIC_ACCESS too (idempotent, ~1 s).
refresh_acls_if_ours() {
  if running_pid >/dev/null && ! started_without_sasl; then grant_acls; fi
}

# True when the running broker was started by an older version of this script, without SASL.
started_without_sasl() {
  [[ -f "$PROPS" ]] && ! grep -q '^sasl.enabled.mechanisms=SCRAM-SHA-512' "$PROPS"
}

# ---------------------------------------------------------------- process

# The pid from .run/kafka.pid, only if that process is alive and really our broker
# (guards against a stale pid file whose pid got reused by something else).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

launch_broker() {
  # Rotate the previous log so the readiness grep cannot match an old "started" line.
  [[ -f "$SERVER_LOG" ]] && mv -f "$SERVER_LOG" "$SERVER_LOG.1"
  # setsid + nohup: the broker must outlive this script and the shell/CI step that ran it.
  # 8>&- 9>&- : the broker must not inherit a start lock (cluster's, single's), or the next start would wait on it.
  # The inner bash writes its own pid and then execs java, so the pid file is java's pid.
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    java ${KAFKA_HEAP_OPTS:--Xms512m -Xmx1g} -Djava.awt.headless=true \
      -cp "$LIB_DIR/*" \
      -Dlog4j.configuration="file:$LOG4J_SERVER" \
      kafka.Kafka "$PROPS" \
    </dev/null >"$RUN_DIR/kafka.out" 2>&1 8>&- 9>&- &
  # Give the wrapper a moment to write the pid file.
  local i
  for i in $(seq 1 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
  log "broker launched (pid $(cat "$PID_FILE" 2>/dev/null || echo '?'))"
}

print_log_tail() {
  echo "---- last 40 lines of $SERVER_LOG ----" >&2
  tail -n 40 "$SERVER_LOG" >&2 2>/dev/null || echo "(no server log)" >&2
  if [[ -s "$RUN_DIR/kafka.out" ]]; then
    echo "---- stdout/stderr ($RUN_DIR/kafka.out) ----" >&2
    tail -n 20 "$RUN_DIR/kafka.out" >&2
  fi
}

# Ready = the broker logged "Kafka Server started" AND the client port accepts TCP.
wait_until_ready() {
  local t0=$1 deadline=$(( $(now_ms) + START_TIMEOUT * 1000 ))
  while (( $(now_ms) < deadline )); do
    if ! running_pid >/dev/null; then
      echo "[kafka] ERROR: broker process exited during start-up" >&2
      print_log_tail
      exit 1
    fi
    if grep -q 'Kafka Server started' "$SERVER_LOG" 2>/dev/null && broker_answers; then
      log "broker ready on $KAFKA_HOST:$KAFKA_PORT after $(elapsed_s "$t0") s"
      return 0
    fi
    sleep 0.2
  done
  echo "[kafka] ERROR: broker not ready after ${START_TIMEOUT} s" >&2
  print_log_tail
  exit 1
}

# ---------------------------------------------------------------- commands

# Parallel callers (e.g. several test targets run by Nx at once) serialise here; the later
# ones then find the broker answering and reuse it instead of launching a second one.
take_start_lock() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/start.lock"
  flock -w $(( START_TIMEOUT + 30 )) 9 || die "timed out waiting for another 'kafka.sh start' to finish"
}

cmd_start() {
  local t0; t0=$(now_ms)
  if running_pid >/dev/null && started_without_sasl; then
    log "the running broker was started without SASL; restarting it with authentication and ACLs"
    cmd_stop
  fi
  # Checked once without the lock (fast path) and again under it (someone may have just started it).
  if broker_answers; then
    log "a broker already answers on $KAFKA_HOST:$KAFKA_PORT; reusing it"
    refresh_acls_if_ours
    return 0
  fi
  take_start_lock
  if broker_answers; then
    log "a broker already answers on $KAFKA_HOST:$KAFKA_PORT; reusing it"
    refresh_acls_if_ours
    return 0
  fi
  # Our broker may be alive but still booting (e.g. two starts in a row): wait, don't double-launch.
  if running_pid >/dev/null; then
    log "broker (pid $(running_pid)) is starting; waiting for it"
    wait_until_ready "$t0"
    return 0
  fi
  lib_complete || cmd_fetch
  command -v java >/dev/null || die "java not found on PATH"
  if port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
    die "controller port $KAFKA_HOST:$KAFKA_CONTROLLER_PORT is taken by another process"
  fi
  write_server_properties
  write_log4j_properties
  format_storage_if_needed
  launch_broker
  wait_until_ready "$t0"
  grant_acls
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    if broker_answers; then
      log "not started by this script (no live pid in $PID_FILE), but something answers on $KAFKA_HOST:$KAFKA_PORT; leaving it alone"
    else
      log "not running"
    fi
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local t0; t0=$(now_ms)
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now_ms) - t0 > STOP_TIMEOUT * 1000 )); then
      log "still alive after ${STOP_TIMEOUT} s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  log "stopped after $(elapsed_s "$t0") s"
}

cmd_reset() {
  cmd_stop
  log "deleting $DATA_DIR and $RUN_DIR (keeping $LIB_DIR)"
  rm -rf "$DATA_DIR" "$RUN_DIR"
}

cmd_status() {
  local pid=""
  pid="$(running_pid)" || true
  if broker_answers; then
    log "answering on $KAFKA_HOST:$KAFKA_PORT${pid:+ (pid $pid, started by this script)}"
    if [[ -n "$pid" ]] && ! started_without_sasl; then
      log "auth: SASL_PLAINTEXT SCRAM-SHA-512, ACLs on (StandardAuthorizer); principals admin ${PRINCIPALS[*]}"
    elif [[ -n "$pid" ]]; then
      log "auth: none (started by an older kafka.sh without SASL; 'start' restarts it)"
    else
      log "auth: unknown (not started by this script)"
    fi
  else
    log "not answering on $KAFKA_HOST:$KAFKA_PORT${pid:+ (pid $pid is alive, maybe still starting)}"
    return 1
  fi
}

cmd_logs() {
  [[ -f "$SERVER_LOG" ]] || die "no server log at $SERVER_LOG (never started?)"
  if [[ "${1:-}" == "-f" ]]; then
    exec tail -n 100 -F "$SERVER_LOG"
  fi
  tail -n 100 "$SERVER_LOG"
}

# ---------------------------------------------------------------- cluster (3 brokers)

CLUSTER_STATE_DIR="${KAFKA_CLUSTER_STATE_DIR:-$KAFKA_DIR/.cluster}"
IFS=, read -r -a CLUSTER_PORTS <<<"${KAFKA_CLUSTER_PORTS:-29092,29093,29094}"
IFS=, read -r -a CLUSTER_CONTROLLER_PORTS <<<"${KAFKA_CLUSTER_CONTROLLER_PORTS:-29192,29193,29194}"
CLUSTER_SIZE=${#CLUSTER_PORTS[@]}
CLUSTER_HEAP_OPTS="${KAFKA_CLUSTER_HEAP_OPTS:--Xms256m -Xmx384m -XX:+UseSerialGC}"

cluster_voters() {
  local voters=() i
  for ((i = 1; i <= CLUSTER_SIZE; i++)); do voters+=("$i@${KAFKA_HOST}:${CLUSTER_CONTROLLER_PORTS[i - 1]}"); done
  (IFS=,; echo "${voters[*]}")
}

cluster_brokers() {
  local brokers=() port
  for port in "${CLUSTER_PORTS[@]}"; do brokers+=("${KAFKA_HOST}:$port"); done
  (IFS=,; echo "${brokers[*]}")
}

# Points every per-broker variable (ports, data and run dirs, pid file, log) at node N.
use_node() {
  local n=$1
  [[ "$n" =~ ^[0-9]+$ ]] && (( n >= 1 && n <= CLUSTER_SIZE )) || die "broker number must be 1..$CLUSTER_SIZE, not '$n'"
  NODE_ID=$n
  KAFKA_PORT="${CLUSTER_PORTS[n - 1]}"
  KAFKA_CONTROLLER_PORT="${CLUSTER_CONTROLLER_PORTS[n - 1]}"
  DATA_DIR="$CLUSTER_STATE_DIR/node-$n/data"
  RUN_DIR="$CLUSTER_STATE_DIR/node-$n/run"
  PROPS="$RUN_DIR/server.properties"
  LOG4J_SERVER="$RUN_DIR/log4j.properties"
  LOG4J_TOOLS="$RUN_DIR/tools-log4j.properties"
  SERVER_LOG="$RUN_DIR/server.log"
  PID_FILE="$RUN_DIR/kafka.pid"
  SCRAM_MARKER="$DATA_DIR/rackeval-scram-users"
  KAFKA_HEAP_OPTS="$CLUSTER_HEAP_OPTS"
  mkdir -p "$RUN_DIR"
}

write_cluster_properties() {
  cat >"$PROPS" <<PROPS_EOF
# Generated by infra/kafka/kafka.sh (cluster mode, node $NODE_ID of $CLUSTER_SIZE) on each start.
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=$(cluster_voters)
$(secured_listener_properties)
num.partitions=6
# Every topic, internal ones included: 3 copies, a write needs 2 of them, no unclean election.
default.replication.factor=${CLUSTER_SIZE}
min.insync.replicas=$(( CLUSTER_SIZE > 1 ? 2 : 1 ))
unclean.leader.election.enable=false
offsets.topic.replication.factor=${CLUSTER_SIZE}
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=${CLUSTER_SIZE}
transaction.state.log.min.isr=$(( CLUSTER_SIZE > 1 ? 2 : 1 ))
group.initial.rebalance.delay.ms=0
# A stopped broker's partitions move to the others within seconds, not the 18 s default.
broker.session.timeout.ms=6000
broker.heartbeat.interval.ms=1000
auto.leader.rebalance.enable=true
leader.imbalance.check.interval.seconds=10
auto.create.topics.enable=true
delete.topic.enable=true
log.retention.hours=168
PROPS_EOF
  chmod 600 "$PROPS"
}

# All nodes share one cluster id, kept beside them, and are formatted with the same SCRAM users.
cluster_format_if_needed() {
  local id_file="$CLUSTER_STATE_DIR/cluster.id"
  if [[ -f "$DATA_DIR/meta.properties" && -f "$SCRAM_MARKER" && "$(cat "$SCRAM_MARKER")" == "$(scram_fingerprint)" ]]; then
    return 0
  fi
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  if [[ ! -s "$id_file" ]]; then storage_tool random-uuid | tail -n 1 >"$id_file"; fi
  local scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=$ADMIN_PASSWORD]") user
  for user in "${PRINCIPALS[@]}"; do scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$APP_PASSWORD]"); done
  log "formatting node $NODE_ID ($DATA_DIR, cluster id $(cat "$id_file"))"
  storage_tool format -t "$(cat "$id_file")" -c "$PROPS" --ignore-formatted "${scram[@]}" >/dev/null
  scram_fingerprint >"$SCRAM_MARKER"
}

# Launches node N unless it runs; does not wait (a lone node cannot start without a quorum).
cluster_launch_node() {
  use_node "$1"
  if running_pid >/dev/null; then log "broker $1 already running (pid $(running_pid))"; return 0; fi
  port_open "$KAFKA_HOST" "$KAFKA_PORT" && die "port $KAFKA_HOST:$KAFKA_PORT is taken by another process"
  port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT" && die "controller port $KAFKA_HOST:$KAFKA_CONTROLLER_PORT is taken by another process"
  write_cluster_properties
  write_log4j_properties
  cluster_format_if_needed
  launch_broker
}

cluster_wait_node() {
  use_node "$1"
  wait_until_ready "$2"
}

cluster_all_answer() {
  local port
  for port in "${CLUSTER_PORTS[@]}"; do port_open "$KAFKA_HOST" "$port" || return 1; done
}

cluster_start() {
  local t0 n; t0=$(now_ms)
  if cluster_all_answer; then
    log "all $CLUSTER_SIZE brokers already answer; reusing them"
    KAFKA_PORT="${CLUSTER_PORTS[0]}"
    KAFKA_BROKERS_OVERRIDE="$(cluster_brokers)" grant_acls
    return 0
  fi
  mkdir -p "$CLUSTER_STATE_DIR"
  exec 8>"$CLUSTER_STATE_DIR/start.lock"
  flock -w $(( START_TIMEOUT + 30 )) 8 || die "timed out waiting for another 'kafka.sh cluster start'"
  lib_complete || cmd_fetch
  command -v java >/dev/null || die "java not found on PATH"
  for ((n = 1; n <= CLUSTER_SIZE; n++)); do cluster_launch_node "$n"; done
  for ((n = 1; n <= CLUSTER_SIZE; n++)); do cluster_wait_node "$n" "$t0"; done
  exec 8>&-
  KAFKA_PORT="${CLUSTER_PORTS[0]}"
  KAFKA_BROKERS_OVERRIDE="$(cluster_brokers)" grant_acls
  log "cluster of $CLUSTER_SIZE ready after $(elapsed_s "$t0") s: KAFKA_BROKERS=$(cluster_brokers)"
}

cluster_stop() {
  local n
  for ((n = CLUSTER_SIZE; n >= 1; n--)); do use_node "$n"; log "broker $n:"; cmd_stop; done
}

cluster_status() {
  local n up=0 pid
  for ((n = 1; n <= CLUSTER_SIZE; n++)); do
    use_node "$n"
    pid="$(running_pid)" || pid=""
    if broker_answers; then
      up=$((up + 1)); log "broker $n answering on $KAFKA_HOST:$KAFKA_PORT${pid:+ (pid $pid)}"
    else
      log "broker $n not answering on $KAFKA_HOST:$KAFKA_PORT${pid:+ (pid $pid alive, maybe starting)}"
    fi
  done
  log "$up of $CLUSTER_SIZE brokers answer; KAFKA_BROKERS=$(cluster_brokers)"
  (( up == CLUSTER_SIZE ))
}

cluster_reset() {
  cluster_stop
  log "deleting $CLUSTER_STATE_DIR (keeping $LIB_DIR)"
  rm -rf "$CLUSTER_STATE_DIR"
}

# One broker stopped (TERM), killed (KILL: log recovery on restart) or started again.
cluster_stop_broker() { use_node "$1"; cmd_stop; }
cluster_kill_broker() {
  use_node "$1"
  local pid
  pid="$(running_pid)" || { log "broker $1 is not running"; return 0; }
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$PID_FILE"
  log "broker $1 (pid $pid) killed"
}
cluster_start_broker() { local t0; t0=$(now_ms); cluster_launch_node "$1"; cluster_wait_node "$1" "$t0"; }

# Which broker leads how many partitions of the topics (all, or those starting with $1).
cluster_leaders() {
  KAFKA_BROKERS="$(cluster_brokers)" RACKEVAL_KAFKA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    node -r "$ROOT_DIR/tools/register-ts.js" "$KAFKA_DIR/partition-leaders.ts" "${1:-}"
}

cmd_cluster() {
  local sub="${1:-}"
  shift || true
  case "$sub" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    reset) cluster_reset ;;
    leaders) cluster_leaders "$@" ;;
    brokers) cluster_brokers ;;
    acls) KAFKA_PORT="${CLUSTER_PORTS[0]}"; KAFKA_BROKERS_OVERRIDE="$(cluster_brokers)" grant_acls ;;
    stop-broker) cluster_stop_broker "${1:?broker number}" ;;
    kill-broker) cluster_kill_broker "${1:?broker number}" ;;
    start-broker) cluster_start_broker "${1:?broker number}" ;;
    *) echo "usage: $0 cluster start|stop|status|reset|brokers|acls|leaders [topic-prefix]|stop-broker N|kill-broker N|start-broker N" >&2; exit 2 ;;
  esac
}

usage() {
  echo "usage: $0 fetch|start|stop|reset|status|acls|logs [-f]|cluster <command>" >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    reset) cmd_reset ;;
    status) cmd_status ;;
    acls) grant_acls ;;
    logs) cmd_logs "$@" ;;
    cluster) cmd_cluster "$@" ;;
    *) usage ;;
  esac
}

main "$@"
