#!/usr/bin/env bash
# Kafka's own command-line tools, run from the Kafka jars (the local-kafka module), so looking at the local broker
# needs no Kafka installation. The tools and their options are those of Kafka's bin/kafka-*.sh scripts.
#
#   scripts/kafka.sh topics --list
#   scripts/kafka.sh console-consumer --topic order.order.confirmed --from-beginning \
#       --formatter-property print.key=true --formatter-property print.headers=true
#   scripts/kafka.sh consumer-groups --describe --all-groups
#
# --bootstrap-server defaults to localhost:$KAFKA_PORT (9092), the broker of scripts/run-local.sh; pass it to reach
# another one (the compose broker is localhost:9092 too).
#
# With EVENTMART_KAFKA_SASL=true (a broker of `EVENTMART_KAFKA_SASL=true scripts/run-local.sh`, or compose's) the tools
# log in as the operator user admin over SASL/SCRAM-SHA-512, password KAFKA_ADMIN_PASSWORD (default
# admin-kafka-secret, compose's too), with a client configuration written to .run/kafka-admin.properties.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/java.sh
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '%s ERROR %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }
source scripts/lib/stack.sh

usage() {
  echo "usage: scripts/kafka.sh console-consumer|topics|consumer-groups [options of that Kafka tool]" >&2
  echo "       scripts/kafka.sh <tool> --help   lists the tool's options" >&2
  exit 2
}
[ $# -ge 1 ] || usage
case "$1" in
  console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  topics)           main=org.apache.kafka.tools.TopicCommand ;;
  consumer-groups)  main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  *) usage ;;
esac
shift

args=("$@")
[[ " $* " == *" --bootstrap-server "* ]] || args=(--bootstrap-server "localhost:${KAFKA_PORT:-9092}" "${args[@]}")
if [ "${EVENTMART_KAFKA_SASL:-false}" = true ]; then
  admin_config=.run/kafka-admin.properties
  mkdir -p .run
  (umask 077; cat >"$admin_config" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(kafka_password admin)";
PROPERTIES
  )
  args=(--command-config "$admin_config" "${args[@]}")
fi

# Builds local-kafka only when its classpath lacks the tools, so a look at the topics never rebuilds the module a
# running broker was started from. Its own stamp: run-local.sh's says that the services are built too.
if ! grep -qs '/kafka-tools-' local-kafka/target/runtime-classpath.txt; then
  rm -f .run/kafka-tools.stamp
  build_if_stale .run/kafka-tools.stamp local-kafka >&2
fi
# target/classes first: its logback.xml keeps the tools' own logging at WARN.
exec java -cp "local-kafka/target/classes:$(cat local-kafka/target/runtime-classpath.txt)" "$main" "${args[@]}"
