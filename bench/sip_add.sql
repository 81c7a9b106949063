-- pgbench -M prepared: the SQL of one Sip.addAccount as the server runs it for CDRTool's
-- addAccount-cleartext envelope (admin impersonating reseller 1001, so the caller is a reseller).
-- (pgbench reads ":MI" as a variable, so to_char formats spell their colons chr(58).)
--   services/auth.cpp           one read, no transaction: customer identity of the impersonated 1001
--   services/sip_accounts.cpp   add_account, one pqxx::work:
--     find_sip_domain; require_active_reseller (customer 1001 FOR UPDATE);
--     require_credit (1001 FOR UPDATE again, then its sip_credit and record count in one read);
--     apply_rights (pstn_access, prepaid_changes properties); require_valid_owner_label (1001);
--     lock_sip_address (advisory xact lock); sip_alias_exists; insert_sip_account (+ triggers
--     that fill kamailio.subscriber and record_counts) and its group "prepaid";
--     find_sip_account (one statement with the account's lists).
-- The digests are computed in C++ by the server, so here they are constants. The username is
-- 'pb' || a random 53-bit number (a collision would insert nothing, not fail).
\set r random(1, 9000000000000000)
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001;
BEGIN;
SELECT d.id AS did, d.domain, COALESCE(d.customer_id, 0) AS dc, COALESCE(d.reseller_id, 0) AS dr, d.certificate, d.private_key, d.match_ip_address, d.match_sip_domain, d.verify_cert, d.require_cert, to_char(d.change_date, 'YYYY-MM-DD HH24' || chr(58) || 'MI' || chr(58) || 'SS') AS dcd FROM ngnpro.sip_domains d WHERE d.domain = 'cdrtool-test.example' \gset
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001 FOR UPDATE;
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001 FOR UPDATE;
SELECT (SELECT value FROM ngnpro.customer_properties WHERE customer_id = 1001 AND name = 'sip_credit'), COALESCE((SELECT n FROM ngnpro.record_counts WHERE kind = 'sip_account' AND level = 'reseller' AND holder_id = 1001), 0);
SELECT value FROM ngnpro.customer_properties WHERE customer_id = 1001 AND name = 'pstn_access';
SELECT value FROM ngnpro.customer_properties WHERE customer_id = 1001 AND name = 'prepaid_changes';
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001;
SELECT pg_advisory_xact_lock(hashtext(:did || '/pb' || :r));
SELECT EXISTS (SELECT 1 FROM ngnpro.sip_aliases WHERE domain_id = :did AND username = 'pb' || :r);
INSERT INTO ngnpro.sip_accounts (domain_id, username, ha1, ha1b, clear_password, first_name, last_name, email, timezone, rpid, quota, quickdial_prefix, call_limit, prepaid, region, timeout, owner_id, changed_by, changed_as) VALUES (:did, 'pb' || :r, '0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210', 'Bob-pw-456', 'Bob', 'Jones', 'bob@cdrtool-test.example', 'Europe/Amsterdam', '', 0, '', 0, true, '', 0, 1001, 'admin', 1001) ON CONFLICT (domain_id, username) DO NOTHING RETURNING id AS aid \gset
INSERT INTO ngnpro.sip_account_groups (account_id, name) SELECT DISTINCT :aid::bigint, u.name FROM unnest('{"prepaid"}'::text[]) AS u(name);
SELECT a.id, a.domain_id, a.username, d.domain, a.clear_password, a.first_name, a.last_name, a.email, a.timezone, a.rpid, a.quota, a.quickdial_prefix, a.call_limit, a.prepaid, a.region, a.timeout, a.owner_id, COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0), to_char(a.change_date, 'YYYY-MM-DD HH24' || chr(58) || 'MI' || chr(58) || 'SS'), to_char(a.create_date, 'YYYY-MM-DD HH24' || chr(58) || 'MI' || chr(58) || 'SS'), ARRAY(SELECT g.name FROM ngnpro.sip_account_groups g WHERE g.account_id = a.id ORDER BY g.name), ARRAY(SELECT ARRAY[l.ip, l.mask::text, l.tag] FROM ngnpro.sip_account_acls l WHERE l.account_id = a.id ORDER BY l.position), ARRAY(SELECT ARRAY[p.name, p.value] FROM ngnpro.sip_account_properties p WHERE p.account_id = a.id ORDER BY p.position) FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id WHERE d.domain = 'cdrtool-test.example' AND a.username = 'pb' || :r;
COMMIT;
