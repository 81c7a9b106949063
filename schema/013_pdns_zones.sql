-- Publishing to PowerDNS, shared by DNS zones (014_dns.sql) and ENUM ranges (015_enum.sql): a
-- zone or range is one pdns.domains row (id = the zone's or range's id, from
-- ngnpro.dns_domain_ids) with its SOA and NS rows; the records inside it are rows whose
-- provenance (ngn_src, ngn_src_id) names the ngnpro row that made them (010_pdns.sql).
--
-- The tables' triggers call these functions only; nothing else writes schema pdns. PowerDNS runs
-- without caches (config/pdns/pdns.conf), so a committed change is answered at once and no
-- reload notification is needed.
--
-- (012's comments name the DNS and ENUM files 013 and 014 and the record_counts_v update 015:
-- they are 014_dns.sql, 015_enum.sql and 016.)
--
-- Serial (api §8.14): YYYYMMDDnn in UTC, strictly increasing. A change to anything inside a
-- container bumps the container's serial in the same transaction by an UPDATE of the container
-- row, whose row lock also serializes the writers of one zone; the container's AFTER UPDATE
-- trigger then rewrites the SOA. The 100th change of a day goes to the next day's numbers
-- (YYYYMMDD99 + 1), as BIND's and PowerDNS's own YYYYMMDDnn editing does: still increasing.

-- Transaction time (now()), so every bump in one transaction agrees on the day.
CREATE FUNCTION ngnpro.next_zone_serial(p_current bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT greatest(coalesce(p_current, 0) + 1,
                  to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD')::bigint * 100)
$$;

-- SOA RNAME from an e-mail address: the '@' becomes a dot and dots of the local part are
-- escaped, host.master@example.com -> host\.master.example.com (SCHEMA-MAPPING §1, tested with
-- dig). The service layer only stores addresses with exactly one '@'.
CREATE FUNCTION ngnpro.soa_rname(p_email text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(split_part(p_email, '@', 1), '.', '\.') || '.' || split_part(p_email, '@', 2)
$$;

CREATE FUNCTION ngnpro.soa_content(p_nameserver text, p_email text, p_serial bigint,
                                   p_refresh integer, p_retry integer, p_expire integer,
                                   p_minimum integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(' ', p_nameserver, ngnpro.soa_rname(p_email), p_serial, p_refresh, p_retry,
                   p_expire, p_minimum)
$$;

-- Creates or rewrites a container's domain with its SOA (primary = first name server) and one NS
-- per name server. p_src is the provenance of the SOA and NS rows ('dns_zone' or 'enum_range').
-- A rename is refused: the names of every record inside would have to change with it.
CREATE FUNCTION ngnpro.pdns_publish_zone(p_src text, p_id integer, p_name text, p_ttl integer,
                                         p_email text, p_serial bigint, p_refresh integer,
                                         p_retry integer, p_expire integer, p_minimum integer,
                                         p_nameservers text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  published text;
BEGIN
  IF coalesce(array_length(p_nameservers, 1), 0) = 0 THEN
    RAISE EXCEPTION 'zone % has no name server', p_name USING ERRCODE = 'check_violation';
  END IF;
  SELECT d.name INTO published FROM pdns.domains d WHERE d.id = p_id;
  IF published IS NULL THEN
    INSERT INTO pdns.domains (id, name, type) VALUES (p_id, p_name, 'NATIVE');
  ELSIF published <> p_name THEN
    RAISE EXCEPTION 'zone % cannot be renamed to %', published, p_name
      USING ERRCODE = 'check_violation';
  END IF;
  DELETE FROM pdns.records r WHERE r.ngn_src = p_src AND r.ngn_src_id = p_id;
  INSERT INTO pdns.records (domain_id, name, type, content, ttl, prio, ngn_src, ngn_src_id)
  SELECT p_id, p_name, 'SOA',
         ngnpro.soa_content(p_nameservers[1], p_email, p_serial, p_refresh, p_retry, p_expire,
                            p_minimum),
         p_ttl, 0, p_src, p_id
  UNION ALL
  SELECT p_id, p_name, 'NS', ns.name, p_ttl, 0, p_src, p_id
    FROM unnest(p_nameservers) AS ns(name);
END $$;

-- The cheap path of a serial bump: only the SOA row changes (one index lookup, one row).
CREATE FUNCTION ngnpro.pdns_publish_soa(p_src text, p_id integer, p_ttl integer, p_email text,
                                        p_serial bigint, p_refresh integer, p_retry integer,
                                        p_expire integer, p_minimum integer,
                                        p_nameservers text[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE pdns.records r
     SET content = ngnpro.soa_content(p_nameservers[1], p_email, p_serial, p_refresh, p_retry,
                                      p_expire, p_minimum),
         ttl = p_ttl
   WHERE r.ngn_src = p_src AND r.ngn_src_id = p_id AND r.type = 'SOA'
$$;

-- Removes a container with every row inside it (pdns.records cascade from pdns.domains).
CREATE FUNCTION ngnpro.pdns_unpublish_zone(p_id integer) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM pdns.domains d WHERE d.id = p_id
$$;

-- Replaces what one ngnpro row publishes (a record, a fancy record, an ENUM number's NAPTR
-- set) with the given rows, all in domain p_domain_id. Empty arrays only remove. Names are
-- fully qualified, lower-case and without the trailing dot; prio carries MX and SRV priorities
-- (SCHEMA-MAPPING §4), 0 for the other types.
CREATE FUNCTION ngnpro.pdns_replace_records(p_src text, p_src_id bigint, p_domain_id integer,
                                            p_names text[], p_types text[], p_contents text[],
                                            p_ttls integer[], p_prios integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM pdns.records r WHERE r.ngn_src = p_src AND r.ngn_src_id = p_src_id;
  INSERT INTO pdns.records (domain_id, name, type, content, ttl, prio, ngn_src, ngn_src_id)
  SELECT p_domain_id, u.name, u.type, u.content, u.ttl, coalesce(u.prio, 0), p_src, p_src_id
    FROM unnest(p_names, p_types, p_contents, p_ttls, p_prios) AS u(name, type, content, ttl, prio);
END $$;

CREATE FUNCTION ngnpro.pdns_remove_records(p_src text, p_src_id bigint) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM pdns.records r WHERE r.ngn_src = p_src AND r.ngn_src_id = p_src_id
$$;

-- Name of the zone of ENUM digits (a range's prefix, or a whole number) under a tld:
-- '31208005', 'e164.arpa' -> '5.0.0.8.0.2.1.3.e164.arpa' (api §9.1 row 13).
CREATE FUNCTION ngnpro.enum_domain_name(p_digits text, p_tld text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT regexp_replace(reverse(p_digits), '(.)', '\1.', 'g') || p_tld
$$;

REVOKE EXECUTE ON FUNCTION
  ngnpro.pdns_publish_zone(text, integer, text, integer, text, bigint, integer, integer, integer,
                           integer, text[]),
  ngnpro.pdns_publish_soa(text, integer, integer, text, bigint, integer, integer, integer,
                          integer, text[]),
  ngnpro.pdns_unpublish_zone(integer),
  ngnpro.pdns_replace_records(text, bigint, integer, text[], text[], text[], integer[], integer[]),
  ngnpro.pdns_remove_records(text, bigint)
  FROM PUBLIC;
