#!/usr/bin/env bash
# The fault harness: two instances of every service (same consumer groups), a steady stream of orders, and faults
# injected while they flow; then every invariant over every order. Nothing here is a benchmark: it answers "is
# anything lost or doubled when processes die, the broker goes away or the database does?".
#
#   scripts/chaos.sh
#
# What it does, in order:
#   1. builds what is stale; a fresh database eventmart_chaos, a fresh broker (.run/chaos/kafka); a TCP proxy on
#      127.0.0.1:$CHAOS_DB_PROXY_PORT in front of PostgreSQL, which the services use (killing it is the database
#      outage as they see it: connections dropped mid-transaction, new ones refused);
#   2. two instances of each service: ports 8081-8085 and 8091-8095, analytics with its own Streams state each;
#   3. $CHAOS_ORDERS orders at $CHAOS_RATE/s spread over both order-service instances (5 % declined cards, 3 % for a
#      product that runs out, 2 % slow card, 5 % cancelled by the customer a moment after placing); a failed
#      request is retried by its customer with the same Idempotency-Key, at the other instance, until accepted;
#   4. while they flow, one after the other: SIGKILL of every instance once and a restart; the broker stopped for
#      $CHAOS_BROKER_DOWN_S s and started again; payment-service stopped, its consumer offsets rewound
#      $CHAOS_REWIND_S s (duplicate deliveries) and started again; poison records on four topics; the database
#      away for $CHAOS_DB_DOWN_S s, then its connections frozen for $CHAOS_DB_STALL_S s;
#   5. waits until the pipeline is quiescent, checks all invariants (stock, payments, notifications, analytics
#      revenue, outboxes drained, dead-letter topics holding exactly the injected poison) and writes the table to
#      benchmarks/results/chaos-<timestamp>.md. Exit status 1 when anything is violated.
#
# Orders expire after ORDER_EXPIRY_TIMEOUT (60 s here instead of 15 min), so the outages also drive expiries, and
# with them refunds and stock releases, through the saga.
#
# Environment (all optional): CHAOS_PLAN (the faults and their order, see below), CHAOS_ORDERS (10000), CHAOS_RATE (orders/s, 12), CHAOS_BROKER_DOWN_S (25),
# CHAOS_DB_DOWN_S (180), CHAOS_DB_STALL_S (60), CHAOS_REWIND_S (120), CHAOS_DB_PROXY_PORT (15432), DB_URL/DB_USERNAME/DB_PASSWORD of the real
# server, as an admin of it (unset: a server of our own, local-postgres, data in .run/chaos/postgres, port POSTGRES_PORT 5433; either way each service
# connects as its own role, the checks as the admin), SERVICE_JAVA_OPTS, KAFKA_JAVA_OPTS,
# DB_POOL_SIZE (connections per instance, 4), STARTUP_TIMEOUT (seconds, 300). Needs the ports 8081-8085, 8091-8095, 9000, 9092, 9093 and the proxy port free.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib/java.sh
source scripts/lib/stack.sh
source scripts/lib/harness.sh

CHAOS_ORDERS=${CHAOS_ORDERS:-10000}
CHAOS_RATE=${CHAOS_RATE:-12}
CHAOS_BROKER_DOWN_S=${CHAOS_BROKER_DOWN_S:-25}
CHAOS_DB_DOWN_S=${CHAOS_DB_DOWN_S:-180}
CHAOS_DB_STALL_S=${CHAOS_DB_STALL_S:-60}
CHAOS_REWIND_S=${CHAOS_REWIND_S:-120}
CHAOS_DB_PROXY_PORT=${CHAOS_DB_PROXY_PORT:-15432}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}
# The faults, one after the other (each waits until what it stopped is ready again): kill:<instance> (SIGKILL, then
# a restart), broker, database (connections dropped, new ones refused), database-stall (connections frozen), rewind,
# poison, pause:<seconds>.
CHAOS_PLAN=${CHAOS_PLAN:-kill:order-service kill:inventory-service kill:payment-service broker \
kill:notification-service kill:analytics-service poison rewind database database-stall kill:order-service-2 \
kill:inventory-service-2 kill:payment-service-2 kill:notification-service-2 kill:analytics-service-2}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-$DEFAULT_SERVICE_JAVA_OPTS}
KAFKA_JAVA_OPTS=${KAFKA_JAVA_OPTS:--Xms512m -Xmx1g -XX:+UseParallelGC}
TOOL_JAVA_OPTS="-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
KAFKA_PORT=9092
SECOND_PORT_OFFSET=10

CHAOS_DIR="$ROOT/.run/chaos"
LOG_DIR="$CHAOS_DIR/logs"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULT="$ROOT/benchmarks/results/chaos-$STAMP.md"
FAULTS="$CHAOS_DIR/faults.txt"
POISON="$CHAOS_DIR/poison.txt"

now_ms() { date +%s%3N; }

use_harness_database eventmart_chaos "$CHAOS_DIR"
REAL_DB_URL=$DB_URL
SECOND_PORTS=()
for service in "${SERVICES[@]}"; do SECOND_PORTS+=($(( ${PORTS[$service]} + SECOND_PORT_OFFSET ))); done
require_free_ports "$KAFKA_PORT" $((KAFKA_PORT + 1)) "$CHAOS_DB_PROXY_PORT" "${PORTS[@]}" "${SECOND_PORTS[@]}"

build_if_stale "$CHAOS_DIR/build.stamp" \
  benchmarks,local-kafka,identity-service,order-service,inventory-service,payment-service,notification-service,analytics-service
TOOL_CP="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"
tool() { # <command> --key=value ...: the harness's Java side (benchmarks module)
  # shellcheck disable=SC2086
  java $TOOL_JAVA_OPTS -cp "$TOOL_CP" dev.eventmart.bench.Bench "$@"
}

rm -rf "$CHAOS_DIR/kafka" "$CHAOS_DIR/streams" "$LOG_DIR"
mkdir -p "$LOG_DIR" "$(dirname "$RESULT")"
: >"$FAULTS"; : >"$POISON"
log "Recreating database $DB_NAME"
psql_admin -c "drop database if exists \"$DB_NAME\" with (force)" -c "create database \"$DB_NAME\"" >/dev/null
apply_service_roles "$DB_NAME"

# --- Processes ----------------------------------------------------------------------------------------------------
INSTANCES=()
for service in "${SERVICES[@]}"; do INSTANCES+=("$service" "$service-2"); done
service_of() { echo "${1%-2}"; }
port_of() { # <instance>
  local service; service=$(service_of "$1")
  if [ "$1" = "$service" ]; then echo "${PORTS[$service]}"; else echo $(( ${PORTS[$service]} + SECOND_PORT_OFFSET )); fi
}

start_proxy() {
  # exec: the pid is the JVM's own, so a signal to it reaches the proxy and not a subshell around it.
  (exec java $TOOL_JAVA_OPTS -cp "$TOOL_CP" dev.eventmart.bench.Bench tcp-proxy --listen="$CHAOS_DB_PROXY_PORT" \
    --target="$DB_HOST:$DB_PORT" >>"$LOG_DIR/db-proxy.log" 2>&1) &
  PIDS[db-proxy]=$!; STARTED+=(db-proxy)
  for _ in $(seq 1 50); do port_in_use "$CHAOS_DB_PROXY_PORT" && return; sleep 0.2; done
  die "the database proxy did not start (see $LOG_DIR/db-proxy.log)"
}

kafka_starts=0
start_broker() {
  kafka_starts=$((kafka_starts + 1))
  start_kafka "$CHAOS_DIR/kafka" "$LOG_DIR/kafka-$kafka_starts.log" "$KAFKA_PORT"
}

start_instance() { # <instance>
  local instance=$1 service; service=$(service_of "$1")
  # analytics-service: each instance its own Kafka Streams state, and the address it answers interactive queries on.
  # The log of an earlier life of this instance is kept as <instance>.log.<n>.
  local log_file="$LOG_DIR/$instance.log" lives=1
  if [ -f "$log_file" ]; then
    while [ -f "$log_file.$lives" ]; do lives=$((lives + 1)); done
    mv "$log_file" "$log_file.$lives"
  fi
  KAFKA_STREAMS_STATE_DIR="$CHAOS_DIR/streams/$instance" start_service "$instance" "$service" "$(port_of "$instance")" \
    "$log_file"
}

stop_all() {
  $stack_stopping && return; stack_stopping=true
  trap - INT TERM
  log "Stopping what this script started..."
  stop_processes "${INSTANCES[@]}" "$IDENTITY"
  stop_processes db-proxy kafka postgres
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fault() { # <name> <start ms> <end ms>
  echo "$1 $2 $3" >>"$FAULTS"
  log "Fault $1 over: $(( ($3 - $2) / 1000 )) s"
}

log "Starting the database proxy 127.0.0.1:$CHAOS_DB_PROXY_PORT -> $DB_HOST:$DB_PORT"
start_proxy
start_broker
export DB_URL="jdbc:postgresql://127.0.0.1:$CHAOS_DB_PROXY_PORT/$DB_NAME"
# Ten pools share PostgreSQL's connections (max_connections is 100 by default).
export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" LOGGING_LEVEL_ROOT=WARN ORDER_EXPIRY_TIMEOUT=60s \
  ORDER_EXPIRY_SCAN_INTERVAL=5s DB_POOL_SIZE=${DB_POOL_SIZE:-4}
started_at=$(date +%s)
# identity-service once, beside the first instances (no fault touches it). The first instances create the topics and
# run the migrations; the second ones join them.
start_identity "$LOG_DIR"
for service in "${SERVICES[@]}"; do start_instance "$service"; done
await_ready "$STARTUP_TIMEOUT" "$LOG_DIR" "$IDENTITY" "${SERVICES[@]}"
for service in "${SERVICES[@]}"; do start_instance "$service-2"; done
await_ready "$STARTUP_TIMEOUT" "$LOG_DIR" "${SERVICES[@]/%/-2}"
log "Ten instances UP after $(( $(date +%s) - started_at )) s"

# --- Load ---------------------------------------------------------------------------------------------------------
order_urls=""; inventory_urls=""
for instance in order-service order-service-2; do order_urls+="${order_urls:+,}http://localhost:$(port_of "$instance")"; done
for instance in inventory-service inventory-service-2; do inventory_urls+="${inventory_urls:+,}http://localhost:$(port_of "$instance")"; done
LOAD_START_MS=$(now_ms)
tool chaos-load --orders="$CHAOS_ORDERS" --rate="$CHAOS_RATE" --order-urls="$order_urls" \
  --inventory-urls="$inventory_urls" --ids="$CHAOS_DIR/orders.txt" --stock="$CHAOS_DIR/stock-before.txt" \
  --db-url="$REAL_DB_URL" --db-user="$DB_USERNAME" --db-password="$DB_PASSWORD" 2>&1 | tee "$LOG_DIR/load.log" >&2 &
LOAD_PID=$!

# --- Faults, one after the other while the orders flow -----------------------------------------------------------
sleep 20
kill_and_restart() { # <instance>
  local instance=$1 start
  start=$(now_ms)
  log "SIGKILL $instance (pid ${PIDS[$instance]})"
  kill -KILL "${PIDS[$instance]}"
  wait "${PIDS[$instance]}" 2>/dev/null || true
  start_instance "$instance"
  await_ready "$STARTUP_TIMEOUT" "$LOG_DIR" "$instance"
  fault "kill-$instance" "$start" "$(now_ms)"
}

broker_outage() {
  local start; start=$(now_ms)
  log "Stopping the broker for $CHAOS_BROKER_DOWN_S s"
  stop_processes kafka
  sleep "$CHAOS_BROKER_DOWN_S"
  start_broker
  fault "broker-down-${CHAOS_BROKER_DOWN_S}s" "$start" "$(now_ms)"
}

database_outage() {
  local start; start=$(now_ms)
  log "Cutting the services off the database for $CHAOS_DB_DOWN_S s"
  kill -KILL "${PIDS[db-proxy]}"; wait "${PIDS[db-proxy]}" 2>/dev/null || true
  port_in_use "$CHAOS_DB_PROXY_PORT" && die "the database proxy survived its SIGKILL"
  sleep "$CHAOS_DB_DOWN_S"
  start_proxy
  fault "database-down-${CHAOS_DB_DOWN_S}s" "$start" "$(now_ms)"
}

# The database stops answering without closing anything (SIGSTOP of the proxy): open connections hang, new ones get
# no reply. Only the driver's socket timeout and Hikari's connection timeout get the services out of it.
database_stall() {
  local start; start=$(now_ms)
  log "Freezing the database connections for $CHAOS_DB_STALL_S s"
  kill -STOP "${PIDS[db-proxy]}"
  sleep "$CHAOS_DB_STALL_S"
  kill -CONT "${PIDS[db-proxy]}"
  fault "database-frozen-${CHAOS_DB_STALL_S}s" "$start" "$(now_ms)"
}

rewind_payments() {
  local start; start=$(now_ms)
  log "Stopping payment-service, rewinding its consumer offsets by $CHAOS_REWIND_S s"
  stop_processes payment-service payment-service-2
  tool chaos-rewind --group-prefix=payment-service --seconds="$CHAOS_REWIND_S" >"$CHAOS_DIR/rewound.txt"
  start_instance payment-service; start_instance payment-service-2
  await_ready "$STARTUP_TIMEOUT" "$LOG_DIR" payment-service payment-service-2
  fault "payment-redelivered-$(cat "$CHAOS_DIR/rewound.txt")-records" "$start" "$(now_ms)"
}

inject_poison() {
  local start; start=$(now_ms)
  # Its topics are the Java side's (Poison, from common-events' Topics): one topic of each kind of reader.
  tool chaos-poison --per-topic=2 --ledger="$POISON"
  fault "poison-8-records" "$start" "$(now_ms)"
}

for step in $CHAOS_PLAN; do
  kill -0 "$LOAD_PID" 2>/dev/null || { wait "$LOAD_PID" || die "the load stopped early (see $LOG_DIR/load.log)"; }
  case "$step" in
    kill:*) kill_and_restart "${step#kill:}" ;;
    broker) broker_outage ;;
    database) database_outage ;;
    database-stall) database_stall ;;
    rewind) rewind_payments ;;
    poison) inject_poison ;;
    pause:*) sleep "${step#pause:}" ;;
    *) die "unknown step $step in CHAOS_PLAN" ;;
  esac
done

log "All faults injected; waiting for the customers to finish"
wait "$LOAD_PID" || die "the load did not get every order accepted (see $LOG_DIR/load.log)"

# --- Judge ----------------------------------------------------------------------------------------------------------
{
  echo "# EventMart fault harness ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  echo "Produced by \`scripts/chaos.sh\`; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(
    git diff --quiet HEAD 2>/dev/null || echo ' with local changes'). Machine: $(nproc) cores, $(
    awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo), $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)."
  echo
  echo "Two instances of every service (same consumer groups), one broker, PostgreSQL behind a TCP proxy;"
  echo "$CHAOS_ORDERS orders at $CHAOS_RATE/s (5 % declined, 3 % out of stock, 2 % slow card, 5 % cancelled by the"
  echo "customer), ORDER_EXPIRY_TIMEOUT 60 s; services \`$SERVICE_JAVA_OPTS\`."
  echo
  echo "The customers' requests that failed and were retried (by kind): $(grep -h 'failed attempts' "$LOG_DIR/load.log" \
    | tail -1 | sed 's/.*failed attempts //'); retries $(grep -h 'failed attempts' "$LOG_DIR/load.log" | tail -1 \
    | sed 's/.*retries \([0-9]*\).*/\1/'). A \`503\` is the answer while a dependency is away; a \`500\` would be a defect."
  echo
} >"$RESULT"
status=0
tool chaos-check --ids="$CHAOS_DIR/orders.txt" --stock="$CHAOS_DIR/stock-before.txt" --faults="$FAULTS" \
  --poison="$POISON" --load-start-ms="$LOAD_START_MS" --orders="$CHAOS_ORDERS" \
  --db-url="$REAL_DB_URL" --db-user="$DB_USERNAME" --db-password="$DB_PASSWORD" \
  --out="$RESULT" --kv="$CHAOS_DIR/figures.kv" || status=$?
log "Results written to ${RESULT#"$ROOT"/}"
exit "$status"
