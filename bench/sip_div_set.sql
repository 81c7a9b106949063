-- pgbench -M prepared -D accounts=N: the SQL of one Sip.setCallDiversions as the server runs it
-- for CDRTool's setCallDiversions envelope (FNOL, FNOA, FBUS to <voice-mailbox>; admin
-- impersonating reseller 1001) with its account u<0..N-1> (bench/sip_add.lua, BENCH_CYCLE=N);
-- checked with BENCH_CAPTURE=1 bench/run_sip_settings:
--   services/auth.cpp           one read, no transaction: customer identity of the impersonated 1001
--   services/sip_settings.cpp   set_call_diversions, one transaction (Database::write):
--     the account's row FOR NO KEY UPDATE with its domain's owners (visibility), the old set
--     deleted, the new one inserted; statement triggers (schema/019) rewrite the account's
--     kamailio.ngn_diversions rows in the same transaction.
\set n random(0, :accounts - 1)
SELECT id, reseller_id, impersonate, reseller_active, username, password_hash FROM ngnpro.customers WHERE id = 1001;
BEGIN;
SELECT a.id AS aid, COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0) FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id WHERE d.domain = 'cdrtool-test.example' AND a.username = 'u' || :n FOR NO KEY UPDATE OF a \gset
DELETE FROM ngnpro.sip_call_diversions WHERE account_id = :aid;
INSERT INTO ngnpro.sip_call_diversions (account_id, condition, redirect, target) SELECT :aid, c, r::boolean, t FROM unnest('{NOL,NOA,BUS}'::text[], '{f,f,f}'::text[], '{<voice-mailbox>,<voice-mailbox>,<voice-mailbox>}'::text[]) AS x (c, r, t);
COMMIT;
