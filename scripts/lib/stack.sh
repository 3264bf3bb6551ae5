# The local stack's processes, shared by run-local.sh, bench.sh and chaos.sh: choose PostgreSQL and check the ports,
# build what is stale, start PostgreSQL (unless DB_URL names a server), the Kafka broker from the jars, identity-service
# and the five services, wait for their readiness, stop them.
# Source it after scripts/lib/java.sh; the caller defines log() and die().

SERVICES=(order-service inventory-service payment-service notification-service analytics-service)
# identity-service issues the tokens; it is not one of the five (no Kafka, no database) and runs one instance.
IDENTITY=identity-service
declare -A PORTS=([order-service]=8081 [inventory-service]=8082 [payment-service]=8083
                  [notification-service]=8084 [analytics-service]=8085 [$IDENTITY]=9000)
VERSION=0.1.0-SNAPSHOT
# JVM options of every service, the same in the local run and the benchmarks (the local run is a deployment too).
# C1 only (-XX:TieredStopAtLevel=1): six JVMs share two cores here, and C2 never finished warming up. Profiled with
# async-profiler at 40 orders/s, C2's compiler thread still took 36-43 % of each saga service's CPU after six minutes
# and 12,000 orders, and during a 30 orders/s warm-up the stack completed 8-12 orders/s. Measured with the same
# harness on the same code (40 orders/s open loop): C1 46.6 ms CPU per order, completed 100 % of offered, p99 1.4 s,
# warm-up at 30/s kept up (31/s), five services healthy in 66 s; C2 50.1 ms, 84 %, p99 17 s after 90 s of warm-up
# and 46.9 ms, p99 2.6 s only after 300 s, healthy in 104 s. On a machine with cores to spare a long-running
# deployment should drop the flag (the Dockerfile keeps the full JIT). Serial GC: small heaps, and no GC threads competing for the
# cores with six other JVMs. Heaps bounded so broker and services stay near 3 GB resident together.
DEFAULT_SERVICE_JAVA_OPTS="-Xms128m -Xmx320m -XX:MaxMetaspaceSize=192m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1"
# analytics-service is the exception: its ingestion is one JVM's CPU-bound path at thousands of events per second,
# where the saga services handle tens of orders. Measured with scripts/bench.sh ingest
# (benchmarks/results/ingest-steps-20261208.md): with the shared options its 320 MB heap spent 23.7 s of a 3.5 min
# run in GC pauses (50 full collections, p90 pause 284 ms) and batches passed at 10,000 events/s; a 768 MB heap
# alone took the 25,000 events/s step from 6-7k accepted to 24k (p99 1.07 s), and C2 alone passed it (p99 469 ms,
# 0.48 CPU s per 10k events against 1.2-2.7). Hence the full JIT (two compiler threads) and a larger heap here.
ANALYTICS_SERVICE_JAVA_OPTS=${ANALYTICS_SERVICE_JAVA_OPTS:-"-Xms768m -Xmx768m -XX:MaxMetaspaceSize=192m -XX:+UseSerialGC -Xss512k -XX:CICompilerCount=2"}
# The storefront (run-local.sh only): pages, logins and a proxy for the services' APIs; a small heap does.
STOREFRONT=storefront
STOREFRONT_PORT=8086
STOREFRONT_JAVA_OPTS=${STOREFRONT_JAVA_OPTS:-"-Xms32m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1"}
# identity-service holds a few clients and users in memory and signs a token now and then: a small heap does.
# IDENTITY_SERVICE_JAVA_OPTS replaces it, as the other services' own variables do theirs (start_service).
IDENTITY_SERVICE_JAVA_OPTS=${IDENTITY_SERVICE_JAVA_OPTS:-"-Xms32m -Xmx128m -XX:MaxMetaspaceSize=128m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1"}
# The database role each service logs in as (DB_USERNAME/DB_PASSWORD of its process): one role per service that owns
# its schema and nothing else, read from the rows of the one file that defines them, which local-postgres runs over
# JDBC, apply_service_roles with psql, compose's postgres image at its first start, and the tests.
SERVICE_ROLES_SQL=local-postgres/src/main/resources/eventmart-service-roles.sql
declare -A DB_ROLES=() DB_ROLE_PASSWORDS=()
while read -r application role _schema password; do
  DB_ROLES[$application]=$role; DB_ROLE_PASSWORDS[$application]=$password
done < <(sed -n "s/^ *('\([a-z-]*\)', *'\([a-z_]*\)', *'\([a-z_]*\)', *'\([^']*\)'),\{0,1\} *$/\1 \2 \3 \4/p" \
  "$SERVICE_ROLES_SQL")
for service in "${SERVICES[@]}"; do
  [ -n "${DB_ROLES[$service]:-}" ] || { echo "No database role for $service in $SERVICE_ROLES_SQL" >&2; exit 1; }
done
declare -A PIDS=()   # name -> pid of every process this script started
STARTED=()           # names in start order

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Which PostgreSQL: the server DB_URL names (as DB_USERNAME, default postgres, with DB_PASSWORD: an admin of that
# server, who creates the database and the services' roles), or with DB_URL unset a server of our own from the
# PostgreSQL binaries on Maven Central (local-postgres, started by start_postgres) on localhost:POSTGRES_PORT (5433:
# beside a machine's own server on 5432), as its superuser postgres. Exports DB_URL, DB_USERNAME and DB_PASSWORD, the
# admin's login; start_service gives each service its own role instead (DB_ROLES). Sets EMBEDDED_POSTGRES.
choose_postgres() { # <database>
  if [ -n "${DB_URL:-}" ]; then
    EMBEDDED_POSTGRES=false
    export DB_USERNAME=${DB_USERNAME:-postgres} DB_PASSWORD=${DB_PASSWORD:-}
  else
    EMBEDDED_POSTGRES=true
    POSTGRES_PORT=${POSTGRES_PORT:-5433}
    export DB_URL="jdbc:postgresql://localhost:$POSTGRES_PORT/$1" DB_USERNAME=postgres DB_PASSWORD=
  fi
  export DB_URL
}

# Starts local-postgres with its data in <directory> (kept between runs) and waits until it serves; creates the
# databases named if missing, each with the services' roles and schemas. Run as root, the server itself runs as
# 'nobody' (EMBEDDED_POSTGRES_USER): PostgreSQL refuses root (local-postgres's ServerAccount explains the choice).
# Sets POSTGRES_VERSION.
start_postgres() { # <directory> <log file> <port> <database>...
  local directory=$1 log_file=$2 port=$3
  shift 3
  # shellcheck disable=SC2086
  java ${POSTGRES_JAVA_OPTS:--Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
    -Dlogback.configurationFile=local-postgres-logback.xml \
    -cp "local-postgres/target/classes:$(cat local-postgres/target/runtime-classpath.txt)" \
    dev.eventmart.localpostgres.LocalPostgres "$directory" "$port" "$@" >"$log_file" 2>&1 &
  PIDS[postgres]=$!; STARTED+=(postgres)
  for _ in $(seq 1 240); do
    kill -0 "${PIDS[postgres]}" 2>/dev/null || { tail -20 "$log_file" >&2; die "PostgreSQL exited during startup"; }
    if grep -q "^PostgreSQL ready" "$log_file"; then
      POSTGRES_VERSION=$(sed -n 's/^PostgreSQL ready: \([^ ]*\) .*/\1/p' "$log_file")
      log "PostgreSQL $POSTGRES_VERSION is up on localhost:$port"
      return
    fi
    sleep 0.5
  done
  die "PostgreSQL did not start within 120 s (see $log_file)"
}

# Sets DB_HOST, DB_PORT and DB_NAME from DB_URL, and checks that PostgreSQL answers there.
require_postgres() {
  if [[ ! "$DB_URL" =~ ^jdbc:postgresql://([^:/]+)(:([0-9]+))?/([^?]+) ]]; then
    die "DB_URL must look like jdbc:postgresql://host:port/database, was $DB_URL"
  fi
  DB_HOST=${BASH_REMATCH[1]}; DB_PORT=${BASH_REMATCH[3]:-5432}; DB_NAME=${BASH_REMATCH[4]}
  export PGPASSWORD="$DB_PASSWORD"
  psql_admin -c 'select 1' >/dev/null 2>&1 \
    || die "PostgreSQL is not reachable at $DB_HOST:$DB_PORT as $DB_USERNAME. Start the server DB_URL names, or unset DB_URL/DB_USERNAME/DB_PASSWORD to run a PostgreSQL server of our own."
}
psql_admin() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

# Creates the services' roles if missing (roles are cluster-wide) and gives each its schema in <database>, with psql as
# the admin (after require_postgres); running it again only sets the passwords again.
apply_service_roles() { # <database>
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" -d "$1" -v ON_ERROR_STOP=1 -Atq -f "$SERVICE_ROLES_SQL" \
    >/dev/null \
    || die "Could not create the services' roles in database $1 as $DB_USERNAME (an admin of the server is needed)"
}

# Never talk to someone else's broker or service by accident.
require_free_ports() { # <port>...
  local port
  for port in "$@"; do
    port_in_use "$port" && die "Port $port is already in use (a local stack or a benchmark?); stop whatever listens there first."
  done
  return 0
}

# Builds the given modules (and what they need) when a jar is missing or a pom or main source is newer than the stamp.
build_if_stale() { # <stamp file> <module,module,...>
  local stamp=$1 modules=$2 module stale=false
  [ -f "$stamp" ] || stale=true
  for module in ${modules//,/ }; do
    case "$module" in
      *-service|storefront) [ -f "$module/target/$module-$VERSION.jar" ] || stale=true ;;
      *) [ -f "$module/target/runtime-classpath.txt" ] || stale=true ;;
    esac
  done
  if ! $stale && [ -n "$(find . -path ./.run -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f \
      -newer "$stamp" -print -quit)" ]; then
    stale=true
  fi
  if $stale; then
    # forceCreation: a service whose own classes did not change keeps its old jar otherwise, and Spring Boot's
    # repackage skips a jar it has already repackaged, so a change in service-support would never reach it.
    # Not -q: the first build downloads the dependencies and compiles every module, minutes of work, so it shows the
    # module it is at and how many files came down; the whole output goes to the build log.
    local build_log=.run/logs/build.log
    mkdir -p "$(dirname "$build_log")"
    log "Building (./mvnw -B -DskipTests -Dmaven.jar.forceCreation package; full output in $build_log)..."
    if ! ./mvnw -B -DskipTests -Dmaven.jar.forceCreation package -pl "$modules" -am 2>&1 | tee "$build_log" \
        | build_progress; then
      tail -40 "$build_log" >&2
      die "The build failed (full output in $build_log)"
    fi
    mkdir -p "$(dirname "$stamp")"
    touch "$stamp"
  fi
}

# Reads Maven's batch-mode output and prints a line per module it starts and per 100 files it downloaded.
build_progress() {
  awk '/^\[INFO\] Building .*\[[0-9]+\/[0-9]+\]$/ {
         sub(/^\[INFO\] Building /, ""); sub(/ +\[/, " ["); print "  " $0; fflush() }
       /^\[INFO\] Downloaded from / && ++files % 100 == 0 { print "  " files " files downloaded"; fflush() }'
}

# Kafka with or without authentication: KAFKA_SASL=true (run-local.sh sets it from EVENTMART_KAFKA_SASL) starts the
# broker with SASL/SCRAM and the ACLs of local-kafka/src/main/resources/eventmart-kafka-acls.txt, and each service as
# its own Kafka user. Off otherwise (not read from the environment): PLAINTEXT, as the benchmarks measure it. A user's
# password is KAFKA_<USER>_PASSWORD (KAFKA_ADMIN_PASSWORD, KAFKA_ORDER_SERVICE_PASSWORD, ...), "<user>-kafka-secret" if
# unset: the rule of local-kafka's KafkaAccess.password.
KAFKA_SASL=false
kafka_password() { # <user>
  local variable="${1//-/_}"; variable="KAFKA_${variable^^}_PASSWORD"
  printf '%s' "${!variable:-$1-kafka-secret}"
}

start_kafka() { # <data dir> <log file> <port>: KRaft broker + controller (port + 1), waits until it serves
  local data_dir=$1 log_file=$2 port=$3 ready="Kafka Server started"
  # With SASL the broker is of use once it has created the users and ACLs (LocalKafkaBroker prints this line then).
  $KAFKA_SASL && ready="Kafka users and ACLs applied"
  # shellcheck disable=SC2086
  EVENTMART_KAFKA_SASL=$KAFKA_SASL \
    java $KAFKA_JAVA_OPTS -cp "local-kafka/target/classes:$(cat local-kafka/target/runtime-classpath.txt)" \
    dev.eventmart.localkafka.LocalKafkaBroker "$data_dir" "$port" "$((port + 1))" >"$log_file" 2>&1 &
  PIDS[kafka]=$!; STARTED+=(kafka)
  for _ in $(seq 1 120); do
    kill -0 "${PIDS[kafka]}" 2>/dev/null || { tail -20 "$log_file" >&2; die "Kafka exited during startup"; }
    if grep -q "$ready" "$log_file"; then
      if $KAFKA_SASL; then log "Kafka is up on localhost:$port (SASL/SCRAM-SHA-512, ACLs applied)"
      else log "Kafka is up on localhost:$port"; fi
      return
    fi
    sleep 0.5
  done
  die "Kafka did not start within 60 s (see $log_file)"
}

# Starts one instance of a service in the background with the environment the caller exported, as <name> (the
# service's own name, or e.g. order-service-2 for a second instance), logged in to PostgreSQL as the service's own
# role: start_service <name> <service> <port> <log file>
start_service() {
  local name=$1 service=$2 port=$3 log_file=$4
  # A service's own options win over the shared ones: ORDER_SERVICE_JAVA_OPTS, ..., ANALYTICS_SERVICE_JAVA_OPTS.
  local own="${service//-/_}"; own="${own^^}_JAVA_OPTS"
  # Its own Kafka user when the broker authenticates (KAFKA_SASL); identity-service uses no Kafka.
  local kafka=()
  if $KAFKA_SASL && [ "$service" != "$IDENTITY" ]; then
    kafka=(KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_USERNAME="$service"
           KAFKA_SASL_PASSWORD="$(kafka_password "$service")"
           KAFKA_DEAD_LETTERS_PASSWORD="$(kafka_password dead-letter-operator)")
  fi
  # shellcheck disable=SC2086
  env "${kafka[@]}" \
  DB_USERNAME=${DB_ROLES[$service]:-} DB_PASSWORD=${DB_ROLE_PASSWORDS[$service]:-} SERVER_PORT=$port \
    java ${!own:-$SERVICE_JAVA_OPTS} -jar "$service/target/$service-$VERSION.jar" >"$log_file" 2>&1 &
  PIDS[$name]=$!; STARTED+=("$name")
  PORTS[$name]=$port
}

# Waits until every named instance answers its readiness probe: await_ready <timeout seconds> <log dir> <name>...
await_ready() {
  local timeout=$1 log_dir=$2 started_at service pending still; shift 2
  started_at=$(date +%s)
  pending=("$@")
  while [ ${#pending[@]} -gt 0 ]; do
    still=()
    for service in "${pending[@]}"; do
      kill -0 "${PIDS[$service]}" 2>/dev/null \
        || { tail -30 "$log_dir/$service.log" >&2; die "$service exited during startup (see $log_dir/$service.log)"; }
      if curl -fsS "http://localhost:${PORTS[$service]}/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
        log "$service is UP ($(( $(date +%s) - started_at )) s)"
      else
        still+=("$service")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    if [ ${#pending[@]} -gt 0 ]; then
      [ $(( $(date +%s) - started_at )) -ge "$timeout" ] && die "Not healthy after $timeout s: ${pending[*]} (see $log_dir)"
      sleep 1
    fi
  done
}

# Starts identity-service in the background with its local profile (demo clients and users, their demo secrets unless
# the environment sets them, a signing key made at start): start_identity <log dir>. Wait for it with await_ready.
start_identity() {
  log "Starting $IDENTITY on port ${PORTS[$IDENTITY]} (local profile, log $1/$IDENTITY.log)"
  SPRING_PROFILES_ACTIVE=local start_service "$IDENTITY" "$IDENTITY" "${PORTS[$IDENTITY]}" "$1/$IDENTITY.log"
}

# Starts the storefront in the background against identity-service and the five services on their local ports (its
# defaults): start_storefront <log dir>. Wait for it with await_ready.
start_storefront() {
  log "Starting $STOREFRONT on port $STOREFRONT_PORT (log $1/$STOREFRONT.log)"
  start_service "$STOREFRONT" "$STOREFRONT" "$STOREFRONT_PORT" "$1/$STOREFRONT.log"
}

# Starts identity-service and then the five services with the environment the caller exported, waits until each is
# ready, and sets STACK_START_S to the seconds that took.
start_services() { # <log dir> <startup timeout seconds>
  local log_dir=$1 timeout=$2 started_at service
  started_at=$(date +%s)
  start_identity "$log_dir"
  for service in "${SERVICES[@]}"; do
    log "Starting $service on port ${PORTS[$service]} (log $log_dir/$service.log)"
    start_service "$service" "$service" "${PORTS[$service]}" "$log_dir/$service.log"
  done
  await_ready "$timeout" "$log_dir" "$IDENTITY" "${SERVICES[@]}"
  STACK_START_S=$(( $(date +%s) - started_at ))
}

stop_processes() { # <name>...: TERM them, wait up to 30 s, then KILL what is left
  local name pid
  for name in "$@"; do pid=${PIDS[$name]:-}; [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true; done
  for name in "$@"; do
    pid=${PIDS[$name]:-}; [ -z "$pid" ] && continue
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 30 s, killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  return 0
}

# Stops what this script started: the services first, so they commit offsets and flush their producers while the
# broker and the database are still there; then Kafka and PostgreSQL. Meant for `trap stop_stack EXIT`.
stack_stopping=false
stop_stack() {
  $stack_stopping && return; stack_stopping=true
  trap - INT TERM
  [ ${#STARTED[@]} -eq 0 ] && return
  log "Stopping what this script started..."
  local services=() name
  for name in "${STARTED[@]}"; do [ "$name" = kafka ] || [ "$name" = postgres ] || services+=("$name"); done
  [ ${#services[@]} -gt 0 ] && stop_processes "${services[@]}"
  stop_processes kafka postgres
  wait 2>/dev/null || true
  log "Stopped."
}
