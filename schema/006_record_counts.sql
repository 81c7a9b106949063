-- How many SIP accounts and aliases each domain, customer and reseller holds, kept by triggers
-- in the writing transaction. Credit checks (api §8.5) read one row instead of counting a
-- reseller's accounts on every add, and list totals (api §3) of a domain's accounts read one
-- row instead of counting a million.
--
-- Levels: 'domain' counts the records in the domain; 'customer' those of domains with
-- customer_id = holder; 'reseller' those of domains with reseller_id = holder (what the count
-- queries over sip_domains said before this file). Records inherit their owners from the domain,
-- so moving a domain moves its counts.
--
-- Lock order. Every writer takes record_counts rows in one order: kind (sip_account before
-- sip_alias), then level (domain, then customer, then reseller), then holder id. So concurrent
-- writers queue instead of deadlocking. One statement keeps the order by itself (the functions
-- below sort); a transaction that changes both kinds must change accounts before aliases
-- (deleteAccount deletes the account, then the aliases that led to it).
--
-- A domain's row is locked before its owners are read: an add waiting behind a domain move
-- then counts towards the new owner, and a move waiting behind an add moves the count with it.
--
-- Bulk loads that bypass triggers (session_replication_role = replica, COPY into a disabled
-- trigger) leave the counts behind: run SELECT ngnpro.recount_records() afterwards.

CREATE TABLE ngnpro.record_counts (
    kind       text   NOT NULL CHECK (kind IN ('sip_account', 'sip_alias')),
    level      text   NOT NULL CHECK (level IN ('domain', 'customer', 'reseller')),
    holder_id  bigint NOT NULL,
    n          bigint NOT NULL CHECK (n >= 0),
    PRIMARY KEY (kind, level, holder_id)
);

-- The truth the table must equal: recount_records() writes it, tests compare against it.
CREATE VIEW ngnpro.record_counts_v AS
WITH records AS (
  SELECT 'sip_account' AS kind, domain_id FROM ngnpro.sip_accounts
  UNION ALL
  SELECT 'sip_alias', domain_id FROM ngnpro.sip_aliases
)
SELECT r.kind, 'domain' AS level, r.domain_id AS holder_id, count(*) AS n
  FROM records r GROUP BY r.kind, r.domain_id
UNION ALL
SELECT r.kind, 'customer', d.customer_id, count(*)
  FROM records r JOIN ngnpro.sip_domains d ON d.id = r.domain_id
 WHERE d.customer_id IS NOT NULL GROUP BY r.kind, d.customer_id
UNION ALL
SELECT r.kind, 'reseller', d.reseller_id, count(*)
  FROM records r JOIN ngnpro.sip_domains d ON d.id = r.domain_id
 WHERE d.reseller_id IS NOT NULL GROUP BY r.kind, d.reseller_id;

-- One count up or down. A count that would fall below zero, or that is missing when records
-- are deleted, was bypassed (see the top of this file): refuse, so the write rolls back and the
-- operator recounts, rather than silently drift.
CREATE FUNCTION ngnpro.add_record_count(p_kind text, p_level text, p_holder bigint, p_delta bigint)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_delta > 0 THEN
    INSERT INTO ngnpro.record_counts AS c (kind, level, holder_id, n)
    VALUES (p_kind, p_level, p_holder, p_delta)
    ON CONFLICT (kind, level, holder_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN;
  END IF;
  UPDATE ngnpro.record_counts c SET n = c.n + p_delta
   WHERE c.kind = p_kind AND c.level = p_level AND c.holder_id = p_holder AND c.n + p_delta >= 0;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'record count % of % % is out of step with the records', p_kind, p_level, p_holder
      USING ERRCODE = 'NGC01',
            HINT = 'Records were written with triggers bypassed: run SELECT ngnpro.recount_records().';
  END IF;
END $$;

-- Adds deltas to (level, holder) counts of one kind, one row at a time in (level, holder) order.
-- Levels sort by name, and 'customer' < 'reseller' is the lock order; 'domain' rows go through
-- add_domain_record_counts, which takes them before any owner row.
CREATE FUNCTION ngnpro.add_owner_record_counts(p_kind text, p_levels text[], p_holders bigint[],
                                               p_deltas bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT u.level, u.holder_id, sum(u.delta)::bigint AS delta
      FROM unnest(p_levels, p_holders, p_deltas) AS u(level, holder_id, delta)
     WHERE u.holder_id IS NOT NULL
     GROUP BY u.level, u.holder_id
    HAVING sum(u.delta) <> 0
     ORDER BY u.level, u.holder_id
  LOOP
    PERFORM ngnpro.add_record_count(p_kind, r.level, r.holder_id, r.delta);
  END LOOP;
END $$;

-- Adds per-domain deltas of one kind to the domains, then to their customers and resellers.
CREATE FUNCTION ngnpro.add_domain_record_counts(p_kind text, p_domains bigint[], p_deltas bigint[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  levels text[];
  holders bigint[];
  deltas bigint[];
BEGIN
  FOR r IN
    SELECT u.domain_id, sum(u.delta)::bigint AS delta
      FROM unnest(p_domains, p_deltas) AS u(domain_id, delta)
     GROUP BY u.domain_id
    HAVING sum(u.delta) <> 0
     ORDER BY u.domain_id
  LOOP
    PERFORM ngnpro.add_record_count(p_kind, 'domain', r.domain_id, r.delta);
  END LOOP;

  -- A new statement, so a new snapshot: owners as they are now that the domain rows are ours.
  SELECT array_agg(o.level), array_agg(o.holder_id), array_agg(o.delta)
    INTO levels, holders, deltas
    FROM unnest(p_domains, p_deltas) AS u(domain_id, delta)
    JOIN ngnpro.sip_domains d ON d.id = u.domain_id
   CROSS JOIN LATERAL (VALUES ('customer', d.customer_id, u.delta),
                              ('reseller', d.reseller_id, u.delta)) AS o(level, holder_id, delta);
  IF levels IS NOT NULL THEN
    PERFORM ngnpro.add_owner_record_counts(p_kind, levels, holders, deltas);
  END IF;
END $$;

CREATE FUNCTION ngnpro.record_kind(p_table name) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_table WHEN 'sip_accounts' THEN 'sip_account' WHEN 'sip_aliases' THEN 'sip_alias' END
$$;

-- Statement triggers: one sorted pass per statement, however many rows it wrote. Each trigger
-- declares the one transition table its branch reads.
CREATE FUNCTION ngnpro.count_written_records() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  domains bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(domain_id) INTO domains FROM new_records;
  ELSE
    SELECT array_agg(domain_id) INTO domains FROM old_records;
  END IF;
  IF domains IS NOT NULL THEN
    PERFORM ngnpro.add_domain_record_counts(
      ngnpro.record_kind(TG_TABLE_NAME), domains,
      array_fill(CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END::bigint, ARRAY[cardinality(domains)]));
  END IF;
  RETURN NULL;
END $$;

-- A record moved to another domain (no API call does this; hand edits may). Row level, so that
-- ordinary updates, which keep domain_id, pay nothing.
CREATE FUNCTION ngnpro.count_moved_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ngnpro.add_domain_record_counts(ngnpro.record_kind(TG_TABLE_NAME),
                                          ARRAY[OLD.domain_id, NEW.domain_id], ARRAY[-1, 1]::bigint[]);
  RETURN NULL;
END $$;

-- A domain given to another customer or reseller carries its counts along (api §8.5).
CREATE FUNCTION ngnpro.count_moved_domain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k text;
  moved bigint;
BEGIN
  FOREACH k IN ARRAY ARRAY['sip_account', 'sip_alias'] LOOP
    -- Locked first: adds and deletes in this domain wait, or are waited for, before we read.
    -- The row is created if missing, so that a first add in flight is waited for as well.
    INSERT INTO ngnpro.record_counts (kind, level, holder_id, n) VALUES (k, 'domain', NEW.id, 0)
    ON CONFLICT (kind, level, holder_id) DO NOTHING;
    SELECT c.n INTO moved FROM ngnpro.record_counts c
     WHERE c.kind = k AND c.level = 'domain' AND c.holder_id = NEW.id
       FOR UPDATE;
    CONTINUE WHEN COALESCE(moved, 0) = 0;
    PERFORM ngnpro.add_owner_record_counts(
      k,
      ARRAY['customer', 'customer', 'reseller', 'reseller'],
      ARRAY[OLD.customer_id, NEW.customer_id, OLD.reseller_id, NEW.reseller_id],
      ARRAY[-moved, moved, -moved, moved]);
  END LOOP;
  RETURN NULL;
END $$;

-- An empty domain's rows go with it (deleteDomain is refused while records remain).
CREATE FUNCTION ngnpro.forget_domain_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ngnpro.record_counts WHERE level = 'domain' AND holder_id = OLD.id;
  RETURN NULL;
END $$;

-- TRUNCATE fires no row or statement DELETE triggers.
CREATE FUNCTION ngnpro.forget_truncated_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ngnpro.record_counts WHERE kind = ngnpro.record_kind(TG_TABLE_NAME);
  RETURN NULL;
END $$;

-- The same four triggers on each counted table.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sip_accounts', 'sip_aliases'] LOOP
    EXECUTE format('CREATE TRIGGER record_counts_insert AFTER INSERT ON ngnpro.%I'
                   ' REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT'
                   ' EXECUTE FUNCTION ngnpro.count_written_records()', t);
    EXECUTE format('CREATE TRIGGER record_counts_delete AFTER DELETE ON ngnpro.%I'
                   ' REFERENCING OLD TABLE AS old_records FOR EACH STATEMENT'
                   ' EXECUTE FUNCTION ngnpro.count_written_records()', t);
    EXECUTE format('CREATE TRIGGER record_counts_move AFTER UPDATE OF domain_id ON ngnpro.%I'
                   ' FOR EACH ROW WHEN (OLD.domain_id <> NEW.domain_id)'
                   ' EXECUTE FUNCTION ngnpro.count_moved_record()', t);
    EXECUTE format('CREATE TRIGGER record_counts_truncate AFTER TRUNCATE ON ngnpro.%I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.forget_truncated_counts()', t);
  END LOOP;
END $$;

CREATE TRIGGER record_counts_move AFTER UPDATE OF customer_id, reseller_id ON ngnpro.sip_domains
  FOR EACH ROW
  WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.reseller_id IS DISTINCT FROM NEW.reseller_id)
  EXECUTE FUNCTION ngnpro.count_moved_domain();
CREATE TRIGGER record_counts_forget AFTER DELETE ON ngnpro.sip_domains
  FOR EACH ROW EXECUTE FUNCTION ngnpro.forget_domain_counts();

-- Repair: rebuild the table from the records (after a bulk load without triggers, a restore).
-- Returns the number of rows written.
CREATE FUNCTION ngnpro.recount_records() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  -- Writers in flight finish first and new ones wait until we commit; readers go on.
  LOCK TABLE ngnpro.sip_domains, ngnpro.sip_accounts, ngnpro.sip_aliases, ngnpro.record_counts
    IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM ngnpro.record_counts;
  INSERT INTO ngnpro.record_counts (kind, level, holder_id, n)
  SELECT v.kind, v.level, v.holder_id, v.n FROM ngnpro.record_counts_v v;
  GET DIAGNOSTICS written = ROW_COUNT;
  RETURN written;
END $$;

REVOKE EXECUTE ON FUNCTION
  ngnpro.add_record_count(text, text, bigint, bigint),
  ngnpro.add_owner_record_counts(text, text[], bigint[], bigint[]),
  ngnpro.add_domain_record_counts(text, bigint[], bigint[]),
  ngnpro.recount_records()
  FROM PUBLIC;

-- Records that existed before this file.
DO $$ BEGIN PERFORM ngnpro.recount_records(); END $$;
