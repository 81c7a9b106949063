-- pgbench -M prepared: the SQL of one Sip.getAccount (admin, no impersonation) as the server runs
-- (pgbench reads ":MI" as a variable, so to_char formats spell their colons chr(58).)
-- it: services/sip_accounts.cpp get_account -> storage find_sip_account + load_lists, in a
-- pqxx::read_transaction ("BEGIN; SET TRANSACTION READ ONLY", sent here as two statements).
BEGIN;
SET TRANSACTION READ ONLY;
SELECT a.id AS aid, a.domain_id, a.username, d.domain, a.clear_password, a.first_name, a.last_name, a.email, a.timezone, a.rpid, a.quota, a.quickdial_prefix, a.call_limit, a.prepaid, a.region, a.timeout, a.owner_id, COALESCE(d.customer_id, 0) AS dc, COALESCE(d.reseller_id, 0) AS dr, to_char(a.change_date, 'YYYY-MM-DD HH24' || chr(58) || 'MI' || chr(58) || 'SS') AS cd, to_char(a.create_date, 'YYYY-MM-DD HH24' || chr(58) || 'MI' || chr(58) || 'SS') AS crd FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id WHERE d.domain = 'cdrtool-test.example' AND a.username = 'alice' \gset
SELECT account_id, name FROM ngnpro.sip_account_groups WHERE account_id = ANY(('{' || :aid || '}')::bigint[]) ORDER BY account_id, name;
SELECT account_id, ip, mask, tag FROM ngnpro.sip_account_acls WHERE account_id = ANY(('{' || :aid || '}')::bigint[]) ORDER BY account_id, position;
SELECT account_id, name, value FROM ngnpro.sip_account_properties WHERE account_id = ANY(('{' || :aid || '}')::bigint[]) ORDER BY account_id, position;
COMMIT;
