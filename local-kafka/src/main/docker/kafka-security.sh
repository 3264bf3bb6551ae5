#!/bin/bash
# Compose's kafka-init container (image apache/kafka): creates EventMart's Kafka users and ACLs from the one definition,
# eventmart-kafka-acls.txt (mounted at $ACLS), with Kafka's own kafka-configs.sh and kafka-acls.sh, as the super user
# admin. It logs in with PLAIN on the internal listener, the broker's own login: admin's SCRAM credential is one of
# the users this script creates. Then it stays up and healthy (the marker file $APPLIED), so that everything started
# after it - the services, Kafka UI - waits for it with service_healthy like for any other container, and finds its
# user in place.
#
# Every password comes from the environment, KAFKA_<USER>_PASSWORD (KAFKA_ADMIN_PASSWORD, KAFKA_ORDER_SERVICE_PASSWORD,
# ...): compose has no defaults. Running it again changes nothing (a user's credential is replaced, an existing ACL is
# kept); an ACL dropped from the file stays until removed with kafka-acls.sh --remove, or `docker compose down -v`.
# The local run does the same in Java (local-kafka's KafkaSecurity), which also removes dropped ACLs.
set -euo pipefail
set -f # the names are names: * is Kafka's wildcard, not a glob

ACLS=${ACLS:-/etc/eventmart/eventmart-kafka-acls.txt}
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:29092}
APPLIED=/tmp/kafka-security-applied
BIN=${KAFKA_BIN:-/opt/kafka/bin}
CONFIG=/tmp/admin.properties
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx128m}

rm -f "$APPLIED"
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
password() { # <user>
  local variable="${1//-/_}"; variable="KAFKA_${variable^^}_PASSWORD"
  [ -n "${!variable:-}" ] || { echo "$variable is not set" >&2; exit 1; }
  printf '%s' "${!variable}"
}

# ADMIN_SASL_MECHANISM=SCRAM-SHA-512 logs in to a broker where admin's SCRAM credential exists already (the local run's).
ADMIN_SASL_MECHANISM=${ADMIN_SASL_MECHANISM:-PLAIN}
module=org.apache.kafka.common.security.plain.PlainLoginModule
[ "$ADMIN_SASL_MECHANISM" = PLAIN ] || module=org.apache.kafka.common.security.scram.ScramLoginModule
(umask 077; cat >"$CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=$ADMIN_SASL_MECHANISM
sasl.jaas.config=$module required username="admin" password="$(password admin)";
PROPERTIES
)

# The grants: `read` without -r joins a line ending in \ with the next, as the file's format says.
grants=()
while read -a columns; do
  [ ${#columns[@]} -eq 0 ] || [[ ${columns[0]} == \#* ]] && continue
  grants+=("${columns[*]}")
done <"$ACLS"

users=(admin)
for grant in "${grants[@]}"; do
  read -ra columns <<<"$grant"
  IFS=, read -ra principals <<<"${columns[0]}"
  for principal in "${principals[@]}"; do
    [[ " ${users[*]} " == *" $principal "* ]] || users+=("$principal")
  done
done

for user in "${users[@]}"; do
  log "SCRAM-SHA-512 user $user"
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" --alter \
    --entity-type users --entity-name "$user" --add-config "SCRAM-SHA-512=[password=$(password "$user")]" >/dev/null
done

for grant in "${grants[@]}"; do
  read -ra columns <<<"$grant"
  args=(--add --resource-pattern-type "${columns[2]}")
  IFS=, read -ra principals <<<"${columns[0]}"
  for principal in "${principals[@]}"; do args+=(--allow-principal "User:$principal"); done
  IFS=, read -ra operations <<<"${columns[3]}"
  for operation in "${operations[@]}"; do args+=(--operation "$operation"); done
  for name in "${columns[@]:4}"; do
    case "${columns[1]}" in
      topic) args+=(--topic "$name") ;;
      group) args+=(--group "$name") ;;
      transactional-id) args+=(--transactional-id "$name") ;;
      cluster) args+=(--cluster) ;;
      *) echo "Unknown resource type ${columns[1]} in $ACLS" >&2; exit 1 ;;
    esac
  done
  log "ACL: ${columns[0]} ${columns[3]} on ${columns[1]} ${columns[2]} ${columns[*]:4}"
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" "${args[@]}" >/dev/null
done

touch "$APPLIED"
log "Kafka users and ACLs applied: ${#users[@]} users, ${#grants[@]} grants ($ACLS)"
exec sleep infinity
