# shellcheck shell=bash
# scripts/lib/migrate.sh: apply schema/NNN_*.sql to database ngnpro, in numeric order.
# Sourced after common.sh and pg.sh; call migrate_apply after pg_up.
#
# Conventions for schema/ (read these before adding a migration)
#   * Name: NNN_name.sql, NNN = the version (digits, unique), name = [A-Za-z0-9_.-].
#     Files are applied in numeric version order. Other files in schema/ are ignored.
#   * One transaction per file: the file and the INSERT of its row into
#     public.schema_version(version, name, applied_at) run together in
#     `psql -v ON_ERROR_STOP=1 --single-transaction`. A file that fails leaves nothing behind
#     and stops the run. Hence a file must not contain BEGIN/COMMIT/ROLLBACK of its own (checked),
#     nor statements that cannot run inside a transaction (CREATE DATABASE, VACUUM,
#     CREATE INDEX CONCURRENTLY, ALTER SYSTEM).
#   * A file already recorded in schema_version is skipped, so running again is a no-op.
#     Never edit a file that has been applied anywhere: add a new one.
#   * Default: the file runs as role ngnpro (owner of database ngnpro) over TCP 127.0.0.1, so
#     whatever it creates is owned by ngnpro.
#   * Superuser marker: when the FIRST line of the file is exactly
#         -- ngnpro:superuser
#     the file runs as superuser postgres over the cluster's unix socket instead (for
#     ALTER ROLE ... SET search_path, untrusted extensions, ...). Objects it creates belong to
#     postgres unless it changes their owner: keep such files to what needs a superuser.
#     Roles named in pg.sh (ngnpro and NGNPRO_CONSUMER_ROLES) exist before any file runs.
#   * 000_schema_version.sql bootstraps the record table. It runs first on every run (so it
#     must stay idempotent) and is then recorded as version 0 like any other file.
#
#   migrate_apply    prints one line per file applied, then a summary line

NGNPRO_SUPERUSER_MARKER='-- ngnpro:superuser'

migrate_apply() {
  local dir=$NGNPRO_SOURCE_DIR/schema t0 t1 f base ver first out line max_applied=-1
  local n_applied=0 n_skipped=0 as
  local -A applied=() files=()
  local -a versions=()
  t0=$(now_us)
  [[ -f $dir/000_schema_version.sql ]] || die "migrate: $dir/000_schema_version.sql is missing"
  pg_psql_as "$NGNPRO_DB_OWNER" -f "$dir/000_schema_version.sql"

  out=$(pg_psql_as "$NGNPRO_DB_OWNER" -At -F '|' -c 'SELECT version, name FROM public.schema_version ORDER BY version')
  while IFS='|' read -r ver base; do
    [[ -n $ver ]] || continue
    applied[$ver]=$base
    if ((ver > max_applied)); then max_applied=$ver; fi
  done <<<"$out"

  for f in "$dir"/*.sql; do
    [[ -e $f ]] || continue
    base=${f##*/}
    if [[ ! $base =~ ^([0-9]+)_[A-Za-z0-9_.-]+\.sql$ ]]; then
      warn "migrate: ignoring schema/$base (not NNN_name.sql)"
      continue
    fi
    ver=$((10#${BASH_REMATCH[1]}))
    [[ -z ${files[$ver]:-} ]] || die "migrate: version $ver is used twice: schema/${files[$ver]} and schema/$base"
    files[$ver]=$base
  done
  mapfile -t versions < <(printf '%s\n' "${!files[@]}" | sort -n)

  for ver in "${!applied[@]}"; do
    [[ -n ${files[$ver]:-} ]] || warn "migrate: version $ver (${applied[$ver]}) is recorded but its file is gone"
  done

  for ver in "${versions[@]}"; do
    base=${files[$ver]}
    f=$dir/$base
    if [[ -n ${applied[$ver]+set} ]]; then
      [[ ${applied[$ver]} == "$base" ]] ||
        warn "migrate: version $ver is recorded as ${applied[$ver]} but the file is now $base (not re-applied)"
      n_skipped=$((n_skipped + 1))
      continue
    fi
    if grep -Eiq '^[[:space:]]*(BEGIN|COMMIT|ROLLBACK|START[[:space:]]+TRANSACTION)([[:space:]]+(WORK|TRANSACTION))?[[:space:]]*;' "$f"; then
      die "migrate: schema/$base has its own BEGIN/COMMIT/ROLLBACK; remove it (each file already runs in one transaction)"
    fi
    first=
    IFS= read -r first <"$f" || true
    first=${first%$'\r'}
    first=${first%"${first##*[![:space:]]}"}
    t1=$(now_us)
    local -a run=(pg_psql_as "$NGNPRO_DB_OWNER")
    as=ngnpro
    if [[ $first == "$NGNPRO_SUPERUSER_MARKER" ]]; then
      run=(pg_psql_super "$NGNPRO_DB")
      as=postgres
    fi
    if ! "${run[@]}" --single-transaction -f "$f" \
         -c "INSERT INTO public.schema_version (version, name) VALUES ($ver, '$base')"; then
      die "migrate: schema/$base failed as $as; rolled back, nothing of it was applied"
    fi
    line="migrate: applied schema/$base as $as ($(elapsed "$t1"))"
    if ((ver < max_applied)); then line+=" [out of order: version $max_applied was already applied]"; fi
    log "$line"
    n_applied=$((n_applied + 1))
  done
  log "migrate: $n_applied applied, $n_skipped already recorded, database at version ${versions[-1]} ($(elapsed "$t0"))"
}
