-- pgbench -M prepared: the SQL of one Dns.addRecord as the server runs it for CDRTool's
-- addRecord envelope (A record, admin impersonating reseller 1001), checked against
-- log_statement = all (`BENCH_CAPTURE=1 bench/run_dns` prints it again).
-- (pgbench reads ":MI" as a variable, so to_char formats spell their colons chr(58).)
--   services/auth.cpp           one read, no transaction: customer identity of the impersonated 1001
--   services/dns_records.cpp    add_row, one pqxx::work:
--     lock_dns_zone (the zone's row FOR UPDATE: every writer of the zone queues here);
--     require_active_reseller (customer 1001 FOR UPDATE); require_name_free (CNAME and URL
--     conflicts of the name); insert_dns_record (+ the statement trigger that publishes the
--     record to pdns.records and bumps the zone's serial, which rewrites its SOA row).
-- The name is 'pb' || a random 53-bit number under the zone (a collision would insert nothing,
-- not fail).
\set r random(1, 9000000000000000)
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001;
BEGIN;
SELECT d.id AS zid, d.name AS zname, d.ttl AS zttl, d.refresh AS zrefresh, d.retry AS zretry, d.expire AS zexpire, d.minimum AS zminimum, d.nameservers AS zns, d.email AS zemail, d.serial AS zserial, COALESCE(d.customer_id, 0) AS zc, COALESCE(d.reseller_id, 0) AS zr, d.info AS zinfo, to_char(d.change_date, 'YYYY-MM-DD HH24' || chr(58) || 'MI' || chr(58) || 'SS') AS zcd FROM ngnpro.dns_zones d WHERE d.name = 'cdrtool-test.example' FOR UPDATE \gset
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001 FOR UPDATE;
SELECT EXISTS (SELECT FROM ngnpro.dns_records WHERE zone_id = :zid AND name = 'pb' || :r || '.cdrtool-test.example' AND id <> 0 AND type = 'CNAME'), EXISTS (SELECT FROM ngnpro.dns_records WHERE zone_id = :zid AND name = 'pb' || :r || '.cdrtool-test.example' AND id <> 0 AND type <> 'CNAME'), EXISTS (SELECT FROM ngnpro.dns_records WHERE zone_id = :zid AND name = 'pb' || :r || '.cdrtool-test.example' AND id <> 0 AND type IN ('A', 'AAAA')), EXISTS (SELECT FROM ngnpro.dns_fancy_records WHERE zone_id = :zid AND name = 'pb' || :r || '.cdrtool-test.example' AND id <> 0 AND type = 'URL');
INSERT INTO ngnpro.dns_records (zone_id, name, type, value, content, ttl, priority, owner_id, changed_by, changed_as) VALUES (:zid, 'pb' || :r || '.cdrtool-test.example', 'A', '192.0.2.80', '192.0.2.80', 3600, 0, 0, 'admin', 1001) ON CONFLICT DO NOTHING RETURNING id;
COMMIT;
