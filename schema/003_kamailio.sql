-- Kamailio 5.6's own tables in schema kamailio, kept in step with our ngnpro tables by row
-- triggers inside the same transaction (research/consumers/SCHEMA-MAPPING.md, option b2).
-- ngnpro is the truth; nothing but these triggers and ngnpro.resync_kamailio() writes here.
--
-- Kamailio reads (role kamailio, SELECT only, search_path = kamailio: 004_kamailio_role.sql):
--   domain      domain module, cached         -> NOTIFY ngnpro_reload 'kamailio domain'
--   subscriber  auth_db, queried per request  (calculate_ha1=0: only ha1/ha1b are read)
--   grp         group, queried per request
--   dbaliases   alias_db, queried per request
--   trusted     permissions allow_trusted(), cached with db_mode=1  -> 'kamailio trusted'
--   address     permissions allow_source_address(), always cached   -> 'kamailio address'
-- NOTIFY is delivered on commit only, once per distinct payload per transaction; the reloader
-- (services::Reloader) runs the configured kamcmd commands.
--
-- Refusals raise, so the whole write rolls back. Custom SQLSTATEs, for the services to map:
--   NGK01  renaming a SIP domain (ha1/ha1b hash the realm = the domain)
--   NGK02  changing an account's username or domain without new ha1 AND ha1b (they hash both;
--          a rename with the old digests silently breaks authentication: SCHEMA-MAPPING §5)
-- Values longer than Kamailio's columns (64 characters for user names, domains, groups and
-- tags; 50 for addresses) fail with 22001 string_data_right_truncation, and a trusted peer ip
-- that is not an address or network with 22P02: validate these before writing.

CREATE SCHEMA kamailio;

-- ---------------------------------------------------------------------------------------------
-- Upstream DDL, copied verbatim (schema-qualified) from /usr/share/kamailio/postgres/
-- {standard,auth_db,domain,alias_db,group,permissions}-create.sql of Debian 12's
-- kamailio-postgres-modules 5.6.3-2 (Kamailio is GPL-2.0-or-later, like ngnpro). Kamailio checks
-- the version rows at start-up and refuses to run on a mismatch. On a Kamailio upgrade, diff the
-- new package's files against this block and add a migration.

CREATE TABLE kamailio.version (
    id SERIAL PRIMARY KEY NOT NULL,
    table_name VARCHAR(32) NOT NULL,
    table_version INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT version_table_name_idx UNIQUE (table_name)
);

INSERT INTO kamailio.version (table_name, table_version) values ('version','1');

CREATE TABLE kamailio.subscriber (
    id SERIAL PRIMARY KEY NOT NULL,
    username VARCHAR(64) DEFAULT '' NOT NULL,
    domain VARCHAR(64) DEFAULT '' NOT NULL,
    password VARCHAR(64) DEFAULT '' NOT NULL,
    ha1 VARCHAR(128) DEFAULT '' NOT NULL,
    ha1b VARCHAR(128) DEFAULT '' NOT NULL,
    CONSTRAINT subscriber_account_idx UNIQUE (username, domain)
);

CREATE INDEX subscriber_username_idx ON kamailio.subscriber (username);

INSERT INTO kamailio.version (table_name, table_version) values ('subscriber','7');

CREATE TABLE kamailio.domain (
    id SERIAL PRIMARY KEY NOT NULL,
    domain VARCHAR(64) NOT NULL,
    did VARCHAR(64) DEFAULT NULL,
    last_modified TIMESTAMP WITHOUT TIME ZONE DEFAULT '2000-01-01 00:00:01' NOT NULL,
    CONSTRAINT domain_domain_idx UNIQUE (domain)
);

INSERT INTO kamailio.version (table_name, table_version) values ('domain','2');

CREATE TABLE kamailio.domain_attrs (
    id SERIAL PRIMARY KEY NOT NULL,
    did VARCHAR(64) NOT NULL,
    name VARCHAR(32) NOT NULL,
    type INTEGER NOT NULL,
    value VARCHAR(255) NOT NULL,
    last_modified TIMESTAMP WITHOUT TIME ZONE DEFAULT '2000-01-01 00:00:01' NOT NULL
);

CREATE INDEX domain_attrs_domain_attrs_idx ON kamailio.domain_attrs (did, name);

INSERT INTO kamailio.version (table_name, table_version) values ('domain_attrs','1');

CREATE TABLE kamailio.dbaliases (
    id SERIAL PRIMARY KEY NOT NULL,
    alias_username VARCHAR(64) DEFAULT '' NOT NULL,
    alias_domain VARCHAR(64) DEFAULT '' NOT NULL,
    username VARCHAR(64) DEFAULT '' NOT NULL,
    domain VARCHAR(64) DEFAULT '' NOT NULL
);

CREATE INDEX dbaliases_alias_user_idx ON kamailio.dbaliases (alias_username);
CREATE INDEX dbaliases_alias_idx ON kamailio.dbaliases (alias_username, alias_domain);
CREATE INDEX dbaliases_target_idx ON kamailio.dbaliases (username, domain);

INSERT INTO kamailio.version (table_name, table_version) values ('dbaliases','1');

CREATE TABLE kamailio.grp (
    id SERIAL PRIMARY KEY NOT NULL,
    username VARCHAR(64) DEFAULT '' NOT NULL,
    domain VARCHAR(64) DEFAULT '' NOT NULL,
    grp VARCHAR(64) DEFAULT '' NOT NULL,
    last_modified TIMESTAMP WITHOUT TIME ZONE DEFAULT '2000-01-01 00:00:01' NOT NULL,
    CONSTRAINT grp_account_group_idx UNIQUE (username, domain, grp)
);

INSERT INTO kamailio.version (table_name, table_version) values ('grp','2');

CREATE TABLE kamailio.re_grp (
    id SERIAL PRIMARY KEY NOT NULL,
    reg_exp VARCHAR(128) DEFAULT '' NOT NULL,
    group_id INTEGER DEFAULT 0 NOT NULL
);

CREATE INDEX re_grp_group_idx ON kamailio.re_grp (group_id);

INSERT INTO kamailio.version (table_name, table_version) values ('re_grp','1');

CREATE TABLE kamailio.trusted (
    id SERIAL PRIMARY KEY NOT NULL,
    src_ip VARCHAR(50) NOT NULL,
    proto VARCHAR(4) NOT NULL,
    from_pattern VARCHAR(64) DEFAULT NULL,
    ruri_pattern VARCHAR(64) DEFAULT NULL,
    tag VARCHAR(64),
    priority INTEGER DEFAULT 0 NOT NULL
);

CREATE INDEX trusted_peer_idx ON kamailio.trusted (src_ip);

INSERT INTO kamailio.version (table_name, table_version) values ('trusted','6');

CREATE TABLE kamailio.address (
    id SERIAL PRIMARY KEY NOT NULL,
    grp INTEGER DEFAULT 1 NOT NULL,
    ip_addr VARCHAR(50) NOT NULL,
    mask INTEGER DEFAULT 32 NOT NULL,
    port SMALLINT DEFAULT 0 NOT NULL,
    tag VARCHAR(64)
);

INSERT INTO kamailio.version (table_name, table_version) values ('address','6');

-- ---------------------------------------------------------------------------------------------
-- Ours on top: provenance columns (Kamailio names its columns in every query, so it ignores
-- them), unique per source row so the triggers can upsert by them. Rows with NULL provenance
-- were not written by us.

ALTER TABLE kamailio.domain ADD COLUMN ngn_domain_id bigint;
CREATE UNIQUE INDEX domain_ngn_domain_id_idx ON kamailio.domain (ngn_domain_id);

ALTER TABLE kamailio.subscriber
    ADD COLUMN ngn_account_id bigint,
    -- 1 while the account is in group 'blocked' (api §8.8), for auth_db's load_credentials:
    --   modparam("auth_db", "load_credentials", "$avp(ngn_blocked)=ngn_blocked")
    ADD COLUMN ngn_blocked integer NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX subscriber_ngn_account_id_idx ON kamailio.subscriber (ngn_account_id);

-- One grp row per (account, group): also the index for the account's rows.
ALTER TABLE kamailio.grp ADD COLUMN ngn_account_id bigint;
CREATE UNIQUE INDEX grp_ngn_account_grp_idx ON kamailio.grp (ngn_account_id, grp);

ALTER TABLE kamailio.dbaliases ADD COLUMN ngn_alias_id bigint;
CREATE UNIQUE INDEX dbaliases_ngn_alias_id_idx ON kamailio.dbaliases (ngn_alias_id);
-- Upstream has only a plain index here; alias_db would pick an arbitrary one of two rows.
CREATE UNIQUE INDEX dbaliases_alias_key ON kamailio.dbaliases (alias_username, alias_domain);

ALTER TABLE kamailio.trusted ADD COLUMN ngn_peer_id bigint;
CREATE UNIQUE INDEX trusted_ngn_peer_id_idx ON kamailio.trusted (ngn_peer_id);

ALTER TABLE kamailio.address ADD COLUMN ngn_peer_id bigint;
CREATE UNIQUE INDEX address_ngn_peer_id_idx ON kamailio.address (ngn_peer_id);

-- ---------------------------------------------------------------------------------------------
-- The projection: what the Kamailio rows must be, as views over ngnpro. The triggers refresh
-- one source row at a time from these views and resync_kamailio() rebuilds from them, so both
-- produce the same rows by construction. They live in ngnpro, out of the kamailio role's sight.

CREATE VIEW ngnpro.kamailio_domain_v AS
SELECT d.id AS ngn_domain_id, d.domain, d.domain AS did
  FROM ngnpro.sip_domains d;

CREATE VIEW ngnpro.kamailio_subscriber_v AS
SELECT a.id AS ngn_account_id, a.username, d.domain,
       ''::text AS password,  -- never the clear text: Kamailio runs with calculate_ha1=0
       a.ha1, a.ha1b,
       (EXISTS (SELECT FROM ngnpro.sip_account_groups g
                 WHERE g.account_id = a.id AND g.name = 'blocked'))::integer AS ngn_blocked
  FROM ngnpro.sip_accounts a
  JOIN ngnpro.sip_domains d ON d.id = a.domain_id;

CREATE VIEW ngnpro.kamailio_grp_v AS
SELECT g.account_id AS ngn_account_id, a.username, d.domain, g.name AS grp
  FROM ngnpro.sip_account_groups g
  JOIN ngnpro.sip_accounts a ON a.id = g.account_id
  JOIN ngnpro.sip_domains d ON d.id = a.domain_id;

-- Alias targets are free SIP addresses (they may point outside our domains).
CREATE VIEW ngnpro.kamailio_dbaliases_v AS
SELECT s.id AS ngn_alias_id, s.username AS alias_username, d.domain AS alias_domain,
       s.target_username AS username, s.target_domain AS domain
  FROM ngnpro.sip_aliases s
  JOIN ngnpro.sip_domains d ON d.id = s.domain_id;

-- A peer's ip is an address or a network a.b.c.d/n (IPv6 too). Networks are stored as their
-- network address; a full-length mask (/32, /128) is a plain address.
CREATE VIEW ngnpro.kamailio_peer_v AS
SELECT p.id AS ngn_peer_id, host(network(n.net)) AS ip_addr, masklen(n.net) AS mask,
       masklen(n.net) = CASE family(n.net) WHEN 4 THEN 32 ELSE 128 END AS plain,
       p.protocol, NULLIF(p.tag, '') AS tag  -- '' would set Kamailio's peer_tag_avp to ""
  FROM ngnpro.trusted_peers p
 CROSS JOIN LATERAL (SELECT p.ip::inet AS net) n;

-- kamailio.trusted: plain addresses only (src_ip is compared as a string, a network never matches).
CREATE VIEW ngnpro.kamailio_trusted_v AS
SELECT v.ngn_peer_id, v.ip_addr AS src_ip, v.protocol AS proto, NULL::text AS from_pattern,
       NULL::text AS ruri_pattern, v.tag, 0 AS priority
  FROM ngnpro.kamailio_peer_v v
 WHERE v.plain;

-- kamailio.address: every peer, group 1, any port.
CREATE VIEW ngnpro.kamailio_address_v AS
SELECT v.ngn_peer_id, 1 AS grp, v.ip_addr, v.mask, 0 AS port, v.tag
  FROM ngnpro.kamailio_peer_v v;

-- ---------------------------------------------------------------------------------------------
-- Refresh functions: make the Kamailio rows of ONE source row equal the projection (insert,
-- update or delete), touching nothing when they already are, and NOTIFY when a cached table
-- changed. They read the current state, so they are idempotent and order does not matter.

CREATE FUNCTION ngnpro.kamailio_refresh_domain(p_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  n_ins integer;
  n_del integer;
BEGIN
  INSERT INTO kamailio.domain (domain, did, last_modified, ngn_domain_id)
  SELECT v.domain, v.did, localtimestamp, v.ngn_domain_id
    FROM ngnpro.kamailio_domain_v v WHERE v.ngn_domain_id = p_id
  ON CONFLICT (ngn_domain_id) DO UPDATE
     SET domain = EXCLUDED.domain, did = EXCLUDED.did, last_modified = EXCLUDED.last_modified
   WHERE (domain.domain, domain.did) IS DISTINCT FROM (EXCLUDED.domain, EXCLUDED.did);
  GET DIAGNOSTICS n_ins = ROW_COUNT;
  DELETE FROM kamailio.domain k
   WHERE k.ngn_domain_id = p_id
     AND NOT EXISTS (SELECT FROM ngnpro.kamailio_domain_v v WHERE v.ngn_domain_id = p_id);
  GET DIAGNOSTICS n_del = ROW_COUNT;
  IF n_ins + n_del > 0 THEN
    PERFORM pg_notify('ngnpro_reload', 'kamailio domain');
  END IF;
END $$;

-- The account's subscriber row (with ngn_blocked) and all its grp rows.
CREATE FUNCTION ngnpro.kamailio_refresh_account(p_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kamailio.subscriber (username, domain, password, ha1, ha1b, ngn_account_id, ngn_blocked)
  SELECT v.username, v.domain, v.password, v.ha1, v.ha1b, v.ngn_account_id, v.ngn_blocked
    FROM ngnpro.kamailio_subscriber_v v WHERE v.ngn_account_id = p_id
  ON CONFLICT (ngn_account_id) DO UPDATE
     SET username = EXCLUDED.username, domain = EXCLUDED.domain, password = EXCLUDED.password,
         ha1 = EXCLUDED.ha1, ha1b = EXCLUDED.ha1b, ngn_blocked = EXCLUDED.ngn_blocked
   WHERE (subscriber.username, subscriber.domain, subscriber.password, subscriber.ha1,
          subscriber.ha1b, subscriber.ngn_blocked)
         IS DISTINCT FROM (EXCLUDED.username, EXCLUDED.domain, EXCLUDED.password, EXCLUDED.ha1,
                           EXCLUDED.ha1b, EXCLUDED.ngn_blocked);
  DELETE FROM kamailio.subscriber k
   WHERE k.ngn_account_id = p_id
     AND NOT EXISTS (SELECT FROM ngnpro.kamailio_subscriber_v v WHERE v.ngn_account_id = p_id);

  -- Groups: drop the rows that went, then add or rename the rest. Deleting first keeps the
  -- (username, domain, grp) constraint satisfied in between.
  DELETE FROM kamailio.grp k
   WHERE k.ngn_account_id = p_id
     AND NOT EXISTS (SELECT FROM ngnpro.kamailio_grp_v v
                      WHERE v.ngn_account_id = p_id AND v.grp = k.grp);
  INSERT INTO kamailio.grp (username, domain, grp, last_modified, ngn_account_id)
  SELECT v.username, v.domain, v.grp, localtimestamp, v.ngn_account_id
    FROM ngnpro.kamailio_grp_v v WHERE v.ngn_account_id = p_id
  ON CONFLICT (ngn_account_id, grp) DO UPDATE
     SET username = EXCLUDED.username, domain = EXCLUDED.domain, last_modified = EXCLUDED.last_modified
   WHERE (grp.username, grp.domain) IS DISTINCT FROM (EXCLUDED.username, EXCLUDED.domain);
END $$;

CREATE FUNCTION ngnpro.kamailio_refresh_alias(p_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kamailio.dbaliases (alias_username, alias_domain, username, domain, ngn_alias_id)
  SELECT v.alias_username, v.alias_domain, v.username, v.domain, v.ngn_alias_id
    FROM ngnpro.kamailio_dbaliases_v v WHERE v.ngn_alias_id = p_id
  ON CONFLICT (ngn_alias_id) DO UPDATE
     SET alias_username = EXCLUDED.alias_username, alias_domain = EXCLUDED.alias_domain,
         username = EXCLUDED.username, domain = EXCLUDED.domain
   WHERE (dbaliases.alias_username, dbaliases.alias_domain, dbaliases.username, dbaliases.domain)
         IS DISTINCT FROM (EXCLUDED.alias_username, EXCLUDED.alias_domain, EXCLUDED.username,
                           EXCLUDED.domain);
  DELETE FROM kamailio.dbaliases k
   WHERE k.ngn_alias_id = p_id
     AND NOT EXISTS (SELECT FROM ngnpro.kamailio_dbaliases_v v WHERE v.ngn_alias_id = p_id);
END $$;

-- The peer's address row, and its trusted row while it is a plain address.
CREATE FUNCTION ngnpro.kamailio_refresh_peer(p_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  n integer;
  trusted_changed boolean := false;
  address_changed boolean := false;
BEGIN
  INSERT INTO kamailio.trusted (src_ip, proto, from_pattern, ruri_pattern, tag, priority, ngn_peer_id)
  SELECT v.src_ip, v.proto, v.from_pattern, v.ruri_pattern, v.tag, v.priority, v.ngn_peer_id
    FROM ngnpro.kamailio_trusted_v v WHERE v.ngn_peer_id = p_id
  ON CONFLICT (ngn_peer_id) DO UPDATE
     SET src_ip = EXCLUDED.src_ip, proto = EXCLUDED.proto, from_pattern = EXCLUDED.from_pattern,
         ruri_pattern = EXCLUDED.ruri_pattern, tag = EXCLUDED.tag, priority = EXCLUDED.priority
   WHERE (trusted.src_ip, trusted.proto, trusted.from_pattern, trusted.ruri_pattern, trusted.tag,
          trusted.priority)
         IS DISTINCT FROM (EXCLUDED.src_ip, EXCLUDED.proto, EXCLUDED.from_pattern,
                           EXCLUDED.ruri_pattern, EXCLUDED.tag, EXCLUDED.priority);
  GET DIAGNOSTICS n = ROW_COUNT;
  trusted_changed := n > 0;
  DELETE FROM kamailio.trusted k
   WHERE k.ngn_peer_id = p_id
     AND NOT EXISTS (SELECT FROM ngnpro.kamailio_trusted_v v WHERE v.ngn_peer_id = p_id);
  GET DIAGNOSTICS n = ROW_COUNT;
  trusted_changed := trusted_changed OR n > 0;

  INSERT INTO kamailio.address (grp, ip_addr, mask, port, tag, ngn_peer_id)
  SELECT v.grp, v.ip_addr, v.mask, v.port, v.tag, v.ngn_peer_id
    FROM ngnpro.kamailio_address_v v WHERE v.ngn_peer_id = p_id
  ON CONFLICT (ngn_peer_id) DO UPDATE
     SET grp = EXCLUDED.grp, ip_addr = EXCLUDED.ip_addr, mask = EXCLUDED.mask,
         port = EXCLUDED.port, tag = EXCLUDED.tag
   WHERE (address.grp, address.ip_addr, address.mask, address.port, address.tag)
         IS DISTINCT FROM (EXCLUDED.grp, EXCLUDED.ip_addr, EXCLUDED.mask, EXCLUDED.port,
                           EXCLUDED.tag);
  GET DIAGNOSTICS n = ROW_COUNT;
  address_changed := n > 0;
  DELETE FROM kamailio.address k
   WHERE k.ngn_peer_id = p_id
     AND NOT EXISTS (SELECT FROM ngnpro.kamailio_address_v v WHERE v.ngn_peer_id = p_id);
  GET DIAGNOSTICS n = ROW_COUNT;
  address_changed := address_changed OR n > 0;

  IF trusted_changed THEN
    PERFORM pg_notify('ngnpro_reload', 'kamailio trusted');
  END IF;
  IF address_changed THEN
    PERFORM pg_notify('ngnpro_reload', 'kamailio address');
  END IF;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Row triggers: guards first, then refresh what the row feeds. AFTER triggers see the final
-- state of the statement, which is what the refresh functions read.

CREATE FUNCTION ngnpro.kamailio_sync_domain() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.domain <> OLD.domain THEN
    RAISE EXCEPTION 'SIP domain % cannot be renamed to %', OLD.domain, NEW.domain
      USING ERRCODE = 'NGK01',
            DETAIL = 'Every account''s ha1/ha1b hashes the domain (the digest realm).',
            HINT = 'Create the new domain, re-create its accounts with their passwords, delete the old one.';
  END IF;
  PERFORM ngnpro.kamailio_refresh_domain(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

CREATE FUNCTION ngnpro.kamailio_sync_account() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.username <> OLD.username OR NEW.domain_id <> OLD.domain_id)
       AND (NEW.ha1 = OLD.ha1 OR NEW.ha1b = OLD.ha1b) THEN
      RAISE EXCEPTION 'SIP account % cannot change its username or domain without new ha1 and ha1b', OLD.id
        USING ERRCODE = 'NGK02',
              DETAIL = 'ha1 and ha1b hash the username and the domain; the old digests would fail every login.';
    END IF;
    IF NEW.username = OLD.username AND NEW.domain_id = OLD.domain_id
       AND NEW.ha1 = OLD.ha1 AND NEW.ha1b = OLD.ha1b THEN
      RETURN NULL;  -- names, e-mail, quota ...: nothing Kamailio reads
    END IF;
  END IF;
  PERFORM ngnpro.kamailio_refresh_account(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

CREATE FUNCTION ngnpro.kamailio_sync_account_group() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM ngnpro.kamailio_refresh_account(OLD.account_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.account_id <> OLD.account_id) THEN
    PERFORM ngnpro.kamailio_refresh_account(NEW.account_id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION ngnpro.kamailio_sync_alias() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ngnpro.kamailio_refresh_alias(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

CREATE FUNCTION ngnpro.kamailio_sync_peer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ngnpro.kamailio_refresh_peer(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

-- TRUNCATE fires no row triggers: clear what came from the emptied table (statement level).
CREATE FUNCTION ngnpro.kamailio_sync_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'sip_domains' THEN
      DELETE FROM kamailio.domain WHERE ngn_domain_id IS NOT NULL;
      PERFORM pg_notify('ngnpro_reload', 'kamailio domain');
    WHEN 'sip_accounts' THEN
      DELETE FROM kamailio.subscriber WHERE ngn_account_id IS NOT NULL;
      DELETE FROM kamailio.grp WHERE ngn_account_id IS NOT NULL;
    WHEN 'sip_account_groups' THEN
      DELETE FROM kamailio.grp WHERE ngn_account_id IS NOT NULL;
      UPDATE kamailio.subscriber SET ngn_blocked = 0 WHERE ngn_account_id IS NOT NULL AND ngn_blocked <> 0;
    WHEN 'sip_aliases' THEN
      DELETE FROM kamailio.dbaliases WHERE ngn_alias_id IS NOT NULL;
    WHEN 'trusted_peers' THEN
      DELETE FROM kamailio.trusted WHERE ngn_peer_id IS NOT NULL;
      DELETE FROM kamailio.address WHERE ngn_peer_id IS NOT NULL;
      PERFORM pg_notify('ngnpro_reload', 'kamailio trusted');
      PERFORM pg_notify('ngnpro_reload', 'kamailio address');
  END CASE;
  RETURN NULL;
END $$;

CREATE TRIGGER kamailio_sync AFTER INSERT OR UPDATE OR DELETE ON ngnpro.sip_domains
  FOR EACH ROW EXECUTE FUNCTION ngnpro.kamailio_sync_domain();
CREATE TRIGGER kamailio_sync AFTER INSERT OR UPDATE OR DELETE ON ngnpro.sip_accounts
  FOR EACH ROW EXECUTE FUNCTION ngnpro.kamailio_sync_account();
CREATE TRIGGER kamailio_sync AFTER INSERT OR UPDATE OR DELETE ON ngnpro.sip_account_groups
  FOR EACH ROW EXECUTE FUNCTION ngnpro.kamailio_sync_account_group();
CREATE TRIGGER kamailio_sync AFTER INSERT OR UPDATE OR DELETE ON ngnpro.sip_aliases
  FOR EACH ROW EXECUTE FUNCTION ngnpro.kamailio_sync_alias();
CREATE TRIGGER kamailio_sync AFTER INSERT OR UPDATE OR DELETE ON ngnpro.trusted_peers
  FOR EACH ROW EXECUTE FUNCTION ngnpro.kamailio_sync_peer();

CREATE TRIGGER kamailio_sync_truncate AFTER TRUNCATE ON ngnpro.sip_domains
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_truncate();
CREATE TRIGGER kamailio_sync_truncate AFTER TRUNCATE ON ngnpro.sip_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_truncate();
CREATE TRIGGER kamailio_sync_truncate AFTER TRUNCATE ON ngnpro.sip_account_groups
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_truncate();
CREATE TRIGGER kamailio_sync_truncate AFTER TRUNCATE ON ngnpro.sip_aliases
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_truncate();
CREATE TRIGGER kamailio_sync_truncate AFTER TRUNCATE ON ngnpro.trusted_peers
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_truncate();

-- ---------------------------------------------------------------------------------------------
-- Repair: rebuild every table we maintain from the projection (after a restore, an upgrade of
-- this file, or hand edits). Rows not written by us are removed too: ngnpro is the truth.
-- domain_attrs and re_grp are not ours and are left alone. DELETE rather than TRUNCATE, so
-- Kamailio keeps reading the old rows (MVCC) until the commit instead of waiting on a lock.
-- Returns the number of rows written; NOTIFYs every reload.
CREATE FUNCTION ngnpro.resync_kamailio() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  total bigint := 0;
  n bigint;
BEGIN
  -- Wait for writers in flight and keep new ones out until we commit (readers go on); the mode
  -- also conflicts with itself, so two resyncs run one after the other.
  LOCK TABLE ngnpro.sip_domains, ngnpro.sip_accounts, ngnpro.sip_account_groups,
             ngnpro.sip_aliases, ngnpro.trusted_peers IN SHARE ROW EXCLUSIVE MODE;

  DELETE FROM kamailio.domain;
  DELETE FROM kamailio.subscriber;
  DELETE FROM kamailio.grp;
  DELETE FROM kamailio.dbaliases;
  DELETE FROM kamailio.trusted;
  DELETE FROM kamailio.address;

  INSERT INTO kamailio.domain (domain, did, last_modified, ngn_domain_id)
  SELECT domain, did, localtimestamp, ngn_domain_id FROM ngnpro.kamailio_domain_v;
  GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
  INSERT INTO kamailio.subscriber (username, domain, password, ha1, ha1b, ngn_account_id, ngn_blocked)
  SELECT username, domain, password, ha1, ha1b, ngn_account_id, ngn_blocked
    FROM ngnpro.kamailio_subscriber_v;
  GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
  INSERT INTO kamailio.grp (username, domain, grp, last_modified, ngn_account_id)
  SELECT username, domain, grp, localtimestamp, ngn_account_id FROM ngnpro.kamailio_grp_v;
  GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
  INSERT INTO kamailio.dbaliases (alias_username, alias_domain, username, domain, ngn_alias_id)
  SELECT alias_username, alias_domain, username, domain, ngn_alias_id FROM ngnpro.kamailio_dbaliases_v;
  GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
  INSERT INTO kamailio.trusted (src_ip, proto, from_pattern, ruri_pattern, tag, priority, ngn_peer_id)
  SELECT src_ip, proto, from_pattern, ruri_pattern, tag, priority, ngn_peer_id
    FROM ngnpro.kamailio_trusted_v;
  GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
  INSERT INTO kamailio.address (grp, ip_addr, mask, port, tag, ngn_peer_id)
  SELECT grp, ip_addr, mask, port, tag, ngn_peer_id FROM ngnpro.kamailio_address_v;
  GET DIAGNOSTICS n = ROW_COUNT; total := total + n;

  PERFORM pg_notify('ngnpro_reload', 'kamailio domain');
  PERFORM pg_notify('ngnpro_reload', 'kamailio trusted');
  PERFORM pg_notify('ngnpro_reload', 'kamailio address');
  RETURN total;
END $$;

-- Functions are executable by PUBLIC by default; only ngnpro has business calling these.
REVOKE EXECUTE ON FUNCTION
  ngnpro.kamailio_refresh_domain(bigint), ngnpro.kamailio_refresh_account(bigint),
  ngnpro.kamailio_refresh_alias(bigint), ngnpro.kamailio_refresh_peer(bigint),
  ngnpro.resync_kamailio()
  FROM PUBLIC;
