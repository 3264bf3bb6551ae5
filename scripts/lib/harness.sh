# What the measuring harnesses share (bench.sh, chaos.sh): progress and errors on stderr with the time, and a
# database of their own that each run drops and recreates. Source it after scripts/lib/stack.sh.

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '%s ERROR %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# The harness's database <database>: on the server DB_URL/DB_USERNAME/DB_PASSWORD name, or with DB_URL unset on a
# PostgreSQL server of our own (local-postgres, data in <run dir>/postgres, started here and stopped by
# stop_stack); refuses the local stack's own database, since the harness drops what it uses. Needs psql and the
# tools named after the run directory. Sets DB_DESCRIPTION (embedded or external, and the server's version).
use_harness_database() { # <database> <run dir> [tool ...]
  local database=$1 run_dir=$2 tool
  shift 2
  choose_postgres "$database"
  export PGOPTIONS="--client-min-messages=warning"
  for tool in psql curl "$@"; do
    command -v "$tool" >/dev/null || die "$tool is needed (Debian: apt-get install postgresql-client curl)"
  done
  if $EMBEDDED_POSTGRES; then
    require_free_ports "$POSTGRES_PORT"
    build_if_stale "$run_dir/postgres-build.stamp" local-postgres
    trap stop_stack EXIT
    mkdir -p "$run_dir"
    log "Starting PostgreSQL on localhost:$POSTGRES_PORT (data in ${run_dir#"$ROOT"/}/postgres)"
    start_postgres "$run_dir/postgres" "$run_dir/postgres.out" "$POSTGRES_PORT"
  fi
  require_postgres
  [ "$DB_NAME" = eventmart ] && die "DB_URL names the local stack's database; this harness drops its own on every run"
  local version
  version=$(psql_admin -c 'show server_version' | cut -d' ' -f1)
  if $EMBEDDED_POSTGRES; then
    DB_DESCRIPTION="embedded PostgreSQL $version (local-postgres, data in ${run_dir#"$ROOT"/}/postgres) at \`$DB_URL\`"
  else
    DB_DESCRIPTION="external PostgreSQL $version at \`$DB_URL\` (DB_URL)"
  fi
  return 0
}
