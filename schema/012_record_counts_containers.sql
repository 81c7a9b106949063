-- record_counts (006) for the credits of the Dns and Enum ports (api §8.5): DNS zones and ENUM
-- ranges, which are containers and count at the customer and reseller levels only, and MBOXFW
-- fancy records ('email') and ENUM numbers, which count like SIP accounts: per container (level
-- 'domain', holder = the zone's or range's id), per customer and per reseller of the container.
--
-- The counting triggers live with their tables (013_dns.sql, 014_enum.sql); they call the two
-- generic functions below. A transaction that changes several kinds changes children before
-- their container (email before dns_zone, enum_number before enum_range), which extends 006's
-- lock order. record_counts_v and recount_records() learn the new kinds in 015.

ALTER TABLE ngnpro.record_counts DROP CONSTRAINT record_counts_kind_check;
ALTER TABLE ngnpro.record_counts ADD CONSTRAINT record_counts_kind_check
  CHECK (kind IN ('sip_account', 'sip_alias', 'dns_zone', 'email', 'enum_range', 'enum_number'));

-- 006's add_domain_record_counts for any container table: per-container deltas of one kind go
-- to the containers' rows first, then, read in a new statement once those rows are ours, to the
-- containers' customers and resellers. p_table is a table of schema ngnpro with customer_id and
-- reseller_id columns (a fixed name from a trigger, never client input).
CREATE FUNCTION ngnpro.add_container_record_counts(p_kind text, p_table name, p_containers bigint[],
                                                   p_deltas bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  levels text[];
  holders bigint[];
  deltas bigint[];
BEGIN
  FOR r IN
    SELECT u.container_id, sum(u.delta)::bigint AS delta
      FROM unnest(p_containers, p_deltas) AS u(container_id, delta)
     GROUP BY u.container_id
    HAVING sum(u.delta) <> 0
     ORDER BY u.container_id
  LOOP
    PERFORM ngnpro.add_record_count(p_kind, 'domain', r.container_id, r.delta);
  END LOOP;

  EXECUTE format(
    'SELECT array_agg(o.level), array_agg(o.holder_id), array_agg(o.delta)'
    '  FROM unnest($1, $2) AS u(container_id, delta)'
    '  JOIN ngnpro.%I c ON c.id = u.container_id'
    ' CROSS JOIN LATERAL (VALUES (''customer'', c.customer_id, u.delta),'
    '                            (''reseller'', c.reseller_id, u.delta)) AS o(level, holder_id, delta)',
    p_table)
    INTO levels, holders, deltas
    USING p_containers, p_deltas;
  IF levels IS NOT NULL THEN
    PERFORM ngnpro.add_owner_record_counts(p_kind, levels, holders, deltas);
  END IF;
END $$;

-- 006's count_moved_domain for one kind of child and any container: a container given to
-- another customer or reseller carries its children's count along. Call from an AFTER UPDATE
-- row trigger of the container when customer_id or reseller_id changed.
CREATE FUNCTION ngnpro.move_container_record_counts(p_kind text, p_container bigint,
                                                    p_old_customer bigint, p_new_customer bigint,
                                                    p_old_reseller bigint, p_new_reseller bigint)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  -- Locked first, created if missing, so that adds in flight in this container are waited for.
  INSERT INTO ngnpro.record_counts (kind, level, holder_id, n) VALUES (p_kind, 'domain', p_container, 0)
  ON CONFLICT (kind, level, holder_id) DO NOTHING;
  SELECT c.n INTO moved FROM ngnpro.record_counts c
   WHERE c.kind = p_kind AND c.level = 'domain' AND c.holder_id = p_container
     FOR UPDATE;
  IF COALESCE(moved, 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM ngnpro.add_owner_record_counts(
    p_kind,
    ARRAY['customer', 'customer', 'reseller', 'reseller'],
    ARRAY[p_old_customer, p_new_customer, p_old_reseller, p_new_reseller],
    ARRAY[-moved, moved, -moved, moved]);
END $$;

REVOKE EXECUTE ON FUNCTION
  ngnpro.add_container_record_counts(text, name, bigint[], bigint[]),
  ngnpro.move_container_record_counts(text, bigint, bigint, bigint, bigint, bigint)
  FROM PUBLIC;
