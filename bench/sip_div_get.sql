-- pgbench -M prepared -D accounts=N: the SQL of one Sip.getCallDiversions as the server runs it
-- for CDRTool's getCallDiversions envelope (admin impersonating reseller 1001) with its account
-- u<0..N-1> (bench/sip_add.lua, BENCH_CYCLE=N); checked with BENCH_CAPTURE=1 bench/run_sip_settings:
--   services/auth.cpp           one read, no transaction: customer identity of the impersonated 1001
--   services/sip_settings.cpp   call_diversions, one read-only transaction (Database::read):
--     the account with its domain's owners (visibility), then its diversions in wire order.
\set n random(0, :accounts - 1)
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001;
BEGIN;
SET TRANSACTION READ ONLY;
SELECT a.id AS aid, COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0) FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id WHERE d.domain = 'cdrtool-test.example' AND a.username = 'u' || :n \gset
SELECT condition, redirect, target FROM ngnpro.sip_call_diversions WHERE account_id = :aid ORDER BY redirect, array_position(ARRAY['UNC','NOL','UNV','NOA','BUS'], condition);
COMMIT;
