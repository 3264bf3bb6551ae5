#!/usr/bin/env bash
# Sends realistic storefront activity to the running local stack (scripts/run-local.sh) through the batch endpoint
# of analytics-service: many users, each with one or more sessions that browse, search, view products, add some to
# the cart and sometimes buy (a funnel that converts a fraction). Prints progress, then the analytics overview,
# the funnel and the top products once Kafka Streams has counted everything.
# Settings: ANALYTICS_URL (default http://localhost:8085), INVENTORY_URL (default http://localhost:8082, for the
# catalog; a built-in one is used if it does not answer), USERS (default 300), BATCH_SIZE (default 500), SEED.
#
# Tokens from identity-service (scripts/lib/token.sh; AUTH_ISSUER_URI, default http://localhost:9000): the events are
# written as a storefront's backend writes them, with the public activity-collector client (write-only); the figures
# are read as staff (demo-ops), who alone may read analytics.
set -euo pipefail
source "$(dirname "$0")/lib/token.sh"
ANALYTICS_URL=${ANALYTICS_URL:-http://localhost:8085}
INVENTORY_URL=${INVENTORY_URL:-http://localhost:8082}
USERS=${USERS:-300}
BATCH_SIZE=${BATCH_SIZE:-500}
SEED=${SEED:-$RANDOM}
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed (to build and read JSON)" >&2; exit 1; }
curl -fsS "$ANALYTICS_URL/actuator/health/readiness" >/dev/null \
  || { echo "analytics-service is not ready at $ANALYTICS_URL; start the stack with scripts/run-local.sh" >&2; exit 1; }

COLLECTOR=$(token activity-collector) || exit 1
OPS=$(token demo-ops) || exit 1
writer=(-H "Authorization: Bearer $COLLECTOR")
staff=(-H "Authorization: Bearer $OPS")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

curl -fsS "$INVENTORY_URL/api/products" -o "$work/catalog.json" 2>/dev/null || echo '[]' > "$work/catalog.json"
before=$(curl -fsS "${staff[@]}" "$ANALYTICS_URL/api/analytics/overview")

echo "Generating activity for $USERS users (seed $SEED) ..."
python3 - "$work" "$USERS" "$BATCH_SIZE" "$SEED" <<'PY'
import json, random, sys, uuid
from decimal import Decimal

work, users, batch_size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(seed)
catalog = [p for p in json.load(open(f"{work}/catalog.json")) if p.get("productId")]
if not catalog:
    catalog = [{"productId": f"P-{1000 + i}", "name": name, "category": category, "price": price}
               for i, (name, category, price) in enumerate([
                   ("Mechanical Keyboard", "Peripherals", "89.90"), ("Wireless Mouse", "Peripherals", "29.90"),
                   ("27\" Monitor", "Displays", "249.00"), ("USB-C Hub", "Accessories", "39.50"),
                   ("Noise-Cancelling Headphones", "Audio", "199.00"), ("Webcam 1080p", "Peripherals", "59.00"),
                   ("Laptop Stand", "Accessories", "34.90"), ("Desk Lamp", "Office", "24.90")], start=1)]
# A few products draw most of the attention, as in any shop.
weights = [1.0 / (rank + 1) for rank in range(len(catalog))]
agents = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
]
queries = ["keyboard", "mouse", "monitor", "usb c", "headphones", "webcam", "lamp", "stand", "gift", "sale"]
run = uuid.uuid4().hex[:6]
batches = {}  # user agent -> items, so each batch carries one User-Agent header, as a real client would

def add(agent, event_type, data):
    batches.setdefault(agent, []).append({"eventType": event_type, "data": data})

for u in range(users):
    user = f"demo-{run}-{u:04d}"
    agent = rnd.choice(agents)
    for s in range(rnd.choice([1, 1, 1, 2, 2, 3])):
        session = f"{user}-s{s}"
        if rnd.random() < 0.6:
            add(agent, "auth", {"userId": user, "sessionId": session, "action": "LOGIN", "method": "password",
                                "success": True})
        add(agent, "pageview", {"userId": user, "sessionId": session, "pageUrl": "/", "pageTitle": "Home",
                                "loadTimeMs": rnd.randint(80, 900)})
        if rnd.random() < 0.5:
            query = rnd.choice(queries)
            add(agent, "search", {"userId": user, "sessionId": session, "searchQuery": query,
                                  "resultsCount": rnd.randint(0, 40), "sortBy": "relevance",
                                  "responseTimeMs": rnd.randint(5, 120)})
        cart = []
        for product in rnd.choices(catalog, weights=weights, k=rnd.randint(1, 4)):
            add(agent, "pageview", {"userId": user, "sessionId": session,
                                    "pageUrl": f"/products/{product['productId']}", "pageTitle": product["name"],
                                    "loadTimeMs": rnd.randint(80, 900), "previousPage": "/"})
            add(agent, "productview", {"userId": user, "sessionId": session, "productId": product["productId"],
                                       "productName": product["name"], "category": product["category"],
                                       "price": str(product["price"]), "viewDurationSeconds": rnd.randint(3, 120),
                                       "source": rnd.choice(["search", "home", "recommendation"])})
            if rnd.random() < 0.3:
                quantity = rnd.choice([1, 1, 1, 2])
                cart.append((product, quantity))
                total = sum(Decimal(str(p["price"])) * q for p, q in cart)
                add(agent, "addtocart", {"userId": user, "sessionId": session, "productId": product["productId"],
                                         "quantity": quantity, "price": str(product["price"]),
                                         "cartTotal": str(total), "cartItemCount": sum(q for _, q in cart)})
        if cart and rnd.random() < 0.4:
            items = [{"productId": p["productId"], "quantity": q, "unitPrice": str(p["price"]),
                      "totalPrice": str(Decimal(str(p["price"])) * q)} for p, q in cart]
            add(agent, "purchase", {"userId": user, "sessionId": session, "orderId": f"O-{uuid.uuid4()}",
                                    "totalAmount": str(sum(Decimal(i["totalPrice"]) for i in items)),
                                    "currency": "EUR", "items": items, "paymentMethod": "card",
                                    "discountAmount": "0", "taxAmount": "0"})

n = 0
with open(f"{work}/batches.tsv", "w") as index:
    for agent, items in batches.items():
        for start in range(0, len(items), batch_size):
            n += 1
            with open(f"{work}/batch-{n:04d}.json", "w") as out:
                json.dump(items[start:start + batch_size], out)
            index.write(f"{work}/batch-{n:04d}.json\t{agent}\n")
print(sum(len(items) for items in batches.values()), "events in", n, "batches", file=sys.stderr)
PY

sent=0
batches=$(wc -l < "$work/batches.tsv")
i=0
while IFS=$'\t' read -r file agent; do
  i=$((i + 1))
  result=$(curl -fsS "${writer[@]}" -X POST "$ANALYTICS_URL/api/activity/batch" -H 'Content-Type: application/json' \
             -H "User-Agent: $agent" -H "X-Forwarded-For: 198.51.100.$((RANDOM % 250 + 1))" \
             --data-binary "@$file")
  accepted=$(python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["accepted"]); sys.exit(r["rejected"] > 0)' \
             <<<"$result") || echo "  batch $i had rejected items: $result" >&2
  sent=$((sent + accepted))
  printf '  batch %d/%d: %d events accepted (%d so far)\n' "$i" "$batches" "$accepted" "$sent"
done < "$work/batches.tsv"

# Kafka Streams counts within a second or two; wait until the overview has taken in every event we sent.
echo "Waiting for the analytics to count $sent events ..."
expected=$(python3 -c 'import json,sys; o=json.loads(sys.argv[1]); print(o["totalPageViews"] + o["totalProductViews"] + o["totalSearches"])' "$before")
counted_all=false
for _ in $(seq 1 60); do
  overview=$(curl -fsS "${staff[@]}" "$ANALYTICS_URL/api/analytics/overview" || true)
  if [[ -n "$overview" ]] && python3 - "$work" "$overview" "$expected" <<'PY'
import glob, json, sys
work, overview, baseline = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
counted = sum(1 for f in glob.glob(f"{work}/batch-*.json") for item in json.load(open(f))
              if item["eventType"] in ("pageview", "productview", "search"))
now = overview["totalPageViews"] + overview["totalProductViews"] + overview["totalSearches"]
sys.exit(0 if now - baseline >= counted else 1)
PY
  then counted_all=true; break; fi
  sleep 0.5
done
$counted_all || echo "(not everything is counted yet; the overview below may still be growing)" >&2

echo
echo "Overview ($ANALYTICS_URL/api/analytics/overview):"
curl -fsS "${staff[@]}" "$ANALYTICS_URL/api/analytics/overview" > "$work/overview.json"
curl -fsS "${staff[@]}" "$ANALYTICS_URL/api/analytics/funnel" > "$work/funnel.json"
python3 - "$work" <<'PY'
import decimal, json, sys
work = sys.argv[1]
o = json.load(open(f"{work}/overview.json"), parse_float=decimal.Decimal)
for key in ("totalUsers", "totalProducts", "totalPageViews", "totalProductViews", "totalSearches", "totalPurchases",
            "totalRevenue"):
    print(f"  {key:18} {o[key]}")
print("  orders             " + ", ".join(f"{k} {v}" for k, v in o["orders"].items()))
print("  top products by views:")
for p in o["topProducts"][:5]:
    print(f"    {p['productId']:8} {str(p['productName'])[:28]:28} views {p['views']:5}  unique {p['uniqueViewers']:5}"
          f"  purchases {p['purchases']:4}  revenue {p['revenue']:>10}  conversion {p['conversionRate']}")
f = json.load(open(f"{work}/funnel.json"), parse_float=decimal.Decimal)
print()
print("Funnel:")
print(f"  product views {f['productViews']} -> cart {f['cartAdditions']} ({f['viewToCartRate']})"
      f" -> purchases {f['purchases']} ({f['cartToPurchaseRate']})")
PY
echo
echo "More (staff only): source scripts/lib/token.sh; OPS=\$(token demo-ops)"
echo "          curl -s -H \"Authorization: Bearer \$OPS\" '$ANALYTICS_URL/api/analytics/products/top?by=revenue&limit=5'"
echo "          curl -s -H \"Authorization: Bearer \$OPS\" '$ANALYTICS_URL/api/analytics/timeseries?metric=pageviews'"
