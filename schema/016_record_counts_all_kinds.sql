-- record_counts_v and recount_records() know every kind of 006 and 012: SIP accounts and aliases
-- (006), DNS zones and e-mail forwards (014), ENUM ranges and numbers (015, its
-- enum_record_counts_v). Until now 014's recount_records() rebuilt the table without the ENUM
-- kinds, so a repair dropped their counts and the next deleteNumber failed its count check.

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
  FROM forwards f WHERE f.reseller_id IS NOT NULL GROUP BY f.reseller_id
UNION ALL
SELECT e.kind, e.level, e.holder_id, e.n FROM ngnpro.enum_record_counts_v e;

CREATE OR REPLACE FUNCTION ngnpro.recount_records() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  -- Writers in flight finish first and new ones wait until we commit; readers go on.
  LOCK TABLE ngnpro.sip_domains, ngnpro.sip_accounts, ngnpro.sip_aliases, ngnpro.dns_zones,
             ngnpro.dns_records, ngnpro.dns_fancy_records, ngnpro.enum_ranges, ngnpro.enum_numbers,
             ngnpro.record_counts
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
