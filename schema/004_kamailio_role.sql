-- ngnpro:superuser
-- The role Kamailio logs in as: SELECT on schema kamailio and nothing else (SCHEMA-MAPPING §5).
-- With usrloc db_mode 0 (registrations in memory) Kamailio never writes. It never sees schema
-- ngnpro (customers, credit, clear-text passwords): ngnpro grants nothing there to anyone.
-- Superuser because of CREATE ROLE and ALTER ROLE ... SET. The role gets no password here:
-- operators set one (ALTER ROLE kamailio PASSWORD ...); scripts/lib/pg.sh does for dev and test.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kamailio') THEN
    CREATE ROLE kamailio LOGIN;
  END IF;
  -- Kamailio queries unqualified names (subscriber, domain, ...).
  EXECUTE format('ALTER ROLE kamailio IN DATABASE %I SET search_path = kamailio', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO kamailio', current_database());
END $$;

GRANT USAGE ON SCHEMA kamailio TO kamailio;
GRANT SELECT ON ALL TABLES IN SCHEMA kamailio TO kamailio;
-- Tables later migrations (running as ngnpro) add to the schema: lcr_*, dialplan, ...
ALTER DEFAULT PRIVILEGES FOR ROLE ngnpro IN SCHEMA kamailio GRANT SELECT ON TABLES TO kamailio;

-- Belt and braces: nothing in ngnpro, whatever a grant to PUBLIC might have given.
REVOKE ALL ON SCHEMA ngnpro FROM kamailio;
REVOKE ALL ON ALL TABLES IN SCHEMA ngnpro FROM kamailio;
