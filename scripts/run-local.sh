#!/usr/bin/env bash
# Runs EventMart locally without Docker: a real Kafka broker (KRaft, from the Kafka jars) and the five services
# against PostgreSQL. Builds what is missing or stale, waits until everything is healthy, prints the URLs, and
# stops everything it started on Ctrl-C or SIGTERM.
#
# Environment (all optional): DB_URL, DB_USERNAME, DB_PASSWORD (default jdbc:postgresql://localhost:5432/eventmart,
# postgres, empty), KAFKA_PORT (9092), SERVICE_JAVA_OPTS, KAFKA_JAVA_OPTS, STARTUP_TIMEOUT (seconds, 120).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib/java.sh

SERVICES=(order-service inventory-service payment-service notification-service analytics-service)
declare -A PORTS=([order-service]=8081 [inventory-service]=8082 [payment-service]=8083
                  [notification-service]=8084 [analytics-service]=8085)
VERSION=0.1.0-SNAPSHOT
RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
export DB_URL=${DB_URL:-jdbc:postgresql://localhost:5432/eventmart}
export DB_USERNAME=${DB_USERNAME:-postgres}
export DB_PASSWORD=${DB_PASSWORD:-}
export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
# analytics' Kafka Streams state next to the broker's data, so a restart reuses it instead of restoring it.
export KAFKA_STREAMS_STATE_DIR=${KAFKA_STREAMS_STATE_DIR:-$ROOT/.run/streams}
# C1 only (TieredStopAtLevel=1) halves the start time of five JVMs on two cores (benchmarks use it too).
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms64m -Xmx256m -XX:MaxMetaspaceSize=160m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1}
KAFKA_JAVA_OPTS=${KAFKA_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '%s ERROR %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for tool in psql curl; do
  command -v "$tool" >/dev/null || die "$tool is needed (Debian: apt-get install postgresql-client curl)"
done

# --- PostgreSQL: reachable, and the eventmart database exists --------------------------------------------------
if [[ ! "$DB_URL" =~ ^jdbc:postgresql://([^:/]+)(:([0-9]+))?/([^?]+) ]]; then
  die "DB_URL must look like jdbc:postgresql://host:port/database, was $DB_URL"
fi
DB_HOST=${BASH_REMATCH[1]}; DB_PORT=${BASH_REMATCH[3]:-5432}; DB_NAME=${BASH_REMATCH[4]}
export PGPASSWORD="$DB_PASSWORD"
psql_admin() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" -d postgres -Atq "$@"; }
if ! psql_admin -c 'select 1' >/dev/null 2>&1; then
  die "PostgreSQL is not reachable at $DB_HOST:$DB_PORT as $DB_USERNAME. Start it (pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start) or set DB_URL/DB_USERNAME/DB_PASSWORD."
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB_NAME'")" != "1" ]; then
  log "Creating database $DB_NAME"
  psql_admin -c "create database \"$DB_NAME\"" >/dev/null
fi

# --- Ports must be free: never talk to someone else's broker or service by accident ----------------------------
for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "${PORTS[@]}"; do
  port_in_use "$port" && die "Port $port is already in use; stop whatever listens there (another run-local?) first."
done

# --- Build what is missing or older than its sources -----------------------------------------------------------
BUILD_STAMP="$RUN_DIR/build.stamp"
needs_build=false
[ -f "$BUILD_STAMP" ] && [ -f local-kafka/target/runtime-classpath.txt ] || needs_build=true
for service in "${SERVICES[@]}"; do [ -f "$service/target/$service-$VERSION.jar" ] || needs_build=true; done
if ! $needs_build && [ -n "$(find . -path ./.run -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f \
    -newer "$BUILD_STAMP" -print -quit)" ]; then
  needs_build=true
fi
if $needs_build; then
  log "Building (./mvnw -q -B -DskipTests package)..."
  mkdir -p "$RUN_DIR"
  ./mvnw -q -B -DskipTests package -pl local-kafka,order-service,inventory-service,payment-service,notification-service,analytics-service -am
  touch "$BUILD_STAMP"
fi

# --- Start, and stop everything we started on exit --------------------------------------------------------------
mkdir -p "$LOG_DIR"
declare -A PIDS=()
stopping=false
stop_processes() { # TERM the named processes, wait up to 30 s for them, then KILL what is left
  local name pid
  for name in "$@"; do
    pid=${PIDS[$name]:-}; [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for name in "$@"; do
    pid=${PIDS[$name]:-}; [ -z "$pid" ] && continue
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 30 s, killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
}
stop_all() {
  $stopping && return; stopping=true
  trap - INT TERM
  log "Stopping..."
  # Services first, so they commit offsets and flush producers while the broker is still there; then Kafka.
  stop_processes "${SERVICES[@]}"
  stop_processes kafka
  wait 2>/dev/null || true
  log "Stopped."
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "Starting Kafka on localhost:$KAFKA_PORT (data in .run/kafka, log .run/logs/kafka.log)"
# shellcheck disable=SC2086
java $KAFKA_JAVA_OPTS -cp "local-kafka/target/classes:$(cat local-kafka/target/runtime-classpath.txt)" \
  dev.eventmart.localkafka.LocalKafkaBroker "$RUN_DIR/kafka" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" \
  >"$LOG_DIR/kafka.log" 2>&1 &
PIDS[kafka]=$!
for _ in $(seq 1 120); do
  kill -0 "${PIDS[kafka]}" 2>/dev/null || { tail -20 "$LOG_DIR/kafka.log" >&2; die "Kafka exited during startup"; }
  grep -q "Kafka Server started" "$LOG_DIR/kafka.log" && break
  sleep 0.5
done
grep -q "Kafka Server started" "$LOG_DIR/kafka.log" || die "Kafka did not start within 60 s (see $LOG_DIR/kafka.log)"
log "Kafka is up"

started_at=$(date +%s)
for service in "${SERVICES[@]}"; do
  log "Starting $service on port ${PORTS[$service]} (log .run/logs/$service.log)"
  # shellcheck disable=SC2086
  SERVER_PORT=${PORTS[$service]} java $SERVICE_JAVA_OPTS -jar "$service/target/$service-$VERSION.jar" \
    >"$LOG_DIR/$service.log" 2>&1 &
  PIDS[$service]=$!
done

pending=("${SERVICES[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  still=()
  for service in "${pending[@]}"; do
    if ! kill -0 "${PIDS[$service]}" 2>/dev/null; then
      tail -30 "$LOG_DIR/$service.log" >&2; die "$service exited during startup (see $LOG_DIR/$service.log)"
    fi
    if curl -fsS "http://localhost:${PORTS[$service]}/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      log "$service is UP ($(( $(date +%s) - started_at )) s)"
    else
      still+=("$service")
    fi
  done
  pending=("${still[@]+"${still[@]}"}")
  if [ ${#pending[@]} -gt 0 ]; then
    [ $(( $(date +%s) - started_at )) -ge "$STARTUP_TIMEOUT" ] && die "Not healthy after ${STARTUP_TIMEOUT} s: ${pending[*]} (see $LOG_DIR)"
    sleep 1
  fi
done

cat <<INFO

EventMart is running (all healthy in $(( $(date +%s) - started_at )) s). Ctrl-C stops everything.

  service               API / Swagger UI                                 health
  order-service         http://localhost:8081/swagger-ui.html          http://localhost:8081/actuator/health
  inventory-service     http://localhost:8082/swagger-ui.html          http://localhost:8082/actuator/health
  payment-service       http://localhost:8083/swagger-ui.html          http://localhost:8083/actuator/health
  notification-service  http://localhost:8084/swagger-ui.html          http://localhost:8084/actuator/health
  analytics-service     http://localhost:8085/swagger-ui.html          http://localhost:8085/actuator/health

  Kafka       localhost:$KAFKA_PORT (KRaft, data in .run/kafka)
  PostgreSQL  $DB_URL (schemas orders, inventory, payments, notifications, analytics)
  Logs        .run/logs/
  Try         curl -s localhost:8082/api/products
INFO

# Wait until a child exits (then stop the rest) or a signal arrives (the trap stops everything).
while true; do
  for name in kafka "${SERVICES[@]}"; do
    kill -0 "${PIDS[$name]}" 2>/dev/null || die "$name stopped unexpectedly (see $LOG_DIR/${name}.log)"
  done
  sleep 2 &
  wait $! || true
done
