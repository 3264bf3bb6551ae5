#!/usr/bin/env bash
# Benchmarks EventMart on this machine and compares it with the machine's own ceilings, measured in the same run.
#
#   scripts/bench.sh [limits|saga|ingest|freshness|all]      (default: all)
#
# Builds what is missing or stale, starts what the scenario needs with production-like settings (a fresh Kafka
# broker with its data in .run/bench/kafka, identity-service and the five services with the local run's JVM options and logs at WARN,
# a fresh database eventmart_bench), runs the load generators of the benchmarks module, stops everything it started, prints the
# tables and writes them to benchmarks/results/<scenario>-<timestamp>.md with the machine and the settings.
# It never touches a developer's local stack data (.run/kafka, the eventmart database), but needs the same ports
# (8081-8085, identity-service 9000, Kafka 9092/9093, the broker's JMX 9999) free.
#
# The saga scenario: an open-loop warm-up (not reported), an idle baseline (CPU per process with no load), then
# an open-loop rate ladder that stops at the first rate failing "completed/s >= 98 % of offered and placed->terminal
# p99 < 1 s" (sustained = the highest passing rate). Before and after every phase it waits until the pipeline is
# quiescent (orders terminal, outboxes empty, consumer lag 0); per phase it reports latencies and, per order, CPU ms
# per process, DB commits, Kafka records and broker fetch/produce requests (broker JMX on 127.0.0.1:KAFKA_JMX_PORT);
# then the invariants over every order (stock, payments, notifications, analytics revenue, outboxes and DLTs).
#
# Environment (all optional):
#   BENCH_DURATION      per saga rate (60s) and per freshness run (20s); e.g. 20s for a quick try, 2m
#   SAGA_DURATION       per saga rate only (BENCH_DURATION, else 60s)
#   SAGA_RATES          the open-loop ladder, orders/s (50,100,200,300,500,750,1000,1500; 50, below this machine's saturation, compares changes best: its polls fill less with queueing); stops at the first failing rate
#   SAGA_WARMUP_S       warm-up seconds (60), SAGA_WARMUP_RATE its open-loop orders/s (50); 0 seconds skips it
#   SAGA_IDLE_S         idle baseline seconds (20)
#   SAGA_CONCURRENCY    closed loop after the ladder, orders in flight (0 = off; at least 256 when on)
#   SAGA_QUIESCENCE_TIMEOUT_S   longest wait for quiescence before/after a phase and before the invariants (300)
#   KAFKA_JMX_PORT      the broker's remote JMX port on 127.0.0.1, for its request counts (9999; must be free)
#   BENCH_STEP          per ingest load step (half of BENCH_DURATION or 20s, at least 3s)
#   INGEST_SINGLE_RATES, INGEST_BATCH_RATES   events/s ladders (500,...,16000 / 5000,...,150000); each ladder stops at its first failing step
#   INGEST_BATCH_SIZE   events per batch request (500); FRESHNESS_RATE page views/s (100)
#   LIMITS_RECORDS      records per producer throughput run (1000000)
#   DB_URL, DB_USERNAME, DB_PASSWORD   a PostgreSQL server of yours, e.g. jdbc:postgresql://localhost:5432/eventmart_bench,
#                       as an admin of it; unset: a server of our own (local-postgres, data in .run/bench/postgres, port
#                       POSTGRES_PORT 5433); the database is dropped and recreated by every run that starts the services,
#                       with the services' roles (each service connects as its own; the checks read as the admin)
#   SERVICE_JAVA_OPTS (ANALYTICS_SERVICE_JAVA_OPTS, ... per service), KAFKA_JAVA_OPTS, BENCH_JAVA_OPTS (load generator),
#   STARTUP_TIMEOUT (seconds, 180)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib/java.sh
source scripts/lib/stack.sh
source scripts/lib/harness.sh

SCENARIO=${1:-all}
case "$SCENARIO" in
  limits|saga|ingest|freshness|all) ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  *) echo "usage: scripts/bench.sh [limits|saga|ingest|freshness|all]" >&2; exit 2 ;;
esac

seconds_of() { # 20 | 20s | 2m -> seconds
  case "$1" in
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DURATION_S=$(seconds_of "${BENCH_DURATION:-20s}")
SAGA_DURATION_S=$(seconds_of "${SAGA_DURATION:-${BENCH_DURATION:-60s}}")
STEP_S=$(seconds_of "${BENCH_STEP:-$(( DURATION_S / 2 > 3 ? DURATION_S / 2 : 3 ))s}")
SAGA_RATES=${SAGA_RATES:-50,100,200,300,500,750,1000,1500}
SAGA_WARMUP_S=${SAGA_WARMUP_S:-60}
SAGA_WARMUP_RATE=${SAGA_WARMUP_RATE:-50}
SAGA_IDLE_S=${SAGA_IDLE_S:-20}
SAGA_CONCURRENCY=${SAGA_CONCURRENCY:-0}
SAGA_QUIESCENCE_TIMEOUT_S=${SAGA_QUIESCENCE_TIMEOUT_S:-300}
KAFKA_JMX_PORT=${KAFKA_JMX_PORT:-9999}
if [ "$SAGA_CONCURRENCY" -gt 0 ] && [ "$SAGA_CONCURRENCY" -lt 256 ]; then
  echo "SAGA_CONCURRENCY must be 0 (no closed loop) or at least 256, was $SAGA_CONCURRENCY" >&2; exit 2
fi
INGEST_SINGLE_RATES=${INGEST_SINGLE_RATES:-500,1000,2000,4000,8000,16000}
INGEST_BATCH_RATES=${INGEST_BATCH_RATES:-5000,10000,25000,50000,100000,150000}
INGEST_BATCH_SIZE=${INGEST_BATCH_SIZE:-500}
FRESHNESS_RATE=${FRESHNESS_RATE:-100}
LIMITS_RECORDS=${LIMITS_RECORDS:-1000000}
LIMITS_SECONDS=$(( DURATION_S < 10 ? DURATION_S : 10 ))
# The services run as scripts/run-local.sh runs them (scripts/lib/stack.sh: C1 only,
# serial GC, bounded heaps); ANALYTICS_SERVICE_JAVA_OPTS and the other per-service variables override one service.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-$DEFAULT_SERVICE_JAVA_OPTS}
KAFKA_JAVA_OPTS=${KAFKA_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}

KAFKA_PORT=9092
BENCH_DIR="$ROOT/.run/bench"
LOG_DIR="$BENCH_DIR/logs"
RESULTS_DIR="$ROOT/benchmarks/results"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULT="$RESULTS_DIR/$SCENARIO-$STAMP.md"
KV="$BENCH_DIR/figures-$STAMP.kv"

use_harness_database eventmart_bench "$BENCH_DIR" pgbench
psql_db() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" -v ON_ERROR_STOP=1 -Atq "$@"; }
require_free_ports 9092 9093 "$KAFKA_JMX_PORT" "${PORTS[@]}"

# --- Build what is missing or older than its sources -----------------------------------------------------------
mkdir -p "$LOG_DIR" "$RESULTS_DIR"
build_if_stale "$BENCH_DIR/build.stamp" \
  benchmarks,local-kafka,identity-service,order-service,inventory-service,payment-service,notification-service,analytics-service
BENCH_CP="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"
bench() { # <command> --key=value ...: the load generator
  # shellcheck disable=SC2086
  java $BENCH_JAVA_OPTS -cp "$BENCH_CP" dev.eventmart.bench.Bench "$@" --out="$RESULT" --kv="$KV" \
    --clk-tck="$(getconf CLK_TCK)" 2> >(grep --line-buffered -v '^WARNING' >&2)
}

# --- Start and stop ----------------------------------------------------------------------------------------------
trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Remote JMX on loopback only, no authentication: the saga reads the broker's request counters (BrokerMetrics).
KAFKA_JMX_OPTS="-Dcom.sun.management.jmxremote.port=$KAFKA_JMX_PORT -Dcom.sun.management.jmxremote.rmi.port=$KAFKA_JMX_PORT \
-Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false \
-Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1"

start_fresh_kafka() {
  rm -rf "$BENCH_DIR/kafka"
  log "Starting Kafka on localhost:$KAFKA_PORT (fresh data in .run/bench/kafka, JMX on 127.0.0.1:$KAFKA_JMX_PORT)"
  local KAFKA_JAVA_OPTS="$KAFKA_JAVA_OPTS $KAFKA_JMX_OPTS" # start_kafka (scripts/lib/stack.sh) reads it
  start_kafka "$BENCH_DIR/kafka" "$LOG_DIR/kafka.log" "$KAFKA_PORT"
}

recreate_database() {
  log "Recreating database $DB_NAME"
  psql_db -d postgres -c "drop database if exists \"$DB_NAME\" with (force)" -c "create database \"$DB_NAME\"" >/dev/null
  apply_service_roles "$DB_NAME"
}

start_bench_services() {
  rm -rf "$BENCH_DIR/streams"
  export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" LOGGING_LEVEL_ROOT=WARN ORDER_EXPIRY_TIMEOUT=1h \
    KAFKA_STREAMS_STATE_DIR="$BENCH_DIR/streams"
  start_services .run/bench/logs "$STARTUP_TIMEOUT"
}

pids_arg() {
  local out="" name
  for name in "${STARTED[@]}"; do out+="${out:+,}$name:${PIDS[$name]}"; done
  echo "--pids=$out"
}

figure() { # <key>: the latest value of a figure of this run ("" if none; never fails, so safe under set -e)
  { grep -h "^$1=" "$KV" 2>/dev/null || true; } | tail -1 | cut -d= -f2-
}

# --- The results file: machine and settings first ----------------------------------------------------------------
: >"$KV"
{
  echo "# EventMart benchmark: $SCENARIO ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  echo "Produced by \`scripts/bench.sh $SCENARIO\`; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(
    git diff --quiet HEAD 2>/dev/null || echo ' with local changes')."
  echo
  echo "| machine | |"
  echo "|---|---|"
  echo "| CPU | $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') |"
  echo "| memory | $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) |"
  echo "| JDK | $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p) |"
  echo "| PostgreSQL | $(psql_db -d postgres -c 'show server_version') (synchronous_commit $(psql_db -d postgres -c 'show synchronous_commit'), autovacuum $(psql_db -d postgres -c 'show autovacuum'), shared with whatever else runs here) |"
  echo "| kernel | $(uname -sr) |"
  echo
  echo "| setting | value |"
  echo "|---|---|"
  echo "| durations | $SAGA_DURATION_S s per saga rate, $DURATION_S s per freshness run, $STEP_S s per ingest step, ${LIMITS_SECONDS} s per latency / pgbench run |"
  echo "| saga | warm-up ${SAGA_WARMUP_S} s open loop at ${SAGA_WARMUP_RATE} orders/s (not reported); idle baseline ${SAGA_IDLE_S} s; open-loop ladder $SAGA_RATES orders/s, stopping at the first rate failing completed ≥ 98 % of offered and p99 < 1 s; closed loop $( [ "$SAGA_CONCURRENCY" -gt 0 ] && echo "with $SAGA_CONCURRENCY in flight" || echo off); quiescence (orders terminal, outboxes empty, consumer lag 0) before and after each phase, at most ${SAGA_QUIESCENCE_TIMEOUT_S} s; 1 line of 1–2 units of 10 products, 5 % declined cards |"
  echo "| ingest | single $INGEST_SINGLE_RATES events/s; batches of $INGEST_BATCH_SIZE at $INGEST_BATCH_RATES events/s |"
  echo "| freshness | $FRESHNESS_RATE page views/s of new users |"
  echo "| services | \`$SERVICE_JAVA_OPTS\`${ANALYTICS_SERVICE_JAVA_OPTS:+ (analytics-service \`$ANALYTICS_SERVICE_JAVA_OPTS\`)}, logs at WARN, DB pool 10, 3 partitions per topic, ORDER_EXPIRY_TIMEOUT 1h |"
  echo "| Kafka | single KRaft node from the Kafka jars, \`$KAFKA_JAVA_OPTS\` plus remote JMX on 127.0.0.1:$KAFKA_JMX_PORT (request counts), fresh data directory |"
  echo "| load generator | same machine, \`$BENCH_JAVA_OPTS\` (its CPU is shown with the others) |"
  echo "| database | $DB_DESCRIPTION, recreated for the run |"
  echo
} >"$RESULT"
# Print the header too, and every table the generators append.
cat "$RESULT"

needs_services=false
[ "$SCENARIO" != limits ] && needs_services=true

recreate_database
start_fresh_kafka

# --- limits ------------------------------------------------------------------------------------------------------
run_limits() {
  log "Limits: Kafka producer throughput, produce→consume latency, PostgreSQL saga-step commits/s"
  { echo "### Limits: this machine's ceilings with the same broker and database"; echo
    echo "| ceiling | measured |"; echo "|---|---|"; } | tee -a "$RESULT"
  bench create-topics --topics=bench.limits.none,bench.limits.lz4,bench.limits.latency --partitions=3
  local size
  size=$(java $BENCH_JAVA_OPTS -cp "$BENCH_CP" dev.eventmart.bench.Bench payloads --file="$BENCH_DIR/payloads.txt" --count=1000)
  log "Payloads: 1000 page-view events of $size bytes on average"
  bench kafka-throughput --topic=bench.limits.none --compression=none --records="$LIMITS_RECORDS" --payloads="$BENCH_DIR/payloads.txt"
  bench kafka-throughput --topic=bench.limits.lz4 --compression=lz4 --records="$LIMITS_RECORDS" --payloads="$BENCH_DIR/payloads.txt"
  bench kafka-latency --topic=bench.limits.latency --rate=1000 --duration-s="$LIMITS_SECONDS" --linger-ms=0 --payloads="$BENCH_DIR/payloads.txt"
  bench kafka-latency --topic=bench.limits.latency --rate=1000 --duration-s="$LIMITS_SECONDS" --linger-ms=5 --payloads="$BENCH_DIR/payloads.txt"

  # A saga step: record the event as processed, update the order, store the next event in the outbox; one commit.
  psql_db -d "$DB_NAME" <<'SQL' >/dev/null
drop schema if exists bench_limits cascade;
create schema bench_limits;
create table bench_limits.processed_event (event_id uuid not null, handler varchar(100) not null,
  processed_at timestamptz not null, primary key (event_id, handler));
create table bench_limits.customer_order (order_id bigint primary key, status varchar(20) not null,
  total numeric(12, 2) not null, updated_at timestamptz not null, version bigint not null);
create table bench_limits.outbox_event (id bigserial primary key, event_id uuid not null unique,
  topic varchar(200) not null, event_key varchar(200), event_type varchar(200) not null, schema_version integer not null,
  source varchar(100) not null, correlation_id varchar(200), occurred_at timestamptz not null, payload bytea not null);
insert into bench_limits.customer_order select g, 'PENDING', 42.00, now(), 0 from generate_series(1, 100000) g;
vacuum analyze bench_limits.customer_order;
SQL
  cat >"$BENCH_DIR/saga-step.sql" <<'SQL'
\set id random(1, 100000)
BEGIN;
INSERT INTO bench_limits.processed_event (event_id, handler, processed_at) VALUES (gen_random_uuid(), 'StockRepliesListener', now());
UPDATE bench_limits.customer_order SET status = 'RESERVED', updated_at = now(), version = version + 1 WHERE order_id = :id;
INSERT INTO bench_limits.outbox_event (event_id, topic, event_key, event_type, schema_version, source, correlation_id, occurred_at, payload)
  VALUES (gen_random_uuid(), 'order.payment.requested', :id, 'dev.eventmart.order.payment.requested', 1, 'order-service', :id, now(), convert_to(repeat('x', 450), 'UTF8'));
END;
SQL
  local clients out tps latency
  for clients in 8 32; do
    out=$(pgbench -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" -n -c "$clients" -j 2 -T "$LIMITS_SECONDS" \
      -f "$BENCH_DIR/saga-step.sql" "$DB_NAME" 2>&1) || { echo "$out" >&2; die "pgbench failed"; }
    tps=$(awk '/^tps = / {printf "%.0f", $3}' <<<"$out")
    latency=$(awk '/^latency average/ {print $4}' <<<"$out")
    echo "| PostgreSQL saga-step transactions (pgbench, $clients clients: insert processed-event + update order + insert outbox, one commit) | $tps commits/s (average latency $latency ms) |" | tee -a "$RESULT"
    echo "limits.pg_tps.c$clients=$tps" >>"$KV"
  done
  psql_db -d "$DB_NAME" -c 'drop schema bench_limits cascade' >/dev/null
  echo | tee -a "$RESULT"
}

latest_figure() { # <key>: from this run, else from the latest results file that has it
  local value file
  value=$(figure "$1")
  if [ -z "$value" ]; then
    for file in $(ls -t "$RESULTS_DIR"/*.md 2>/dev/null); do
      value=$({ grep -h "^$1=" "$file" || true; } | tail -1 | cut -d= -f2-)
      [ -n "$value" ] && break
    done
  fi
  echo "$value"
}

case "$SCENARIO" in limits|all) run_limits ;; esac

if $needs_services; then
  start_bench_services
  log "All services are UP after $STACK_START_S s"
  PIDS_ARG=$(pids_arg)
fi
case "$SCENARIO" in
  saga|all)
    bench saga --db-url="$DB_URL" --db-user="$DB_USERNAME" --db-password="$DB_PASSWORD" \
      --duration-s="$SAGA_DURATION_S" --rates="$SAGA_RATES" --warmup-s="$SAGA_WARMUP_S" \
      --warmup-rate="$SAGA_WARMUP_RATE" --idle-s="$SAGA_IDLE_S" --closed-concurrency="$SAGA_CONCURRENCY" \
      --quiescence-timeout-s="$SAGA_QUIESCENCE_TIMEOUT_S" --kafka-jmx="127.0.0.1:$KAFKA_JMX_PORT" "$PIDS_ARG" ;;
esac
case "$SCENARIO" in
  freshness|all)
    bench freshness --rate="$FRESHNESS_RATE" --duration-s="$DURATION_S" "$PIDS_ARG" ;;
esac
case "$SCENARIO" in
  ingest|all)
    bench ingest --step-s="$STEP_S" --single-rates="$INGEST_SINGLE_RATES" --batch-rates="$INGEST_BATCH_RATES" \
      --batch-size="$INGEST_BATCH_SIZE" --producer-rate="$(latest_figure limits.producer_per_s.lz4)" "$PIDS_ARG" ;;
esac

# --- Summary: the targets against what this run measured ----------------------------------------------------------
saga_not_run() { # <rate>: why the saga figures of that rate are missing
  if [[ ",$(figure saga.rates)," != *",$1,"* ]]; then echo "not run (not in SAGA_RATES)"
  else echo "not run: the ladder stopped at $(figure saga.first_failing_per_s)/s"; fi
}
ratio() { # <a> <b> -> a/b in percent, or n/a
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.1f %%", 100 * a / b }'
}
{
  echo "### Summary"
  echo
  echo "| figure | target | measured | ratio to this machine's limit |"
  echo "|---|---:|---:|---|"
  if [ -n "$(figure limits.producer_per_s.lz4)" ]; then
    echo "| Kafka producer, activity JSON (limit) | – | $(figure limits.producer_per_s.none) records/s none, $(figure limits.producer_per_s.lz4) lz4 | – |"
    echo "| produce → consume p50 / p99 (limit) | – | $(figure limits.e2e_p50_ms.linger0) / $(figure limits.e2e_p99_ms.linger0) ms (linger 0), $(figure limits.e2e_p50_ms.linger5) / $(figure limits.e2e_p99_ms.linger5) ms (linger 5) | – |"
    echo "| PostgreSQL saga-step commits/s (limit) | – | $(figure limits.pg_tps.c8) (8 clients), $(figure limits.pg_tps.c32) (32 clients) | – |"
  fi
  if [ -n "$(figure saga.invariants)" ]; then
    for rate in 100 300; do
      if [ -n "$(figure "saga.$rate.terminal_p99_ms")" ]; then
        declare "p99_$rate=$(figure "saga.$rate.terminal_p99_ms") ms (p50 $(figure "saga.$rate.terminal_p50_ms"), completed $(figure "saga.$rate.completed_per_s")/s: $(figure "saga.$rate.criterion"))"
      else
        declare "p99_$rate=$(saga_not_run "$rate")"
      fi
    done
    if [ -n "$(figure saga.100.cpu_ms_per_order.all)" ]; then
      cpu_100="$(figure saga.100.cpu_ms_per_order.all) ms (of which idle cost $(figure saga.100.cpu_ms_per_order.idle_share) ms)"
    else
      cpu_100=$(saga_not_run 100)
    fi
    per_rate=""; latency_per_rate=""
    for rate in ${SAGA_RATES//,/ }; do
      if [ -n "$(figure "saga.$rate.cpu_ms_per_order.all")" ]; then
        per_rate+="${per_rate:+, }$rate/s: $(figure "saga.$rate.cpu_ms_per_order.all") ms"
        latency_per_rate+="${latency_per_rate:+, }$rate/s: $(figure "saga.$rate.terminal_p50_ms") / $(figure "saga.$rate.terminal_p99_ms") ms ($(figure "saga.$rate.criterion"))"
      fi
    done
    sustained=$(figure saga.sustained_per_s)
    if [ "$sustained" = 0 ]; then sustained_text="none"; else sustained_text="${sustained}/s"; fi
    cpo=$(figure "saga.$sustained.commits_per_order"); [ -z "$cpo" ] && cpo=$(figure "saga.$(figure saga.first_failing_per_s).commits_per_order")
    pg=$(latest_figure limits.pg_tps.c8)
    echo "| saga CPU per order, all processes, at 100 orders/s | ≤ 5 ms | $cpu_100 | – |"
    echo "| saga CPU per order, all processes, per rate run | – | ${per_rate:-–} | – |"
    echo "| saga idle CPU, all processes (no load) | – | $(figure saga.idle.all_pct) % of one core; $(figure saga.idle.fetches_per_s) broker fetch requests/s | – |"
    echo "| saga sustained: highest rate with completed ≥ 98 % of offered and p99 < 1 s | ≥ 500/s | ${sustained_text}$( [ -n "$(figure saga.first_failing_per_s)" ] && echo " (first failing: $(figure saga.first_failing_per_s)/s)") | $( [ "$sustained" = 0 ] && echo "–" || echo "$(ratio "$sustained" "$(awk -v p="$pg" -v c="$cpo" 'BEGIN { if (p > 0 && c > 0) printf "%.0f", p / c }')") of pgbench commits/s ÷ ${cpo:-?} commits per order") |"
    echo "| saga placed → terminal p99 at 100 orders/s | < 100 ms | $p99_100 | – |"
    echo "| saga placed → terminal p99 at 300 orders/s | < 250 ms | $p99_300 | – |"
    echo "| saga placed → terminal p50 / p99 per rate run | – | ${latency_per_rate:-–} | – |"
    if [ -n "$(figure saga.closed.completed_per_s)" ]; then
      echo "| saga closed loop: completed/s, p50 / p99 | – | $(figure saga.closed.completed_per_s)/s, $(figure saga.closed.terminal_p50_ms) / $(figure saga.closed.terminal_p99_ms) ms | – |"
    fi
    echo "| saga invariants over $(figure saga.orders) orders, after quiescence ($(figure saga.quiescent)) | all hold | $(figure saga.invariants) | – |"
  fi
  if [ -n "$(figure ingest.single.events_per_s)" ]; then
    echo "| ingestion, single events/s at p99 < 1 s | ≥ 10,000 | $(figure ingest.single.events_per_s) ($(figure ingest.single.cpu_s_per_10k) CPU s / 10k) | $(figure ingest.single.ratio_to_producer) of the raw producer rate |"
    echo "| ingestion, batched events/s at p99 < 1 s | ≥ 100,000 | $(figure ingest.batch.events_per_s) ($(figure ingest.batch.cpu_s_per_10k) CPU s / 10k) | $(figure ingest.batch.ratio_to_producer) of the raw producer rate |"
  fi
  if [ -n "$(figure freshness.p99_ms)" ]; then
    echo "| analytics freshness p50 / p99 | p99 < 1 s | $(figure freshness.p50_ms) / $(figure freshness.p99_ms) ms | p50 vs produce→consume p50: $(figure limits.e2e_p50_ms.linger5) ms |"
  fi
  [ -n "${STACK_START_S:-}" ] && echo "| stack start (five services healthy) | < 60 s | $STACK_START_S s | – |"
  echo
  echo "<details><summary>figures (key=value, read by later runs)</summary>"
  echo
  echo '```text'
  cat "$KV"
  echo '```'
  echo "</details>"
} | tee -a "$RESULT"
log "Results written to ${RESULT#"$ROOT"/}"
