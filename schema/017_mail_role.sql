-- ngnpro:superuser
-- The role the mail forwarder (Postfix, config/postfix/) logs in as: SELECT on the views of
-- schema mail (014) and nothing else. The views read our tables with their owner's rights, so
-- the role needs none on ngnpro. Superuser because of CREATE ROLE and ALTER ROLE ... SET. The
-- role gets no password here: operators set one (ALTER ROLE postfix PASSWORD ...);
-- scripts/lib/pg.sh does for dev and test.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postfix') THEN
    CREATE ROLE postfix LOGIN;
  END IF;
  EXECUTE format('ALTER ROLE postfix IN DATABASE %I SET search_path = mail', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO postfix', current_database());
END $$;

GRANT USAGE ON SCHEMA mail TO postfix;
GRANT SELECT ON ALL TABLES IN SCHEMA mail TO postfix;
ALTER DEFAULT PRIVILEGES FOR ROLE ngnpro IN SCHEMA mail GRANT SELECT ON TABLES TO postfix;

REVOKE ALL ON SCHEMA ngnpro FROM postfix;
REVOKE ALL ON ALL TABLES IN SCHEMA ngnpro FROM postfix;
