#!/usr/bin/env bash
# PostgreSQL for the clustered Quartz job store: setup | drop
#   setup: installs PostgreSQL (Debian package) when missing, starts it, creates role and database
#          `movierec_quartz` (user/password movierec, for a local test cluster) and loads Quartz's schema.
#   drop:  drops the database (the job store of every node sharing it).
# PG_DATABASE / PG_USER / PG_PASSWORD override the names; the JDBC URL is printed last.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db="${PG_DATABASE:-movierec_quartz}"
user="${PG_USER:-movierec}"
password="${PG_PASSWORD:-movierec}"
quartz_jar="${QUARTZ_JAR:-$HOME/.m2/repository/org/quartz-scheduler/quartz/2.5.2/quartz-2.5.2.jar}"

as_postgres() { su postgres -c "$*"; }

ensure_running() {
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "installing PostgreSQL (apt-get)..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  if ! pg_lsclusters -h | grep -q online; then
    local version
    version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >&2
    pg_ctlcluster "$version" main start >&2
  fi
  for _ in $(seq 1 30); do as_postgres "psql -qAtc 'select 1'" >/dev/null 2>&1 && return; sleep 1; done
  echo "postgres.sh: PostgreSQL did not start" >&2; exit 1
}

case "${1:-}" in
  setup)
    ensure_running
    [[ -f "$quartz_jar" ]] || mvn -q -B dependency:get -Dartifact=org.quartz-scheduler:quartz:2.5.2 -Dtransitive=false >&2
    as_postgres "psql -qAtc \"select 1 from pg_roles where rolname='$user'\"" | grep -q 1 \
      || as_postgres "psql -qc \"create role $user login password '$password'\""
    if ! as_postgres "psql -qAtc \"select 1 from pg_database where datname='$db'\"" | grep -q 1; then
      as_postgres "createdb -O $user $db"
      unzip -p "$quartz_jar" org/quartz/impl/jdbcjobstore/tables_postgres.sql \
        | PGOPTIONS="--client-min-messages=warning" PGPASSWORD="$password" psql -q -h 127.0.0.1 -U "$user" -d "$db" -v ON_ERROR_STOP=1 >/dev/null
    fi
    echo "jdbc:postgresql://127.0.0.1:5432/$db"
    ;;
  drop)
    as_postgres "dropdb --if-exists $db"
    ;;
  *)
    echo "usage: $0 setup|drop" >&2; exit 2
    ;;
esac
