#!/usr/bin/env bash
# Smoke test of the Docker deployment, for machines with Docker: builds and starts docker-compose.yml, waits until
# every container reports healthy, places a new order and follows it to CONFIRMED, posts a few activity events for a
# new user and waits until that user's analytics show exactly them and the overview has grown past what it showed
# before, then prints where to look. Safe to run again on a stack that already ran. The stack keeps running afterwards.
#
# Usage: scripts/compose-smoke.sh [--down]
#   --down   stop the stack and delete its volumes when done (also after a failure)
# Environment (optional): STARTUP_TIMEOUT (seconds until all are healthy, default 300),
#   COMPOSE (the compose command, default "docker compose", else "docker-compose").
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '%s ERROR %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

down=false
for arg in "$@"; do
  case "$arg" in
    --down) down=true ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $arg (usage: scripts/compose-smoke.sh [--down])" ;;
  esac
done

for tool in docker curl python3; do
  command -v "$tool" >/dev/null || die "$tool is needed"
done
if [ -n "${COMPOSE:-}" ]; then
  read -r -a compose <<<"$COMPOSE"
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
  # The Dockerfile's Maven cache mount needs BuildKit, which docker-compose 1.x uses only when asked.
  export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
else
  die "Docker Compose is needed (the docker compose plugin, or docker-compose)"
fi
docker info >/dev/null 2>&1 || die "the Docker engine is not reachable (is it running? may this user use it?)"

STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}
INFRASTRUCTURE=(kafka kafka-init kafka-ui postgres mailpit identity-service lgtm)
SERVICES=(order-service inventory-service payment-service notification-service analytics-service)
ORDER_URL=http://localhost:8081
ANALYTICS_URL=http://localhost:8085
# Ids of this run: on a stack that already ran, an old order or user must not make a check pass by itself.
RUN_ID="$(date +%s)-$$"
SMOKE_USER="compose-smoke-$RUN_ID"

response=$(mktemp)
cleanup() {
  rm -f "$response"
  if $down; then
    log "Stopping and deleting the stack (${compose[*]} down -v)"
    "${compose[@]}" down -v --remove-orphans
  fi
}
trap cleanup EXIT

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# --- Build, start, and wait until everything is healthy -----------------------------------------------------------
log "Building and starting (${compose[*]} up --build -d); the first build downloads Maven dependencies..."
"${compose[@]}" up --build -d

health() { # <service>: its container's health (or its state, for a container without a health check)
  local id
  id=$("${compose[@]}" ps -q "$1")
  [ -n "$id" ] || { echo missing; return; }
  docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id"
}

started=$(date +%s)
pending=("${INFRASTRUCTURE[@]}" "${SERVICES[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  still=()
  for service in "${pending[@]}"; do
    status=$(health "$service")
    case "$status" in
      healthy) log "$service is healthy ($(( $(date +%s) - started )) s)" ;;
      unhealthy|exited|dead|missing)
        "${compose[@]}" logs --tail 40 "$service" >&2 || true
        die "$service is $status (logs above; all logs: ${compose[*]} logs $service)" ;;
      *) still+=("$service") ;;
    esac
  done
  pending=("${still[@]+"${still[@]}"}")
  if [ ${#pending[@]} -gt 0 ]; then
    [ $(( $(date +%s) - started )) -ge "$STARTUP_TIMEOUT" ] \
      && die "not healthy after $STARTUP_TIMEOUT s: ${pending[*]} (${compose[*]} ps; ${compose[*]} logs <service>)"
    sleep 2
  fi
done

# --- An order, followed to CONFIRMED ------------------------------------------------------------------------------
# As alice (demo-alice's token): a customer orders as themselves. The activity is written with the public
# activity-collector client and the figures read as staff (demo-ops), as the README's Security section says.
source "$(dirname "$0")/lib/token.sh"
ALICE=$(token demo-alice) || die "no token for demo-alice from identity-service"
COLLECTOR=$(token activity-collector) || die "no token for activity-collector from identity-service"
OPS=$(token demo-ops) || die "no token for demo-ops from identity-service"
order_body='{"customerEmail":"smoke@example.com","currency":"EUR",
 "paymentToken":"tok_visa",
 "shippingAddress":{"street":"1 Main St","city":"Springfield","state":"IL","zipCode":"62701","country":"US"},
 "items":[{"productId":"P-1001","quantity":1}]}'
log "Placing an order for P-1001 (tok_visa, EUR)"
# order-service learns the catalog from inventory's product snapshots on Kafka; right after a first start it may
# not know P-1001 yet and answers 422, so ask again until it does.
deadline=$(( $(date +%s) + 60 ))
while true; do
  code=$(curl -sS -H "Authorization: Bearer $ALICE" -o "$response" -w '%{http_code}' -X POST "$ORDER_URL/api/orders" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: compose-smoke-$RUN_ID" -d "$order_body")
  [ "$code" = 202 ] && break
  if [ "$code" != 422 ] || [ "$(date +%s)" -ge "$deadline" ]; then
    cat "$response" >&2; echo >&2
    die "POST /api/orders answered $code"
  fi
  sleep 1
done
order_id=$(json_field "['orderId']" <"$response")
log "Order $order_id accepted (202); following it"

deadline=$(( $(date +%s) + 60 ))
while true; do
  curl -fsS -H "Authorization: Bearer $ALICE" "$ORDER_URL/api/orders/$order_id" >"$response"
  status=$(json_field "['status']" <"$response")
  case "$status" in
    CONFIRMED) break ;;
    CANCELLED|EXPIRED) cat "$response" >&2; echo >&2; die "order $order_id ended $status, expected CONFIRMED" ;;
  esac
  [ "$(date +%s)" -ge "$deadline" ] && die "order $order_id still $status after 60 s"
  sleep 0.5
done
python3 - "$response" <<'PY'
import json, sys
order = json.load(open(sys.argv[1]))
print("  " + " -> ".join(step["status"] for step in order["statusHistory"]) + f"  total {order['total']} {order['currency']}")
PY

# --- Activity and analytics ---------------------------------------------------------------------------------------
post_activity() { # <type> <json>: prints the HTTP status
  curl -sS -H "Authorization: Bearer $COLLECTOR" -o /dev/null -w '%{http_code}' -X POST "$ANALYTICS_URL/api/activity/$1" \
    -H 'Content-Type: application/json' -H 'User-Agent: compose-smoke' -d "$2"
}
user_counts() { # the page views, product views and cart additions of a user's analytics (JSON on stdin)
  python3 -c "import json,sys; u=json.load(sys.stdin); print(u['pageViews'], u['productViews'], u['cartAdditions'])"
}
overview_field() { # <overview.json> <field>: a top-level count of the analytics overview
  python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], 0))" "$1" "$2"
}
code=$(curl -sS -H "Authorization: Bearer $OPS" -o "$response" -w '%{http_code}' "$ANALYTICS_URL/api/analytics/overview")
if [ "$code" = 404 ]; then
  log "analytics-service has no analytics endpoints yet (404): skipping activity and the overview"
else
  [ "$code" = 200 ] || die "GET /api/analytics/overview answered $code"
  page_views_before=$(overview_field "$response" totalPageViews)
  product_views_before=$(overview_field "$response" totalProductViews)
  code=$(post_activity pageview '{"userId":"'"$SMOKE_USER"'","sessionId":"s-1","pageUrl":"/products/P-1001","pageTitle":"P-1001","loadTimeMs":120,"previousPage":"/"}')
  [ "$code" = 202 ] || die "POST /api/activity/pageview answered $code"
  code=$(post_activity productview '{"userId":"'"$SMOKE_USER"'","sessionId":"s-1","productId":"P-1001","productName":"P-1001","category":"demo","price":19.99,"viewDurationSeconds":12,"source":"search"}')
  [ "$code" = 202 ] || die "POST /api/activity/productview answered $code"
  code=$(post_activity addtocart '{"userId":"'"$SMOKE_USER"'","sessionId":"s-1","productId":"P-1001","quantity":1,"price":19.99,"cartTotal":19.99,"cartItemCount":1}')
  [ "$code" = 202 ] || die "POST /api/activity/addtocart answered $code"
  log "Posted a page view, a product view and an add-to-cart for $SMOKE_USER; waiting for the analytics"
  # This run's user is new, so its counts must be exactly what was posted; the shop-wide totals must have grown
  # by at least as much (other traffic may add more).
  deadline=$(( $(date +%s) + 30 ))
  until curl -fsS -H "Authorization: Bearer $OPS" "$ANALYTICS_URL/api/analytics/users/$SMOKE_USER" >"$response" 2>/dev/null \
      && [ "$(user_counts <"$response")" = "1 1 1" ]; do
    [ "$(date +%s)" -ge "$deadline" ] && die "analytics of $SMOKE_USER not 1 page view, 1 product view, 1 cart addition after 30 s"
    sleep 0.5
  done
  deadline=$(( $(date +%s) + 30 ))
  until curl -fsS -H "Authorization: Bearer $OPS" "$ANALYTICS_URL/api/analytics/overview" >"$response" 2>/dev/null \
      && [ "$(overview_field "$response" totalPageViews)" -gt "$page_views_before" ] \
      && [ "$(overview_field "$response" totalProductViews)" -gt "$product_views_before" ]; do
    [ "$(date +%s)" -ge "$deadline" ] && die "the analytics overview did not count the new views within 30 s"
    sleep 0.5
  done
  log "Overview: page views $page_views_before -> $(overview_field "$response" totalPageViews)," \
    "product views $product_views_before -> $(overview_field "$response" totalProductViews)"
  python3 -m json.tool "$response" | sed 's/^/  /'
fi

cat <<INFO

Smoke test passed: order $order_id is CONFIRMED.

  Kafka UI     http://localhost:8080   topics order.order.placed, inventory.stock.reserved,
                                       payment.payment.authorized, order.order.confirmed (key $order_id)
  Mailpit      http://localhost:8025   the customer emails of smoke@example.com
  Grafana      http://localhost:3000   the EventMart dashboard: orders by outcome and status, latency, outbox, lag
  Swagger UI   http://localhost:8081/swagger-ui.html (order) ... http://localhost:8085/swagger-ui.html (analytics)
  The order    curl -s -H "Authorization: Bearer \$(token demo-alice)" $ORDER_URL/api/orders/$order_id
               (after: source scripts/lib/token.sh)
INFO
if ! $down; then
  echo "  Stop         ${compose[*]} down        (add -v to delete the database, topics and mail as well)"
fi
