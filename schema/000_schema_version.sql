-- Bootstrap of the migration record. scripts/lib/migrate.sh runs this file first on every run
-- (so it must stay idempotent) and records it as version 0. One row per applied
-- schema/NNN_*.sql file; see the conventions at the top of scripts/lib/migrate.sh.
CREATE TABLE IF NOT EXISTS public.schema_version (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
