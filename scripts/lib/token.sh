# Sourced by scripts: token <client-id> [scope...] prints an access token for one of identity-service's demo clients,
# from ${AUTH_ISSUER_URI:-http://localhost:9000}/oauth2/token with the client-credentials grant.
#
#   source scripts/lib/token.sh
#   curl -H "Authorization: Bearer $(token demo-alice)" localhost:8081/api/orders
#
# The secret is <CLIENT_ID>_SECRET from the environment (DEMO_ALICE_SECRET for demo-alice), else the client's demo
# secret of the local profile (identity-service's application-local.yml). Without scopes it asks for every scope the
# client may have. Needs curl.

# The local profile's demo secrets and each client's scopes, as identity-service registers them (DemoClients).
declare -gA TOKEN_SCOPES=(
  [demo-alice]="orders payments notifications"
  [demo-bob]="orders payments notifications"
  [demo-ops]="orders payments notifications analytics.read inventory.write"
  [activity-collector]="activity.write"
  [analytics-service]="analytics.read"
  [prometheus]="metrics"
)

token() { # <client-id> [scope...]
  local client=${1:?usage: token <client-id> [scope...]}; shift
  local issuer=${AUTH_ISSUER_URI:-http://localhost:9000}
  if [ -z "${TOKEN_SCOPES[$client]+known}" ]; then
    echo "token: no demo client '$client' (one of: ${!TOKEN_SCOPES[*]})" >&2
    return 2
  fi
  local secret_variable="${client//-/_}"; secret_variable="${secret_variable^^}_SECRET"
  local secret=${!secret_variable:-$client-secret}
  local scope=${*:-${TOKEN_SCOPES[$client]}}
  local response status
  if ! response=$(curl -sS --max-time 10 -w '\n%{http_code}' -u "$client:$secret" -d grant_type=client_credentials \
      --data-urlencode "scope=$scope" "$issuer/oauth2/token"); then
    echo "token: identity-service does not answer at $issuer (curl's error above). Start it: scripts/run-local.sh" >&2
    return 1
  fi
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  if [ "$status" != 200 ]; then
    echo "token: $issuer/oauth2/token refused $client (HTTP $status): $response" >&2
    return 1
  fi
  # A JWT has no quote or backslash in it, so the JSON field can be cut out without a JSON parser.
  sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$response"
}
