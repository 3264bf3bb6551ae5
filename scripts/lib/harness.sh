# What the measuring harnesses share (bench.sh, chaos.sh): progress and errors on stderr with the time, and a
# database of their own that each run drops and recreates. Source it after scripts/lib/stack.sh.

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '%s ERROR %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# DB_URL/DB_USERNAME/DB_PASSWORD, defaulting to <database> on the local server as postgres; refuses the local
# stack's own database, since the harness drops what it uses. Needs psql and the tools named after the database.
use_harness_database() { # <database> [tool ...]
  local database=$1 tool
  shift
  export DB_URL=${DB_URL:-jdbc:postgresql://localhost:5432/$database}
  export DB_USERNAME=${DB_USERNAME:-postgres}
  export DB_PASSWORD=${DB_PASSWORD:-}
  export PGOPTIONS="--client-min-messages=warning"
  for tool in psql curl "$@"; do
    command -v "$tool" >/dev/null || die "$tool is needed (Debian: apt-get install postgresql-client curl)"
  done
  require_postgres
  [ "$DB_NAME" = eventmart ] && die "DB_URL names the local stack's database; this harness drops its own on every run"
  return 0
}
