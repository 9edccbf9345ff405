#!/usr/bin/env bash
# Makes a local PostgreSQL (>= 15) server with the pgvector extension available and running,
# and creates the role and database used by the tests and the sample app. Idempotent: when
# everything is already in place it only checks, which takes well under a second.
#
# Environment (all optional):
#   PGAI_PG_VERSION   server major version to use (default: newest installed, at least 15)
#   PGAI_PG_PORT      port of the cluster (default 5432)
#   PGAI_DB_USER      role to create (default pgai)
#   PGAI_DB_PASSWORD  its password (default pgai)
#   PGAI_DB_NAME      database for the sample app (default pgai)
#
# Other ways to get PostgreSQL with pgvector are listed in docs/database-setup.md
# (the pgvector/pgvector:pg17 image, OS packages, Homebrew).
set -euo pipefail

PORT="${PGAI_PG_PORT:-5432}"
DB_USER="${PGAI_DB_USER:-pgai}"
DB_PASSWORD="${PGAI_DB_PASSWORD:-pgai}"
DB_NAME="${PGAI_DB_NAME:-pgai}"

log() { printf '[postgres-pgvector] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "root is needed for: $* (run as root or install sudo)"; fi
}

# Runs a command as the postgres OS user (initdb and postgres refuse to run as root).
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres "$@"; fi
}

# Fast path: the role can log in over TCP and the vector extension is installed in its database.
if command -v psql >/dev/null \
   && PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB_NAME" \
        -Atqc "select 1 from pg_extension where extname = 'vector'" 2>/dev/null | grep -qx 1; then
  log "PostgreSQL with pgvector is ready on 127.0.0.1:$PORT (database $DB_NAME, role $DB_USER)"
  exit 0
fi

pick_version() {
  if [ -n "${PGAI_PG_VERSION:-}" ]; then echo "$PGAI_PG_VERSION"; return; fi
  local v best=""
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$d" ] || continue
    v=$(basename "$(dirname "$(dirname "$d")")")
    if [ "$v" -ge 15 ] && { [ -z "$best" ] || [ "$v" -gt "$best" ]; }; then best=$v; fi
  done
  [ -n "$best" ] || die "no PostgreSQL server >= 15 found under /usr/lib/postgresql; install one, e.g. 'apt-get install postgresql-15'"
  echo "$best"
}

PG_VERSION=$(pick_version)
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
EXT_DIR="/usr/share/postgresql/$PG_VERSION/extension"

apt_updated=""
apt_update() { [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }; }

# The mirror URI of the machine's own Debian sources (deb822 or one-line format).
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
      /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
      /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || die "cannot find a Debian mirror URI in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  echo "$uri"
}

build_pgvector_from_debian_source() {
  local list=/etc/apt/sources.list.d/pgai-pgvector-src.sources
  if [ ! -f "$list" ]; then
    log "adding a deb-src entry for Debian trixie (source of the pgvector package)"
    as_root tee "$list" >/dev/null <<EOF
Types: deb-src
URIs: $(debian_mirror)
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt_updated=""
  fi
  apt_update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    dpkg-dev make gcc "postgresql-server-dev-$PG_VERSION" >/dev/null
  local work
  work=$(mktemp -d)
  (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1) || die "apt-get source pgvector failed"
  local src
  src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  [ -n "$src" ] || die "pgvector source not found after apt-get source"
  log "building pgvector from $(basename "$src") against PostgreSQL $PG_VERSION"
  make -s -C "$src" PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS="" >/dev/null 2>&1 \
    || make -C "$src" PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS=""
  as_root make -s -C "$src" PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
  rm -rf "$work"
}

install_pgvector() {
  [ -f "$EXT_DIR/vector.control" ] && return
  if command -v apt-get >/dev/null; then
    apt_update
    if apt-cache show "postgresql-$PG_VERSION-pgvector" >/dev/null 2>&1; then
      log "installing the postgresql-$PG_VERSION-pgvector package"
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_VERSION-pgvector" >/dev/null
    else
      build_pgvector_from_debian_source
    fi
  else
    die "pgvector is missing and this is not a Debian-like system: see docs/database-setup.md"
  fi
  [ -f "$EXT_DIR/vector.control" ] || die "pgvector installation did not produce $EXT_DIR/vector.control"
}

server_accepts() { as_postgres "$PG_BIN/pg_isready" -q -h /var/run/postgresql -p "$PORT" 2>/dev/null; }

start_server() {
  server_accepts && return
  if command -v pg_lsclusters >/dev/null; then
    # Debian's cluster tools: use (or create) the cluster listening on $PORT.
    local cluster
    cluster=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v p="$PORT" '$1 == v && $3 == p { print $2; exit }')
    if [ -z "$cluster" ]; then
      cluster=pgai
      log "creating cluster $PG_VERSION/$cluster on port $PORT"
      as_root pg_createcluster "$PG_VERSION" "$cluster" -p "$PORT" >/dev/null
    fi
    log "starting cluster $PG_VERSION/$cluster"
    as_root pg_ctlcluster "$PG_VERSION" "$cluster" start
  else
    local data="${PGAI_PGDATA:-/var/lib/postgresql/$PG_VERSION/pgai}"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_root mkdir -p "$data"; as_root chown postgres "$data"
      as_postgres "$PG_BIN/initdb" -D "$data" --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    fi
    as_root mkdir -p /var/run/postgresql; as_root chown postgres /var/run/postgresql
    as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $PORT -k /var/run/postgresql -c listen_addresses=localhost" start >/dev/null
  fi
  for _ in $(seq 1 30); do server_accepts && return; sleep 0.5; done
  die "PostgreSQL did not start on port $PORT"
}

psql_admin() { as_postgres env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -h /var/run/postgresql -p "$PORT" -v ON_ERROR_STOP=1 -Atq "$@"; }

create_role_and_database() {
  local quoted_password=${DB_PASSWORD//\'/\'\'}
  if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$DB_USER'")" != 1 ]; then
    log "creating role $DB_USER"
    psql_admin -c "create role \"$DB_USER\" login createdb createrole password '$quoted_password'"
  else
    psql_admin -c "alter role \"$DB_USER\" login createdb createrole password '$quoted_password'"
  fi
  # New databases (one per test class) get the vector extension from the template.
  psql_admin -d template1 -c "create extension if not exists vector"
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]; then
    log "creating database $DB_NAME"
    psql_admin -c "create database \"$DB_NAME\" owner \"$DB_USER\""
  fi
  psql_admin -d "$DB_NAME" -c "create extension if not exists vector"
}

install_pgvector
start_server
create_role_and_database
log "PostgreSQL $PG_VERSION with pgvector $(psql_admin -d "$DB_NAME" -c "select extversion from pg_extension where extname = 'vector'") is ready on 127.0.0.1:$PORT (database $DB_NAME, role $DB_USER)"
