-- DNS zones, records and fancy records (api §4.3, §5.12, §8.14): our tables, the truth.
-- PowerDNS's rows (schema pdns, 010) follow them by the triggers below, which write pdns only
-- through 013's functions; the mail forwarder reads the MBOXFW records through schema mail.
--
-- Ownership: a zone is assigned to a customer and/or reseller (NULL: the platform's own); its
-- records and fancy records inherit both through zone_id (api §8.5). deleteZone deletes the
-- records with the zone (api §9.1 Q16): zone_id cascades.
--
-- What PowerDNS serves is decided by the service, not here: dns_records.content is the value
-- checked and put in presentation form (names qualified and without the final dot, TXT quoted,
-- NAPTR regexps escaped: SCHEMA-MAPPING §4) while dns_records.value keeps the client's text
-- byte for byte, as getRecord returns it. Likewise dns_fancy_records.redirector is the address
-- a URL record's host answers with ([dns] url_redirector when the record was written).
--
-- Serial (api §8.14, 013): a change PowerDNS can see bumps the zone's serial by an UPDATE of
-- the zone row. One bump per zone per statement, whatever the number of rows; none for the
-- rows of a zone being deleted (deleteZone of a million records is one unpublish, no bumps).
--
-- Writers of one zone serialise on its row (the services lock it FOR UPDATE first, then the
-- customer rows of the credit checks, then record_counts: 006's order, with 012's "email
-- before dns_zone"). Refusals raise custom SQLSTATEs:
--   NGD01  renaming a zone (every record name would have to change with it)
--   NGD02  moving a record or fancy record to another zone, or changing a fancy record's type

CREATE TABLE ngnpro.dns_zones (
    id           integer PRIMARY KEY DEFAULT nextval('ngnpro.dns_domain_ids'),
    name         text NOT NULL UNIQUE CHECK (name <> '' AND name = lower(name)),
    ttl          integer NOT NULL DEFAULT 3600 CHECK (ttl >= 0),
    -- SOA contact; exactly one '@' (ngnpro.soa_rname), checked by the service.
    email        text NOT NULL CHECK (email LIKE '_%@_%'),
    serial       bigint NOT NULL DEFAULT 0,
    -- How many dns_records the zone holds, kept with the serial bumps below: getRecords' total
    -- of a zone reads one row instead of counting a million (api §3, like 006's counts).
    record_count bigint NOT NULL DEFAULT 0 CHECK (record_count >= 0),
    refresh      integer NOT NULL DEFAULT 10800 CHECK (refresh >= 0),
    retry        integer NOT NULL DEFAULT 3600 CHECK (retry >= 0),
    expire       integer NOT NULL DEFAULT 604800 CHECK (expire >= 0),
    minimum      integer NOT NULL DEFAULT 3600 CHECK (minimum >= 0),
    nameservers  text[] NOT NULL CHECK (cardinality(nameservers) > 0),
    customer_id  bigint REFERENCES ngnpro.customers (id),
    reseller_id  bigint REFERENCES ngnpro.customers (id),
    info         text NOT NULL DEFAULT '',
    create_date  timestamptz NOT NULL DEFAULT now(),
    change_date  timestamptz NOT NULL DEFAULT now(),
    changed_by   text NOT NULL DEFAULT '',
    changed_as   bigint NOT NULL DEFAULT 0
);
CREATE INDEX dns_zones_customer_idx ON ngnpro.dns_zones (customer_id);
CREATE INDEX dns_zones_reseller_idx ON ngnpro.dns_zones (reseller_id);
CREATE INDEX dns_zones_change_date_idx ON ngnpro.dns_zones (change_date, id);

-- The prio PowerDNS gets: MX and SRV carry the priority there, nothing else has one.
CREATE FUNCTION ngnpro.dns_prio(p_type text, p_priority integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_type IN ('MX', 'SRV') THEN p_priority ELSE 0 END
$$;

CREATE TABLE ngnpro.dns_records (
    id           bigserial PRIMARY KEY,
    zone_id      integer NOT NULL REFERENCES ngnpro.dns_zones (id) ON DELETE CASCADE,
    -- Fully qualified, lower case, no trailing dot (api §9.1 Q7).
    name         text NOT NULL CHECK (name <> '' AND name = lower(name)),
    type         text NOT NULL CHECK (type IN ('A', 'AAAA', 'CNAME', 'MX', 'NAPTR', 'NS', 'SRV', 'TXT',
                                               'PTR', 'LOC')),
    value        text NOT NULL,
    content      text NOT NULL CHECK (content <> ''),
    ttl          integer NOT NULL CHECK (ttl >= 0),
    priority     integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 65535),
    owner_id     bigint NOT NULL DEFAULT 0,  -- a label for grouping; grants no access (api §9.1 Q4)
    create_date  timestamptz NOT NULL DEFAULT now(),
    change_date  timestamptz NOT NULL DEFAULT now(),
    changed_by   text NOT NULL DEFAULT '',
    changed_as   bigint NOT NULL DEFAULT 0
);
-- One RR once (fault 7003): the same name, type and served data. md5, because a TXT value may
-- be longer than a btree entry can hold.
CREATE UNIQUE INDEX dns_records_rr_key
    ON ngnpro.dns_records (zone_id, name, type, ngnpro.dns_prio(type, priority), md5(content));
-- A zone's records in the orders getRecords offers, so that a page of a million-record zone
-- walks an index and stops (api §3).
CREATE INDEX dns_records_zone_change_idx ON ngnpro.dns_records (zone_id, change_date, id);
CREATE INDEX dns_records_zone_name_idx ON ngnpro.dns_records (zone_id, name, id);
CREATE INDEX dns_records_zone_type_idx ON ngnpro.dns_records (zone_id, type, id);
CREATE INDEX dns_records_owner_idx ON ngnpro.dns_records (owner_id) WHERE owner_id <> 0;

CREATE TABLE ngnpro.dns_fancy_records (
    id           bigserial PRIMARY KEY,
    zone_id      integer NOT NULL REFERENCES ngnpro.dns_zones (id) ON DELETE CASCADE,
    type         text NOT NULL CHECK (type IN ('MBOXFW', 'URL')),
    -- MBOXFW: the forwarded address, local@zone (lower case); URL: the host, fully qualified.
    name         text NOT NULL CHECK (name <> '' AND name = lower(name)),
    -- MBOXFW: the destination address(es); URL: the target URL.
    value        text NOT NULL CHECK (value <> ''),
    ttl          integer NOT NULL CHECK (ttl >= 0),
    priority     integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 65535),
    owner_id     bigint NOT NULL DEFAULT 0,
    -- URL: the address PowerDNS answers for the host (A or AAAA); '' publishes nothing.
    redirector   text NOT NULL DEFAULT ''
                 CHECK (redirector = '' OR (type = 'URL' AND masklen(redirector::inet) =
                                            CASE family(redirector::inet) WHEN 4 THEN 32 ELSE 128 END)),
    create_date  timestamptz NOT NULL DEFAULT now(),
    change_date  timestamptz NOT NULL DEFAULT now(),
    changed_by   text NOT NULL DEFAULT '',
    changed_as   bigint NOT NULL DEFAULT 0,
    UNIQUE (zone_id, type, name)
);
CREATE INDEX dns_fancy_records_zone_change_idx ON ngnpro.dns_fancy_records (zone_id, change_date, id);
CREATE INDEX dns_fancy_records_zone_name_idx ON ngnpro.dns_fancy_records (zone_id, name, id);
-- The mail forwarder's lookup by address (mail.virtual_aliases below).
CREATE INDEX dns_fancy_records_mbox_idx ON ngnpro.dns_fancy_records (name) WHERE type = 'MBOXFW';

-- ---------------------------------------------------------------------------------------------
-- Zones: serial, publishing, counts.

-- A new zone starts at today's first serial; a change to what the SOA or NS rows show takes the
-- next one, unless the statement sets the serial itself (the records' bumps below).
CREATE FUNCTION ngnpro.dns_zone_serial() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.serial := ngnpro.next_zone_serial(NULL);
  ELSIF NEW.serial = OLD.serial
        AND (NEW.ttl, NEW.email, NEW.refresh, NEW.retry, NEW.expire, NEW.minimum, NEW.nameservers)
            IS DISTINCT FROM
            (OLD.ttl, OLD.email, OLD.refresh, OLD.retry, OLD.expire, OLD.minimum, OLD.nameservers) THEN
    NEW.serial := ngnpro.next_zone_serial(OLD.serial);
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION ngnpro.dns_publish_zone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.name <> OLD.name THEN
      RAISE EXCEPTION 'DNS zone % cannot be renamed to %', OLD.name, NEW.name
        USING ERRCODE = 'NGD01',
              DETAIL = 'Every record name ends with the zone name.',
              HINT = 'Add the new zone with its records, then delete the old one.';
    END IF;
    IF (NEW.ttl, NEW.nameservers) IS NOT DISTINCT FROM (OLD.ttl, OLD.nameservers) THEN
      -- The cheap path of a serial bump: one SOA row (a record change, an SOA timer).
      IF (NEW.serial, NEW.email, NEW.refresh, NEW.retry, NEW.expire, NEW.minimum)
         IS DISTINCT FROM (OLD.serial, OLD.email, OLD.refresh, OLD.retry, OLD.expire, OLD.minimum) THEN
        PERFORM ngnpro.pdns_publish_soa('dns_zone', NEW.id, NEW.ttl, NEW.email, NEW.serial, NEW.refresh,
                                        NEW.retry, NEW.expire, NEW.minimum, NEW.nameservers);
      END IF;
      RETURN NULL;  -- info, owner: nothing PowerDNS shows
    END IF;
  END IF;
  PERFORM ngnpro.pdns_publish_zone('dns_zone', NEW.id, NEW.name, NEW.ttl, NEW.email, NEW.serial,
                                   NEW.refresh, NEW.retry, NEW.expire, NEW.minimum, NEW.nameservers);
  RETURN NULL;
END $$;

-- A deleted zone leaves PowerDNS with everything in it (pdns.records cascade from pdns.domains),
-- and takes its e-mail forwards' counts from its owners: the fancy records cascading with it
-- skip their own count (their zone is gone by then, whichever trigger runs first).
CREATE FUNCTION ngnpro.dns_unpublish_zone() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  forwards bigint;
BEGIN
  PERFORM ngnpro.pdns_unpublish_zone(OLD.id);
  DELETE FROM ngnpro.record_counts c
   WHERE c.kind = 'email' AND c.level = 'domain' AND c.holder_id = OLD.id
  RETURNING c.n INTO forwards;
  IF COALESCE(forwards, 0) <> 0 THEN
    PERFORM ngnpro.add_owner_record_counts('email', ARRAY['customer', 'reseller'],
                                           ARRAY[OLD.customer_id, OLD.reseller_id],
                                           ARRAY[-forwards, -forwards]);
  END IF;
  RETURN NULL;
END $$;

-- dns_zone counts (api §8.5 dns_zone_credit): one sorted pass per statement.
CREATE FUNCTION ngnpro.dns_count_zones() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  levels text[];
  holders bigint[];
  deltas bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(o.level), array_agg(o.holder_id), array_agg(o.delta)
      INTO levels, holders, deltas
      FROM new_zones z
     CROSS JOIN LATERAL (VALUES ('customer', z.customer_id, 1::bigint),
                                ('reseller', z.reseller_id, 1::bigint)) AS o(level, holder_id, delta);
  ELSE
    SELECT array_agg(o.level), array_agg(o.holder_id), array_agg(o.delta)
      INTO levels, holders, deltas
      FROM old_zones z
     CROSS JOIN LATERAL (VALUES ('customer', z.customer_id, -1::bigint),
                                ('reseller', z.reseller_id, -1::bigint)) AS o(level, holder_id, delta);
  END IF;
  IF levels IS NOT NULL THEN
    PERFORM ngnpro.add_owner_record_counts('dns_zone', levels, holders, deltas);
  END IF;
  RETURN NULL;
END $$;

-- A zone given to another customer or reseller carries its counts: its e-mail forwards first,
-- then the zone itself (012's lock order).
CREATE FUNCTION ngnpro.dns_count_moved_zone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ngnpro.move_container_record_counts('email', NEW.id, OLD.customer_id, NEW.customer_id,
                                              OLD.reseller_id, NEW.reseller_id);
  PERFORM ngnpro.add_owner_record_counts(
    'dns_zone',
    ARRAY['customer', 'customer', 'reseller', 'reseller'],
    ARRAY[OLD.customer_id, NEW.customer_id, OLD.reseller_id, NEW.reseller_id],
    ARRAY[-1, 1, -1, 1]::bigint[]);
  RETURN NULL;
END $$;

CREATE TRIGGER dns_zone_serial BEFORE INSERT OR UPDATE ON ngnpro.dns_zones
  FOR EACH ROW EXECUTE FUNCTION ngnpro.dns_zone_serial();
CREATE TRIGGER dns_publish AFTER INSERT OR UPDATE ON ngnpro.dns_zones
  FOR EACH ROW EXECUTE FUNCTION ngnpro.dns_publish_zone();
CREATE TRIGGER dns_unpublish AFTER DELETE ON ngnpro.dns_zones
  FOR EACH ROW EXECUTE FUNCTION ngnpro.dns_unpublish_zone();
CREATE TRIGGER record_counts_insert AFTER INSERT ON ngnpro.dns_zones
  REFERENCING NEW TABLE AS new_zones FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.dns_count_zones();
CREATE TRIGGER record_counts_delete AFTER DELETE ON ngnpro.dns_zones
  REFERENCING OLD TABLE AS old_zones FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.dns_count_zones();
CREATE TRIGGER record_counts_move AFTER UPDATE OF customer_id, reseller_id ON ngnpro.dns_zones
  FOR EACH ROW
  WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.reseller_id IS DISTINCT FROM NEW.reseller_id)
  EXECUTE FUNCTION ngnpro.dns_count_moved_zone();

-- ---------------------------------------------------------------------------------------------
-- Records and fancy records: publishing, serial bumps, e-mail forward counts.

-- A record belongs to its zone for good, and a fancy record is of its type for good: counts,
-- provenance and names all hang on them.
CREATE FUNCTION ngnpro.dns_guard_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.zone_id <> OLD.zone_id THEN
    RAISE EXCEPTION '% % cannot move to another zone', TG_TABLE_NAME, OLD.id USING ERRCODE = 'NGD02';
  END IF;
  IF TG_TABLE_NAME = 'dns_fancy_records' AND NEW.type <> OLD.type THEN
    RAISE EXCEPTION 'fancy record % cannot change its type', OLD.id USING ERRCODE = 'NGD02';
  END IF;
  RETURN NEW;
END $$;

-- Next serial for each zone of the statement that still exists (none for a zone being deleted),
-- and its record count moved by the matching delta (none: 0); a zone named twice is bumped once.
CREATE FUNCTION ngnpro.dns_bump_serials(p_zones integer[], p_records bigint[] DEFAULT NULL)
RETURNS void
LANGUAGE sql AS $$
  UPDATE ngnpro.dns_zones z
     SET serial = ngnpro.next_zone_serial(z.serial), record_count = z.record_count + c.delta
    FROM (SELECT u.id, COALESCE(sum(u.delta), 0) AS delta
            FROM unnest(p_zones, p_records) AS u(id, delta) GROUP BY u.id) c
   WHERE z.id = c.id
$$;

-- One record's PowerDNS row, replacing what it published before.
CREATE FUNCTION ngnpro.dns_publish_record(p_row ngnpro.dns_records) RETURNS void
LANGUAGE sql AS $$
  SELECT ngnpro.pdns_replace_records('dns_record', p_row.id, p_row.zone_id, ARRAY[p_row.name],
                                     ARRAY[p_row.type], ARRAY[p_row.content], ARRAY[p_row.ttl],
                                     ARRAY[ngnpro.dns_prio(p_row.type, p_row.priority)])
$$;

-- Statement level: every written row republished, every touched zone bumped once. Rows whose
-- zone is gone are skipped: the zone took its PowerDNS rows along. (Each branch names only the
-- transition tables its trigger declares.)
CREATE FUNCTION ngnpro.dns_publish_records() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r ngnpro.dns_records;
  zones integer[];
  counts bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ngnpro.dns_publish_record(n) FROM new_records n;
    SELECT array_agg(c.zone_id), array_agg(c.n) INTO zones, counts
      FROM (SELECT n.zone_id, count(*) AS n FROM new_records n GROUP BY n.zone_id) c;
  ELSIF TG_OP = 'UPDATE' THEN
    -- A change PowerDNS cannot see (owner) republishes nothing and keeps the serial.
    zones := '{}';
    FOR r IN SELECT n.* FROM new_records n JOIN old_records o ON o.id = n.id
              WHERE (o.name, o.type, o.content, o.ttl, ngnpro.dns_prio(o.type, o.priority))
                    IS DISTINCT FROM (n.name, n.type, n.content, n.ttl, ngnpro.dns_prio(n.type, n.priority))
    LOOP
      PERFORM ngnpro.dns_publish_record(r);
      zones := zones || r.zone_id;
    END LOOP;
  ELSE
    SELECT array_agg(c.zone_id), array_agg(-c.n) INTO zones, counts
      FROM (SELECT o.zone_id, count(*) AS n FROM old_records o
              JOIN ngnpro.dns_zones z ON z.id = o.zone_id GROUP BY o.zone_id) c;
    IF zones IS NULL THEN
      RETURN NULL;  -- deleteZone: the records went with their zone
    END IF;
    PERFORM ngnpro.pdns_remove_records('dns_record', o.id) FROM old_records o WHERE o.zone_id = ANY (zones);
  END IF;
  PERFORM ngnpro.dns_bump_serials(zones, counts);
  RETURN NULL;
END $$;

-- What a fancy record publishes: a URL host answers with the redirector's address; an e-mail
-- forward publishes nothing (the mail forwarder reads it through schema mail).
CREATE FUNCTION ngnpro.dns_publish_fancy(p_row ngnpro.dns_fancy_records) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_row.type = 'URL' AND p_row.redirector <> '' THEN
    PERFORM ngnpro.pdns_replace_records(
      'dns_fancy_record', p_row.id, p_row.zone_id, ARRAY[p_row.name],
      ARRAY[CASE family(p_row.redirector::inet) WHEN 4 THEN 'A' ELSE 'AAAA' END],
      ARRAY[host(p_row.redirector::inet)], ARRAY[p_row.ttl], ARRAY[0]);
  ELSE
    PERFORM ngnpro.pdns_remove_records('dns_fancy_record', p_row.id);
  END IF;
END $$;

CREATE FUNCTION ngnpro.dns_publish_fancy_records() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r ngnpro.dns_fancy_records;
  zones integer[] := '{}';
  containers bigint[];
  deltas bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT n.* FROM new_records n WHERE n.type = 'URL' LOOP
      PERFORM ngnpro.dns_publish_fancy(r);
      IF r.redirector <> '' THEN
        zones := zones || r.zone_id;
      END IF;
    END LOOP;
    SELECT array_agg(n.zone_id), array_agg(1::bigint) INTO containers, deltas
      FROM new_records n WHERE n.type = 'MBOXFW';
  ELSIF TG_OP = 'UPDATE' THEN
    FOR r IN SELECT n.* FROM new_records n JOIN old_records o ON o.id = n.id
              WHERE n.type = 'URL' AND (o.name, o.ttl, o.redirector) <> (n.name, n.ttl, n.redirector)
    LOOP
      PERFORM ngnpro.dns_publish_fancy(r);
      zones := zones || r.zone_id;
    END LOOP;
  ELSE
    -- Rows whose zone is gone are skipped, counts included (dns_unpublish_zone took those).
    FOR r IN SELECT o.* FROM old_records o JOIN ngnpro.dns_zones z ON z.id = o.zone_id
              WHERE o.type = 'URL'
    LOOP
      PERFORM ngnpro.pdns_remove_records('dns_fancy_record', r.id);
      IF r.redirector <> '' THEN
        zones := zones || r.zone_id;
      END IF;
    END LOOP;
    SELECT array_agg(o.zone_id), array_agg(-1::bigint) INTO containers, deltas
      FROM old_records o JOIN ngnpro.dns_zones z ON z.id = o.zone_id
     WHERE o.type = 'MBOXFW';
  END IF;
  IF containers IS NOT NULL THEN
    PERFORM ngnpro.add_container_record_counts('email', 'dns_zones', containers, deltas);
  END IF;
  PERFORM ngnpro.dns_bump_serials(zones);
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
  f text;
BEGIN
  FOREACH t IN ARRAY ARRAY['dns_records', 'dns_fancy_records'] LOOP
    f := CASE t WHEN 'dns_records' THEN 'dns_publish_records' ELSE 'dns_publish_fancy_records' END;
    EXECUTE format('CREATE TRIGGER dns_guard BEFORE UPDATE ON ngnpro.%I'
                   ' FOR EACH ROW EXECUTE FUNCTION ngnpro.dns_guard_record()', t);
    EXECUTE format('CREATE TRIGGER dns_publish_insert AFTER INSERT ON ngnpro.%I'
                   ' REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.%I()', t, f);
    EXECUTE format('CREATE TRIGGER dns_publish_update AFTER UPDATE ON ngnpro.%I'
                   ' REFERENCING OLD TABLE AS old_records NEW TABLE AS new_records'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.%I()', t, f);
    EXECUTE format('CREATE TRIGGER dns_publish_delete AFTER DELETE ON ngnpro.%I'
                   ' REFERENCING OLD TABLE AS old_records FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.%I()', t, f);
  END LOOP;
END $$;

-- TRUNCATE fires no row or DELETE triggers: clear what came from the emptied table.
CREATE FUNCTION ngnpro.dns_forget_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'dns_zones' THEN
      PERFORM ngnpro.pdns_unpublish_zone(r.ngn_src_id::integer)
         FROM pdns.records r WHERE r.ngn_src = 'dns_zone' AND r.type = 'SOA';
      DELETE FROM ngnpro.record_counts WHERE kind IN ('dns_zone', 'email');
    WHEN 'dns_records' THEN
      PERFORM ngnpro.pdns_remove_records('dns_record', s.id)
         FROM (SELECT DISTINCT r.ngn_src_id AS id FROM pdns.records r WHERE r.ngn_src = 'dns_record') s;
      UPDATE ngnpro.dns_zones SET record_count = 0 WHERE record_count <> 0;
    WHEN 'dns_fancy_records' THEN
      PERFORM ngnpro.pdns_remove_records('dns_fancy_record', s.id)
         FROM (SELECT DISTINCT r.ngn_src_id AS id FROM pdns.records r WHERE r.ngn_src = 'dns_fancy_record') s;
      DELETE FROM ngnpro.record_counts WHERE kind = 'email';
  END CASE;
  RETURN NULL;
END $$;

CREATE TRIGGER dns_truncate AFTER TRUNCATE ON ngnpro.dns_zones
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.dns_forget_truncated();
CREATE TRIGGER dns_truncate AFTER TRUNCATE ON ngnpro.dns_records
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.dns_forget_truncated();
CREATE TRIGGER dns_truncate AFTER TRUNCATE ON ngnpro.dns_fancy_records
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.dns_forget_truncated();

-- Operators: point every URL record at a new redirector (after changing [dns] url_redirector),
-- or unpublish them all with ''. The triggers republish and bump the serials. Returns the
-- number of records changed.
CREATE FUNCTION ngnpro.set_url_redirector(p_address text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  UPDATE ngnpro.dns_fancy_records f SET redirector = p_address
   WHERE f.type = 'URL' AND f.redirector <> p_address;
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $$;

-- ---------------------------------------------------------------------------------------------
-- record_counts (006, 012) learn the DNS kinds: the truth the counts must equal, and the repair.

CREATE OR REPLACE VIEW ngnpro.record_counts_v AS
WITH records AS (
  SELECT 'sip_account' AS kind, domain_id FROM ngnpro.sip_accounts
  UNION ALL
  SELECT 'sip_alias', domain_id FROM ngnpro.sip_aliases
), forwards AS (
  SELECT f.zone_id::bigint AS zone_id, z.customer_id, z.reseller_id
    FROM ngnpro.dns_fancy_records f JOIN ngnpro.dns_zones z ON z.id = f.zone_id
   WHERE f.type = 'MBOXFW'
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
 WHERE d.reseller_id IS NOT NULL GROUP BY r.kind, d.reseller_id
UNION ALL
SELECT 'dns_zone', 'customer', z.customer_id, count(*)
  FROM ngnpro.dns_zones z WHERE z.customer_id IS NOT NULL GROUP BY z.customer_id
UNION ALL
SELECT 'dns_zone', 'reseller', z.reseller_id, count(*)
  FROM ngnpro.dns_zones z WHERE z.reseller_id IS NOT NULL GROUP BY z.reseller_id
UNION ALL
SELECT 'email', 'domain', f.zone_id, count(*) FROM forwards f GROUP BY f.zone_id
UNION ALL
SELECT 'email', 'customer', f.customer_id, count(*)
  FROM forwards f WHERE f.customer_id IS NOT NULL GROUP BY f.customer_id
UNION ALL
SELECT 'email', 'reseller', f.reseller_id, count(*)
  FROM forwards f WHERE f.reseller_id IS NOT NULL GROUP BY f.reseller_id;

CREATE OR REPLACE FUNCTION ngnpro.recount_records() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  -- Writers in flight finish first and new ones wait until we commit; readers go on.
  LOCK TABLE ngnpro.sip_domains, ngnpro.sip_accounts, ngnpro.sip_aliases, ngnpro.dns_zones,
             ngnpro.dns_records, ngnpro.dns_fancy_records, ngnpro.record_counts
    IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM ngnpro.record_counts;
  INSERT INTO ngnpro.record_counts (kind, level, holder_id, n)
  SELECT v.kind, v.level, v.holder_id, v.n FROM ngnpro.record_counts_v v;
  GET DIAGNOSTICS written = ROW_COUNT;
  UPDATE ngnpro.dns_zones z SET record_count = c.n
    FROM (SELECT z2.id, (SELECT count(*) FROM ngnpro.dns_records r WHERE r.zone_id = z2.id) AS n
            FROM ngnpro.dns_zones z2) c
   WHERE z.id = c.id AND z.record_count <> c.n;
  RETURN written;
END $$;

-- ---------------------------------------------------------------------------------------------
-- What the mail forwarder reads (Postfix virtual_alias_maps and virtual_alias_domains, role
-- postfix: 017_mail_role.sql, config/postfix/). Views over our table, so nothing is copied;
-- security_barrier so that no function of the reader sees rows the view leaves out.

CREATE SCHEMA mail;

CREATE VIEW mail.virtual_aliases WITH (security_barrier) AS
SELECT f.name AS source, f.value AS destination
  FROM ngnpro.dns_fancy_records f
 WHERE f.type = 'MBOXFW';

CREATE VIEW mail.virtual_domains WITH (security_barrier) AS
SELECT z.name AS domain
  FROM ngnpro.dns_zones z
 WHERE EXISTS (SELECT FROM ngnpro.dns_fancy_records f WHERE f.zone_id = z.id AND f.type = 'MBOXFW');

REVOKE EXECUTE ON FUNCTION
  ngnpro.dns_bump_serials(integer[], bigint[]),
  ngnpro.dns_publish_fancy(ngnpro.dns_fancy_records),
  ngnpro.dns_publish_record(ngnpro.dns_records),
  ngnpro.set_url_redirector(text)
  FROM PUBLIC;
