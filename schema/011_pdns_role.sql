-- ngnpro:superuser
-- The role PowerDNS logs in as: SELECT on schema pdns and nothing else (SCHEMA-MAPPING §5).
-- NATIVE zones and no DNSSEC: PowerDNS never writes. It never sees schema ngnpro.
-- Superuser because of ALTER ROLE ... SET. The role gets no password here: operators set one
-- (ALTER ROLE pdns PASSWORD ...); scripts/lib/pg.sh does for dev and test.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pdns') THEN
    CREATE ROLE pdns LOGIN;
  END IF;
  EXECUTE format('ALTER ROLE pdns IN DATABASE %I SET search_path = pdns', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO pdns', current_database());
END $$;

GRANT USAGE ON SCHEMA pdns TO pdns;
GRANT SELECT ON ALL TABLES IN SCHEMA pdns TO pdns;
ALTER DEFAULT PRIVILEGES FOR ROLE ngnpro IN SCHEMA pdns GRANT SELECT ON TABLES TO pdns;

REVOKE ALL ON SCHEMA ngnpro FROM pdns;
REVOKE ALL ON ALL TABLES IN SCHEMA ngnpro FROM pdns;
