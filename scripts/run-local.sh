#!/usr/bin/env bash
# Runs EventMart locally without Docker: a real Kafka broker (KRaft, from the Kafka jars), a real PostgreSQL server
# (binaries from Maven Central, data in .run/postgres), identity-service (the token issuer, local profile: demo
# clients, users and secrets), the five services and the storefront (http://localhost:8086). Needs only a JDK 21+ and
# curl.
# Builds what is missing or stale, waits until everything is healthy, prints the URLs, and stops everything it
# started on Ctrl-C or SIGTERM.
#
# Each service connects as its own database role, which owns its schema and nothing else (the roles of
# local-postgres/src/main/resources/eventmart-service-roles.sql, the same as in compose).
#
# Environment (all optional): DB_URL, DB_USERNAME, DB_PASSWORD to use a PostgreSQL server of yours instead (e.g.
# jdbc:postgresql://localhost:5432/eventmart, postgres, empty; an admin of that server, who creates the database and
# the services' roles if missing; needs psql), POSTGRES_PORT (5433, the server of our
# own), EMBEDDED_POSTGRES_USER (nobody: the account that server runs as when this script runs as root), KAFKA_PORT
# (9092), SERVICE_JAVA_OPTS, IDENTITY_SERVICE_JAVA_OPTS, STOREFRONT_JAVA_OPTS, KAFKA_JAVA_OPTS, STARTUP_TIMEOUT
# (seconds, 120).
#
# Kafka is PLAINTEXT here unless EVENTMART_KAFKA_SASL=true: then the broker authenticates with SASL/SCRAM-SHA-512 and
# authorizes with the ACLs of local-kafka/src/main/resources/eventmart-kafka-acls.txt, as in compose, and each service
# connects as its own Kafka user (passwords KAFKA_<USER>_PASSWORD, default <user>-kafka-secret). Its data is kept apart
# (.run/kafka-sasl, .run/streams-sasl): a broker formatted without SASL has no credential for its own user.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib/java.sh
source scripts/lib/stack.sh

RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
KAFKA_SASL=${EVENTMART_KAFKA_SASL:-false}
[[ "$KAFKA_SASL" =~ ^(true|false)$ ]] || { echo "EVENTMART_KAFKA_SASL must be true or false, was $KAFKA_SASL" >&2; exit 2; }
KAFKA_DATA=kafka STREAMS_DATA=streams KAFKA_MODE="KRaft, PLAINTEXT"
if $KAFKA_SASL; then
  KAFKA_DATA=kafka-sasl STREAMS_DATA=streams-sasl
  KAFKA_MODE="KRaft, SASL/SCRAM-SHA-512 + ACLs, operator user admin"
fi
choose_postgres eventmart
export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
# analytics' Kafka Streams state next to the broker's data, so a restart reuses it instead of restoring it.
export KAFKA_STREAMS_STATE_DIR=${KAFKA_STREAMS_STATE_DIR:-$ROOT/.run/$STREAMS_DATA}
# The benchmarks' settings (scripts/lib/stack.sh explains them).
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-$DEFAULT_SERVICE_JAVA_OPTS}
KAFKA_JAVA_OPTS=${KAFKA_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '%s ERROR %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

command -v curl >/dev/null || die "curl is needed (Debian: apt-get install curl)"

# --- PostgreSQL of DB_URL: reachable, the eventmart database and the services' roles exist -----------------------
if ! $EMBEDDED_POSTGRES; then
  command -v psql >/dev/null || die "psql is needed with DB_URL (Debian: apt-get install postgresql-client)"
  require_postgres
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB_NAME'")" != "1" ]; then
    log "Creating database $DB_NAME"
    psql_admin -c "create database \"$DB_NAME\"" >/dev/null
  fi
  log "Creating the services' roles in $DB_NAME if missing ($SERVICE_ROLES_SQL)"
  apply_service_roles "$DB_NAME"
fi

$EMBEDDED_POSTGRES && require_free_ports "$POSTGRES_PORT"
require_free_ports "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "${PORTS[@]}" "$STOREFRONT_PORT"
build_if_stale "$RUN_DIR/build.stamp" local-kafka,local-postgres,identity-service,order-service,inventory-service,payment-service,notification-service,analytics-service,storefront

# --- Start, and stop everything we started on exit --------------------------------------------------------------
mkdir -p "$LOG_DIR"
trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if $EMBEDDED_POSTGRES; then
  log "Starting PostgreSQL on localhost:$POSTGRES_PORT (data in .run/postgres, log .run/logs/postgres.log)"
  start_postgres "$RUN_DIR/postgres" "$LOG_DIR/postgres.log" "$POSTGRES_PORT" eventmart
  POSTGRES_INFO="$DB_URL (PostgreSQL $POSTGRES_VERSION from Maven Central, data in .run/postgres, admin postgres, no password)"
else
  POSTGRES_INFO="$DB_URL (DB_URL)"
fi
log "Starting Kafka on localhost:$KAFKA_PORT ($KAFKA_MODE; data in .run/$KAFKA_DATA, log .run/logs/kafka.log)"
start_kafka "$RUN_DIR/$KAFKA_DATA" "$LOG_DIR/kafka.log" "$KAFKA_PORT"
start_services .run/logs "$STARTUP_TIMEOUT"
# After the services: it needs none of them to start, but a page opened before they are up would only show errors.
start_storefront .run/logs
await_ready "$STARTUP_TIMEOUT" .run/logs "$STOREFRONT"

cat <<INFO

EventMart is running (all healthy in $STACK_START_S s). Ctrl-C stops everything.

  service               API / Swagger UI                                 health
  identity-service      http://localhost:9000 (token issuer)           http://localhost:9000/actuator/health
  order-service         http://localhost:8081/swagger-ui.html          http://localhost:8081/actuator/health
  inventory-service     http://localhost:8082/swagger-ui.html          http://localhost:8082/actuator/health
  payment-service       http://localhost:8083/swagger-ui.html          http://localhost:8083/actuator/health
  notification-service  http://localhost:8084/swagger-ui.html          http://localhost:8084/actuator/health
  analytics-service     http://localhost:8085/swagger-ui.html          http://localhost:8085/actuator/health
  storefront            http://localhost:8086 (shop; operations page /operations.html as olivia)

  Kafka       localhost:$KAFKA_PORT ($KAFKA_MODE, data in .run/$KAFKA_DATA)
  PostgreSQL  $POSTGRES_INFO
              schemas orders, inventory, payments, notifications, analytics, each owned by its service's role
              (order_service, ...; passwords <service>-demo), which the service connects as
  Logs        .run/logs/
  Shop        http://localhost:8086   log in as alice / alice-password (staff: olivia / olivia-password)
  Tokens      source scripts/lib/token.sh; token demo-alice   (demo clients and users: README, "Security")
  Try         curl -s localhost:8082/api/products
INFO

# Wait until a child exits (then stop the rest) or a signal arrives (the trap stops everything).
while true; do
  for name in "${STARTED[@]}"; do
    kill -0 "${PIDS[$name]}" 2>/dev/null || die "$name stopped unexpectedly (see $LOG_DIR/${name}.log)"
  done
  sleep 2 &
  wait $! || true
done
