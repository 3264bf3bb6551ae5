#!/usr/bin/env bash
# Places a handful of orders against the running local stack (scripts/run-local.sh) and prints each order's
# journey: a confirmed order, one that is out of stock, one whose payment is declined, and one the customer cancels.
# ORDER_URL (default http://localhost:8081) and INVENTORY_URL (default http://localhost:8082) point elsewhere.
#
# Every outcome is decided, not raced, so the script prints the same journeys however fast the saga runs:
# - out of stock: one unit more of P-1022 than inventory has right now (it starts sold out; a restock such as the
#   README's only raises the quantity asked for);
# - cancelled: paid with tok_visa_slow, the simulated gateway's slow test card (3 s, PAYMENT_SLOW_CARD_LATENCY), so
#   the order waits RESERVED for its payment; the customer cancels it then, and the late approval charges nothing.
#
# The orders are alice's: the script gets her token from identity-service (scripts/lib/token.sh, demo client
# demo-alice; AUTH_ISSUER_URI, default http://localhost:9000) and sends it with every call.
set -euo pipefail
source "$(dirname "$0")/lib/token.sh"
ORDER_URL=${ORDER_URL:-http://localhost:8081}
INVENTORY_URL=${INVENTORY_URL:-http://localhost:8082}
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed (to read JSON)" >&2; exit 1; }
curl -fsS "$ORDER_URL/actuator/health/readiness" >/dev/null \
  || { echo "order-service is not answering at $ORDER_URL; start the stack with scripts/run-local.sh" >&2; exit 1; }
curl -fsS "$INVENTORY_URL/actuator/health/readiness" >/dev/null \
  || { echo "inventory-service is not answering at $INVENTORY_URL; start the stack with scripts/run-local.sh" >&2; exit 1; }

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

ALICE=$(token demo-alice) || exit 1
auth=(-H "Authorization: Bearer $ALICE")

place() { # <label> <payment token> <items json>
  local body
  body=$(cat <<JSON
{"customerEmail":"alice@example.com","currency":"EUR","paymentToken":"$2",
 "shippingAddress":{"street":"1 Main St","city":"Springfield","state":"IL","zipCode":"62701","country":"US"},
 "items":$3}
JSON
)
  local id
  id=$(curl -fsS "${auth[@]}" -X POST "$ORDER_URL/api/orders" -H 'Content-Type: application/json' \
         -H "Idempotency-Key: demo-$1-$$" -d "$body" | json_field "['orderId']")
  printf '%-28s placed %s\n' "$1" "$id" >&2
  echo "$id"
}

journey() { # <label> <order id>: waits for a final state, then prints the status history
  local label=$1 id=$2 status
  for _ in $(seq 1 100); do
    status=$(curl -fsS "${auth[@]}" "$ORDER_URL/api/orders/$id" | json_field "['status']")
    case "$status" in CONFIRMED|CANCELLED|EXPIRED) break ;; esac
    sleep 0.2
  done
  curl -fsS "${auth[@]}" "$ORDER_URL/api/orders/$id" | python3 -c "
import json, sys, decimal
order = json.load(sys.stdin, parse_float=decimal.Decimal)
steps = ' -> '.join(s['status'] + (' (' + s['reason'] + ')' if s['reason'] else '') for s in order['statusHistory'])
print(f\"{'$label':28} {order['total']:>8} {order['currency']}  {steps}\")"
}

await_status() { # <order id> <status>: waits up to 10 s for the order to reach the status
  local id=$1 wanted=$2 status
  for _ in $(seq 1 100); do
    status=$(curl -fsS "${auth[@]}" "$ORDER_URL/api/orders/$id" | json_field "['status']")
    [ "$status" = "$wanted" ] && return 0
    sleep 0.1
  done
  echo "order $id is $status, not $wanted, after 10 s" >&2
  return 1
}

echo "Placing demo orders at $ORDER_URL ..."
ok=$(place "confirmed" tok_visa '[{"productId":"P-1001","quantity":1},{"productId":"P-1009","quantity":2}]')
available=$(curl -fsS "$INVENTORY_URL/api/products/P-1022" | json_field "['available']")
[ "$available" -lt 100 ] \
  || { echo "P-1022 has $available units; an order cannot ask for more than 100 of a product" >&2; exit 1; }
short=$(place "out of stock" tok_visa "[{\"productId\":\"P-1022\",\"quantity\":$((available + 1))}]")
declined=$(place "payment declined" tok_chargeDeclined '[{"productId":"P-1002","quantity":1}]')
cancelled=$(place "cancelled by the customer" tok_visa_slow '[{"productId":"P-1013","quantity":1}]')
await_status "$cancelled" RESERVED
answer=$(curl -sS "${auth[@]}" -o /dev/null -w '%{http_code}' -X POST "$ORDER_URL/api/orders/$cancelled/cancel")
[ "$answer" = 200 ] || { echo "cancelling $cancelled answered $answer, expected 200" >&2; exit 1; }

echo
echo "Journeys:"
journey "confirmed" "$ok"
journey "out of stock" "$short"
journey "payment declined" "$declined"
journey "cancelled by the customer" "$cancelled"
echo
echo "Stock:    curl -s localhost:8082/api/products/P-1001                 # the catalog needs no token"
echo "Payments: source scripts/lib/token.sh; ALICE=\$(token demo-alice)"
echo "          curl -s -H \"Authorization: Bearer \$ALICE\" 'localhost:8083/api/payments?orderId=$ok'"
echo "          curl -s -H \"Authorization: Bearer \$ALICE\" 'localhost:8083/api/payments?orderId=$cancelled'   # []: nothing charged"
