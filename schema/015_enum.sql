-- ENUM ranges, numbers and their mappings (api §4.4, §5.13, §8.13): our tables, the truth, and
-- their publication in PowerDNS's tables through 013's functions, by triggers inside the
-- writing transaction (SCHEMA-MAPPING §1 "DNS and ENUM", option b2).
--
-- Publication.
--   A range is a zone: pdns.domains row id = the range's id (from ngnpro.dns_domain_ids, shared
--   with DNS zones), name ngnpro.enum_domain_name(prefix, tld), with an SOA and one NS per name
--   server (provenance 'enum_range', range id). SOA: primary = the first name server, contact
--   hostmaster@<the range's zone> (api §8.14's default e-mail; a range has no e-mail field),
--   refresh 10800, retry 3600, expire 604800, minimum 3600 (§8.14's defaults), TTL = the
--   range's ttl.
--   A range nested in another is delegated from it: NS records of its zone in the other's zone
--   (provenance 'enum_delegation', nested range id).
--   A number publishes one NAPTR per mapping (provenance 'enum_number', number id) in its
--   range's zone, as api §9.1 row 13 says: owner = reversed digits + tld, order = priority,
--   preference 10, flags "u", service "E2U+<service>", regexp "!^.*$!<mapto>!" with backslashes
--   doubled and '"' escaped (SCHEMA-MAPPING §4; the service refuses '!'), replacement ".",
--   TTL = the mapping's ttl. No mappings: nothing is published, the name is NXDOMAIN.
--
-- Nested ranges. PowerDNS answers a name from the most specific zone that holds it, so a number
-- belongs (range_id) to the range with the longest prefix of its digits under its tld,
-- ngnpro.enum_range_for(); a guard refuses anything else (NGE01). A new range takes over the
-- numbers of the range it nests in, which move to its zone in the same transaction. A range
-- with numbers cannot be deleted (api §9.1 Q16, fault 3005; the foreign key refuses it too),
-- so no number is ever left outside its zone. The writers that decide which range a number
-- belongs to (addRange, deleteRange: exclusive; addNumber: shared) serialise per tld on
-- pg_advisory_xact_lock(kEnumTldLockClass, hashtext(tld)) (storage/enum_ranges.cpp).
--
-- Serial (013): a change of a range's SOA or NS, or of the NAPTR of a number in it, bumps the
-- range's serial by an UPDATE of the range row, at most once per transaction (serial_xact),
-- whose AFTER UPDATE trigger rewrites the SOA; the row lock serialises the zone's writers.
--
-- Record counts (006, 012): 'enum_range' at levels customer and reseller; 'enum_number' per
-- range (level 'domain', holder = range id, the range's `used`), customer and reseller. Order
-- as 012 says: numbers before their range (a moved owner moves the numbers' counts first; a new
-- range takes over numbers in its row trigger, before its own statement trigger counts it).
-- ngnpro.enum_record_counts_v is what they must equal. ngnpro.record_counts_v and
-- recount_records() (006) know only the SIP kinds so far: until a later file adds the ENUM and
-- DNS kinds to them, recount_records() drops the ENUM counts.
--
-- Refusals raise, so the whole write rolls back:
--   NGE01  a number in another range than the longest-prefix one under its tld
--   NGE02  changing a range's prefix or tld (every number's name would change; api §4.4 keys
--          updateRange by them, so no API call tries)

CREATE TABLE ngnpro.enum_ranges (
    id           integer PRIMARY KEY DEFAULT nextval('ngnpro.dns_domain_ids'),
    -- ITU-T E.164: at most 15 digits; the tld is a host name short enough for 15 digits more.
    prefix       text NOT NULL CHECK (prefix ~ '^[0-9]{1,15}$'),
    tld          text NOT NULL CHECK (tld <> '' AND tld = lower(tld) AND length(tld) <= 223),
    ttl          integer NOT NULL DEFAULT 3600 CHECK (ttl >= 0),
    min_digits   integer NOT NULL DEFAULT 0 CHECK (min_digits BETWEEN 0 AND 15),
    max_digits   integer NOT NULL DEFAULT 0 CHECK (max_digits BETWEEN 0 AND 15),
    size         integer NOT NULL DEFAULT 0 CHECK (size >= 0),
    nameservers  text[] NOT NULL CHECK (cardinality(nameservers) BETWEEN 1 AND 10),
    serial       bigint NOT NULL DEFAULT ngnpro.next_zone_serial(0),
    serial_xact  xid8,  -- the transaction that last bumped serial
    customer_id  bigint REFERENCES ngnpro.customers (id),
    reseller_id  bigint REFERENCES ngnpro.customers (id),
    info         text NOT NULL DEFAULT '',
    create_date  timestamptz NOT NULL DEFAULT now(),
    change_date  timestamptz NOT NULL DEFAULT now(),
    changed_by   text NOT NULL DEFAULT '',
    changed_as   bigint NOT NULL DEFAULT 0,
    UNIQUE (tld, prefix),
    UNIQUE (id, tld)  -- the numbers' foreign key: a number's tld is its range's
);
CREATE INDEX enum_ranges_customer_idx ON ngnpro.enum_ranges (customer_id);
CREATE INDEX enum_ranges_reseller_idx ON ngnpro.enum_ranges (reseller_id);
CREATE INDEX enum_ranges_change_date_idx ON ngnpro.enum_ranges (change_date);

CREATE TABLE ngnpro.enum_numbers (
    id           bigserial PRIMARY KEY,
    -- No cascade: deleteRange is refused while numbers remain (api §9.1 Q16).
    range_id     integer NOT NULL,
    tld          text NOT NULL,
    number       text NOT NULL CHECK (number ~ '^[0-9]{1,15}$'),
    info         text NOT NULL DEFAULT '',
    owner_id     bigint NOT NULL DEFAULT 0,  -- a label for grouping; grants no access (api §9.1 Q4)
    create_date  timestamptz NOT NULL DEFAULT now(),
    change_date  timestamptz NOT NULL DEFAULT now(),
    changed_by   text NOT NULL DEFAULT '',
    changed_as   bigint NOT NULL DEFAULT 0,
    UNIQUE (tld, number),
    FOREIGN KEY (range_id, tld) REFERENCES ngnpro.enum_ranges (id, tld)
);
CREATE INDEX enum_numbers_range_idx ON ngnpro.enum_numbers (range_id, number);
CREATE INDEX enum_numbers_change_date_idx ON ngnpro.enum_numbers (change_date);
CREATE INDEX enum_numbers_owner_idx ON ngnpro.enum_numbers (owner_id) WHERE owner_id <> 0;

CREATE TABLE ngnpro.enum_mappings (
    -- Kept across updateNumber when the client sends it back (api §8.13); never reused.
    id           bigserial PRIMARY KEY,
    number_id    bigint NOT NULL REFERENCES ngnpro.enum_numbers (id) ON DELETE CASCADE,
    position     integer NOT NULL CHECK (position BETWEEN 0 AND 4),  -- at most 5 (api §8.13)
    type         text NOT NULL CHECK (type <> ''),
    -- The NAPTR service after "E2U+", set by the server from type (core/enum.hpp's table).
    service      text NOT NULL CHECK (service ~ '^[a-z0-9][a-z0-9+:-]*$'),
    mapto        text NOT NULL CHECK (mapto <> '' AND strpos(mapto, '!') = 0),
    priority     integer NOT NULL CHECK (priority BETWEEN 0 AND 65535),
    ttl          integer NOT NULL CHECK (ttl >= 0),
    UNIQUE (number_id, position)
);
CREATE INDEX enum_mappings_type_idx ON ngnpro.enum_mappings (type);

-- ---------------------------------------------------------------------------------------------
-- What PowerDNS must hold, as views over ngnpro (the triggers publish from them, tests compare).

CREATE VIEW ngnpro.pdns_enum_naptr_v AS
SELECT n.id AS number_id, n.range_id AS domain_id, ngnpro.enum_domain_name(n.number, n.tld) AS name,
       'NAPTR'::text AS type,
       format('%s 10 "u" "E2U+%s" "!^.*$!%s!" .', m.priority, m.service,
              replace(replace(m.mapto, '\', '\\'), '"', '\"')) AS content,
       m.ttl, 0 AS prio, m.position
  FROM ngnpro.enum_numbers n
  JOIN ngnpro.enum_mappings m ON m.number_id = n.id;

-- The range whose prefix is the longest beginning of p_digits under p_tld, or NULL.
CREATE FUNCTION ngnpro.enum_range_for(p_digits text, p_tld text) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT r.id FROM ngnpro.enum_ranges r
   WHERE r.tld = p_tld
     AND r.prefix IN (SELECT left(p_digits, i) FROM generate_series(1, length(p_digits)) AS i)
   ORDER BY length(r.prefix) DESC
   LIMIT 1
$$;

-- The range a range of p_prefix nests in: the longest shorter prefix under p_tld, or NULL.
CREATE FUNCTION ngnpro.enum_parent_range(p_prefix text, p_tld text) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN length(p_prefix) > 1 THEN ngnpro.enum_range_for(left(p_prefix, -1), p_tld) END
$$;

-- A range's SOA and NS from its row (see the top of this file for the SOA fields).
CREATE FUNCTION ngnpro.enum_publish_range(r ngnpro.enum_ranges) RETURNS void
LANGUAGE sql AS $$
  SELECT ngnpro.pdns_publish_zone('enum_range', r.id, ngnpro.enum_domain_name(r.prefix, r.tld), r.ttl,
                                  'hostmaster@' || ngnpro.enum_domain_name(r.prefix, r.tld), r.serial,
                                  10800, 3600, 604800, 3600, r.nameservers)
$$;

-- One serial bump per range per transaction; the AFTER UPDATE trigger publishes the new SOA.
CREATE FUNCTION ngnpro.enum_bump_serials(p_ranges integer[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE ngnpro.enum_ranges r
     SET serial = ngnpro.next_zone_serial(r.serial), serial_xact = pg_current_xact_id()
   WHERE r.id = ANY (p_ranges) AND r.serial_xact IS DISTINCT FROM pg_current_xact_id()
$$;

-- A nested range's zone is delegated from the zone of the range it nests in: NS records of the
-- nested zone's name in the parent zone (provenance 'enum_delegation', the nested range's id),
-- one per name server of the nested range, with its ttl. Without them the tree is broken for a
-- resolver walking down from the parent's name servers, and pdnsutil check-zone reports "No
-- delegation for zone". Refreshes one range's delegation (none when it nests in no range or is
-- gone) and bumps the serial of the zones whose content changed.
CREATE FUNCTION ngnpro.enum_publish_delegation(p_range integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r ngnpro.enum_ranges;
  parent integer;
  was_in integer;
  was_ns text[];
  was_ttl integer;
  n integer;
BEGIN
  SELECT min(d.domain_id), array_agg(d.content ORDER BY d.content), min(d.ttl)
    INTO was_in, was_ns, was_ttl
    FROM pdns.records d WHERE d.ngn_src = 'enum_delegation' AND d.ngn_src_id = p_range;
  SELECT * INTO r FROM ngnpro.enum_ranges WHERE id = p_range;
  IF FOUND THEN
    parent := ngnpro.enum_parent_range(r.prefix, r.tld);
  END IF;
  IF parent IS NULL THEN
    IF was_in IS NOT NULL THEN
      PERFORM ngnpro.pdns_remove_records('enum_delegation', p_range);
      PERFORM ngnpro.enum_bump_serials(ARRAY[was_in]);
    END IF;
    RETURN;
  END IF;
  IF parent = was_in AND r.ttl = was_ttl
     AND was_ns = ARRAY(SELECT ns FROM unnest(r.nameservers) AS ns ORDER BY ns) THEN
    RETURN;
  END IF;
  n := cardinality(r.nameservers);
  PERFORM ngnpro.pdns_replace_records('enum_delegation', p_range, parent,
                                      array_fill(ngnpro.enum_domain_name(r.prefix, r.tld), ARRAY[n]),
                                      array_fill('NS'::text, ARRAY[n]), r.nameservers,
                                      array_fill(r.ttl, ARRAY[n]), array_fill(0, ARRAY[n]));
  PERFORM ngnpro.enum_bump_serials(ARRAY(SELECT DISTINCT z FROM unnest(ARRAY[parent, was_in]) AS z
                                          WHERE z IS NOT NULL ORDER BY z));
END $$;

-- The delegations of the ranges nested directly or deeper under p_prefix (their parent may be
-- a range that just came or went).
CREATE FUNCTION ngnpro.enum_publish_nested_delegations(p_prefix text, p_tld text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  nested integer;
BEGIN
  FOR nested IN
    SELECT r.id FROM ngnpro.enum_ranges r
     WHERE r.tld = p_tld AND length(r.prefix) > length(p_prefix) AND starts_with(r.prefix, p_prefix)
     ORDER BY r.id
  LOOP
    PERFORM ngnpro.enum_publish_delegation(nested);
  END LOOP;
END $$;

-- Makes the NAPTR rows of each number equal the projection (none for a number that is gone).
CREATE FUNCTION ngnpro.enum_publish_numbers(p_numbers bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  num record;
  names text[];
  types text[];
  contents text[];
  ttls integer[];
  prios integer[];
BEGIN
  FOR num IN
    SELECT u.id, n.range_id
      FROM (SELECT DISTINCT unnest(p_numbers) AS id) u
      LEFT JOIN ngnpro.enum_numbers n ON n.id = u.id
     ORDER BY u.id
  LOOP
    IF num.range_id IS NULL THEN
      PERFORM ngnpro.pdns_remove_records('enum_number', num.id);
      CONTINUE;
    END IF;
    SELECT array_agg(v.name ORDER BY v.position), array_agg(v.type ORDER BY v.position),
           array_agg(v.content ORDER BY v.position), array_agg(v.ttl ORDER BY v.position),
           array_agg(v.prio ORDER BY v.position)
      INTO names, types, contents, ttls, prios
      FROM ngnpro.pdns_enum_naptr_v v WHERE v.number_id = num.id;
    PERFORM ngnpro.pdns_replace_records('enum_number', num.id, num.range_id,
                                        coalesce(names, '{}'), coalesce(types, '{}'),
                                        coalesce(contents, '{}'), coalesce(ttls, '{}'),
                                        coalesce(prios, '{}'));
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Ranges.

CREATE FUNCTION ngnpro.enum_range_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.prefix <> OLD.prefix OR NEW.tld <> OLD.tld THEN
    RAISE EXCEPTION 'ENUM range % under % cannot become % under %', OLD.prefix, OLD.tld, NEW.prefix, NEW.tld
      USING ERRCODE = 'NGE02',
            DETAIL = 'The name of the zone and of every number in it would change.',
            HINT = 'Add the new range, move the numbers, delete the old one.';
  END IF;
  -- The zone's SOA or NS change: a new serial, unless this transaction already gave one.
  IF (NEW.ttl, NEW.nameservers) IS DISTINCT FROM (OLD.ttl, OLD.nameservers)
     AND NEW.serial_xact IS DISTINCT FROM pg_current_xact_id() THEN
    NEW.serial := ngnpro.next_zone_serial(OLD.serial);
    NEW.serial_xact := pg_current_xact_id();
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION ngnpro.enum_range_published() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ngnpro.enum_publish_range(NEW);
    -- Take over the numbers of the range this one nests in, be delegated from it, and delegate
    -- the ranges nested in this one from it.
    parent := ngnpro.enum_parent_range(NEW.prefix, NEW.tld);
    IF parent IS NOT NULL THEN
      UPDATE ngnpro.enum_numbers n SET range_id = NEW.id
       WHERE n.range_id = parent AND starts_with(n.number, NEW.prefix);
      PERFORM ngnpro.enum_publish_delegation(NEW.id);
    END IF;
    PERFORM ngnpro.enum_publish_nested_delegations(NEW.prefix, NEW.tld);
  ELSIF TG_OP = 'UPDATE' THEN
    IF (NEW.ttl, NEW.nameservers) IS DISTINCT FROM (OLD.ttl, OLD.nameservers) THEN
      PERFORM ngnpro.enum_publish_range(NEW);
      PERFORM ngnpro.enum_publish_delegation(NEW.id);
    ELSIF NEW.serial <> OLD.serial THEN
      PERFORM ngnpro.pdns_publish_soa('enum_range', NEW.id, NEW.ttl,
                                      'hostmaster@' || ngnpro.enum_domain_name(NEW.prefix, NEW.tld),
                                      NEW.serial, 10800, 3600, 604800, 3600, NEW.nameservers);
    END IF;
    -- A range given to another customer or reseller carries its numbers' counts, then its own.
    IF (NEW.customer_id, NEW.reseller_id) IS DISTINCT FROM (OLD.customer_id, OLD.reseller_id) THEN
      PERFORM ngnpro.move_container_record_counts('enum_number', NEW.id, OLD.customer_id, NEW.customer_id,
                                                  OLD.reseller_id, NEW.reseller_id);
      PERFORM ngnpro.add_owner_record_counts(
        'enum_range', ARRAY['customer', 'customer', 'reseller', 'reseller'],
        ARRAY[OLD.customer_id, NEW.customer_id, OLD.reseller_id, NEW.reseller_id], ARRAY[-1, 1, -1, 1]::bigint[]);
    END IF;
  ELSE
    -- The delegations in this zone go with it; the ranges nested in it are delegated from the
    -- range it nested in, if any.
    PERFORM ngnpro.pdns_unpublish_zone(OLD.id);
    PERFORM ngnpro.enum_publish_delegation(OLD.id);
    PERFORM ngnpro.enum_publish_nested_delegations(OLD.prefix, OLD.tld);
    DELETE FROM ngnpro.record_counts WHERE kind = 'enum_number' AND level = 'domain' AND holder_id = OLD.id;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION ngnpro.enum_range_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  levels text[];
  holders bigint[];
  deltas bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(o.level), array_agg(o.holder), array_agg(o.delta) INTO levels, holders, deltas
      FROM new_rows r CROSS JOIN LATERAL (VALUES ('customer', r.customer_id, 1::bigint),
                                                 ('reseller', r.reseller_id, 1::bigint)) AS o(level, holder, delta);
  ELSE
    SELECT array_agg(o.level), array_agg(o.holder), array_agg(o.delta) INTO levels, holders, deltas
      FROM old_rows r CROSS JOIN LATERAL (VALUES ('customer', r.customer_id, -1::bigint),
                                                 ('reseller', r.reseller_id, -1::bigint)) AS o(level, holder, delta);
  END IF;
  IF levels IS NOT NULL THEN
    PERFORM ngnpro.add_owner_record_counts('enum_range', levels, holders, deltas);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER enum_range_guard BEFORE UPDATE ON ngnpro.enum_ranges
  FOR EACH ROW EXECUTE FUNCTION ngnpro.enum_range_guard();
CREATE TRIGGER enum_range_published AFTER INSERT OR UPDATE OR DELETE ON ngnpro.enum_ranges
  FOR EACH ROW EXECUTE FUNCTION ngnpro.enum_range_published();
CREATE TRIGGER record_counts_insert AFTER INSERT ON ngnpro.enum_ranges
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.enum_range_counts();
CREATE TRIGGER record_counts_delete AFTER DELETE ON ngnpro.enum_ranges
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.enum_range_counts();

-- ---------------------------------------------------------------------------------------------
-- Numbers.

CREATE FUNCTION ngnpro.enum_number_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  longest integer := ngnpro.enum_range_for(NEW.number, NEW.tld);
BEGIN
  IF NEW.range_id IS DISTINCT FROM longest THEN
    RAISE EXCEPTION 'ENUM number % under % belongs to range %, not %', NEW.number, NEW.tld, longest, NEW.range_id
      USING ERRCODE = 'NGE01',
            DETAIL = 'PowerDNS answers a name from the most specific zone: a number lives in the range with the longest prefix of its digits.';
  END IF;
  RETURN NEW;
END $$;

-- Statement triggers: counts, NAPTR rows and serials, once per statement however many rows it
-- wrote. Each trigger declares the transition tables its branch reads.
CREATE FUNCTION ngnpro.enum_numbers_written() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ranges bigint[];
  deltas bigint[];
  numbers bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- No mapping can exist yet: the mappings' trigger publishes them.
    SELECT array_agg(range_id), array_agg(1::bigint) INTO ranges, deltas FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(range_id), array_agg(-1::bigint), array_agg(id) INTO ranges, deltas, numbers FROM old_rows;
  ELSE
    -- Only numbers that changed range (a new range took them over) move zone.
    SELECT array_agg(r.range_id), array_agg(r.delta), array_agg(DISTINCT r.id) INTO ranges, deltas, numbers
      FROM (SELECT o.id, o.range_id, -1::bigint AS delta
              FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.range_id <> o.range_id
            UNION ALL
            SELECT n.id, n.range_id, 1::bigint
              FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.range_id <> o.range_id) r;
  END IF;
  IF ranges IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM ngnpro.add_container_record_counts('enum_number', 'enum_ranges', ranges, deltas);
  IF numbers IS NOT NULL THEN
    PERFORM ngnpro.enum_publish_numbers(numbers);
    PERFORM ngnpro.enum_bump_serials(ARRAY(SELECT DISTINCT unnest(ranges)::integer ORDER BY 1));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER enum_number_guard BEFORE INSERT OR UPDATE OF range_id, tld, number ON ngnpro.enum_numbers
  FOR EACH ROW EXECUTE FUNCTION ngnpro.enum_number_guard();

-- ---------------------------------------------------------------------------------------------
-- Mappings: a number's NAPTR set is republished whole, and its range's serial bumped.

CREATE FUNCTION ngnpro.enum_mappings_written() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  numbers bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT number_id) INTO numbers FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT number_id) INTO numbers FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT u.number_id) INTO numbers
      FROM (SELECT number_id FROM old_rows UNION SELECT number_id FROM new_rows) u;
  END IF;
  IF numbers IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM ngnpro.enum_publish_numbers(numbers);
  -- Numbers deleted with their mappings (ON DELETE CASCADE) are gone here: their own delete
  -- trigger bumps the serial.
  PERFORM ngnpro.enum_bump_serials(ARRAY(SELECT DISTINCT n.range_id FROM ngnpro.enum_numbers n
                                          WHERE n.id = ANY (numbers) ORDER BY 1));
  RETURN NULL;
END $$;


-- ---------------------------------------------------------------------------------------------
-- TRUNCATE fires no row or statement DELETE triggers: clear what came from the emptied tables.

CREATE FUNCTION ngnpro.enum_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  zone integer;
  num bigint;
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'enum_ranges' THEN
      FOR zone IN SELECT DISTINCT r.ngn_src_id FROM pdns.records r WHERE r.ngn_src = 'enum_range' LOOP
        PERFORM ngnpro.pdns_unpublish_zone(zone);
      END LOOP;
      DELETE FROM ngnpro.record_counts WHERE kind IN ('enum_range', 'enum_number');
    WHEN 'enum_numbers', 'enum_mappings' THEN
      FOR num IN SELECT DISTINCT r.ngn_src_id FROM pdns.records r WHERE r.ngn_src = 'enum_number' LOOP
        PERFORM ngnpro.pdns_remove_records('enum_number', num);
      END LOOP;
      IF TG_TABLE_NAME = 'enum_numbers' THEN
        DELETE FROM ngnpro.record_counts WHERE kind = 'enum_number';
      END IF;
  END CASE;
  RETURN NULL;
END $$;

-- Every table: the TRUNCATE trigger. Numbers and mappings: the same three statement triggers,
-- <table>_written() (006's habit: one sorted pass per statement).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['enum_ranges', 'enum_numbers', 'enum_mappings'] LOOP
    EXECUTE format('CREATE TRIGGER enum_truncated AFTER TRUNCATE ON ngnpro.%I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.enum_truncated()', t);
    CONTINUE WHEN t = 'enum_ranges';  -- its statement triggers count, declared above
    EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON ngnpro.%2$I REFERENCING NEW TABLE AS new_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.%3$I()', t || '_insert', t, t || '_written');
    EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE ON ngnpro.%2$I REFERENCING OLD TABLE AS old_rows'
                   ' NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.%3$I()',
                   t || '_update', t, t || '_written');
    EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON ngnpro.%2$I REFERENCING OLD TABLE AS old_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.%3$I()', t || '_delete', t, t || '_written');
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Counts: the truth for the ENUM kinds (006's record_counts_v has the SIP kinds).

CREATE VIEW ngnpro.enum_record_counts_v AS
SELECT 'enum_range'::text AS kind, 'customer'::text AS level, r.customer_id AS holder_id, count(*) AS n
  FROM ngnpro.enum_ranges r WHERE r.customer_id IS NOT NULL GROUP BY r.customer_id
UNION ALL
SELECT 'enum_range', 'reseller', r.reseller_id, count(*)
  FROM ngnpro.enum_ranges r WHERE r.reseller_id IS NOT NULL GROUP BY r.reseller_id
UNION ALL
SELECT 'enum_number', 'domain', n.range_id, count(*) FROM ngnpro.enum_numbers n GROUP BY n.range_id
UNION ALL
SELECT 'enum_number', 'customer', r.customer_id, count(*)
  FROM ngnpro.enum_numbers n JOIN ngnpro.enum_ranges r ON r.id = n.range_id
 WHERE r.customer_id IS NOT NULL GROUP BY r.customer_id
UNION ALL
SELECT 'enum_number', 'reseller', r.reseller_id, count(*)
  FROM ngnpro.enum_numbers n JOIN ngnpro.enum_ranges r ON r.id = n.range_id
 WHERE r.reseller_id IS NOT NULL GROUP BY r.reseller_id;

-- 006's forget_domain_counts dropped every kind's 'domain' row of a deleted SIP domain's id;
-- ranges take their ids from another sequence, so a range's 'enum_number' row can share the
-- number: only the SIP kinds are the SIP domain's.
CREATE OR REPLACE FUNCTION ngnpro.forget_domain_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ngnpro.record_counts
   WHERE kind IN ('sip_account', 'sip_alias') AND level = 'domain' AND holder_id = OLD.id;
  RETURN NULL;
END $$;

REVOKE EXECUTE ON FUNCTION
  ngnpro.enum_publish_range(ngnpro.enum_ranges),
  ngnpro.enum_publish_delegation(integer),
  ngnpro.enum_publish_nested_delegations(text, text),
  ngnpro.enum_bump_serials(integer[]),
  ngnpro.enum_publish_numbers(bigint[])
  FROM PUBLIC;
