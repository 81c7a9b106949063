-- Per-subscriber settings (api §4.2.6, §5.8, §8.11, §8.12; issue 11): call diversions, accept
-- rules (persistent and temporary), reject list, barring prefixes and phonebook. Our tables in
-- schema ngnpro are the truth; every setting goes with its account (ON DELETE CASCADE).
--
-- Kamailio enforces them (the contract: /work/briefs/sip_contract.md, helper kam's cfg): the
-- rows it needs are copied into schema kamailio by triggers in the writing transaction, as
-- 003_kamailio.sql does for subscriber, and two STABLE functions there decide a call with one
-- query each (sqlops): kamailio.ngn_incoming (callee side) and kamailio.ngn_barred (caller side).
--
-- Trigger design: one refresh function rebuilds one kind of copy for a set of accounts from the
-- ngnpro rows (delete + insert: the sets are replaced whole by the API anyway and are bounded,
-- README "Limits"); statement-level triggers with transition tables call it once per statement
-- with the distinct accounts touched, so replacing 100 prefixes costs one refresh, not 100.
-- The account's row trigger keeps the copies' username/domain in step: 003 allows a rename only
-- with new ha1 and ha1b (NGK02), and such a rename re-copies every kind of the account.

CREATE TABLE ngnpro.sip_call_diversions (
    account_id  bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    condition   text NOT NULL CHECK (condition IN ('UNC', 'NOL', 'UNV', 'NOA', 'BUS')),
    redirect    boolean NOT NULL,           -- R... (302) rather than F... (proxied)
    target      text NOT NULL CHECK (target <> ''),  -- sip:/sips: URI or '<voice-mailbox>'
    PRIMARY KEY (account_id, condition, redirect)   -- F and R of one condition may both be set
);

CREATE TABLE ngnpro.sip_accept_rules (
    account_id    bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    days          integer NOT NULL CHECK (days BETWEEN 0 AND 127),   -- Mon=1 .. Sun=64
    start_minute  integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    stop_minute   integer NOT NULL CHECK (stop_minute BETWEEN 0 AND 1440),
    groups        text[] NOT NULL,
    PRIMARY KEY (account_id, position)
);

-- The temporary rule (do not disturb): at most one per account, over once until has passed.
CREATE TABLE ngnpro.sip_accept_temporary (
    account_id  bigint PRIMARY KEY REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    groups      text[] NOT NULL,
    until       timestamptz NOT NULL
);

CREATE TABLE ngnpro.sip_reject_members (
    account_id  bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    uri         text NOT NULL CHECK (uri <> '' AND uri = lower(uri)),  -- sip:user@domain, no parameters
    PRIMARY KEY (account_id, uri)
);

CREATE TABLE ngnpro.sip_barring_prefixes (
    account_id  bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    prefix      text NOT NULL CHECK (prefix ~ '^\+[1-9][0-9]*$'),
    PRIMARY KEY (account_id, prefix)
);

CREATE TABLE ngnpro.sip_phonebook (
    account_id  bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    uri         text NOT NULL CHECK (uri <> ''),
    name        text NOT NULL DEFAULT '',
    grp         text NOT NULL DEFAULT '',   -- '' = in no group
    PRIMARY KEY (account_id, uri)
);
CREATE INDEX sip_phonebook_group_idx ON ngnpro.sip_phonebook (account_id, grp);

-- ---------------------------------------------------------------------------------------------
-- Kamailio's copies (read by role kamailio through the functions below). ngn_account_id is the
-- provenance column, = ngnpro.sip_accounts.id.

CREATE TABLE kamailio.ngn_account_routing (
    ngn_account_id     bigint PRIMARY KEY,
    username           text NOT NULL,
    domain             text NOT NULL,
    timezone           text NOT NULL DEFAULT '',   -- IANA name or '' (= UTC); never an invalid one
    no_answer_timeout  integer NOT NULL DEFAULT 0, -- seconds; 0 = the proxy's default
    temp_groups        text[],                     -- NULL = no temporary rule
    temp_until         timestamptz,
    UNIQUE (username, domain)
);

CREATE TABLE kamailio.ngn_diversions (
    ngn_account_id  bigint NOT NULL,
    username        text NOT NULL,
    domain          text NOT NULL,
    condition       text NOT NULL CHECK (condition IN ('UNC', 'NOL', 'UNV', 'NOA', 'BUS')),
    redirect        boolean NOT NULL,
    target          text NOT NULL,
    UNIQUE (ngn_account_id, condition)
);

CREATE TABLE kamailio.ngn_accept_rules (
    ngn_account_id  bigint NOT NULL,
    username        text NOT NULL,
    domain          text NOT NULL,
    days            integer NOT NULL,
    start_minute    integer NOT NULL,
    stop_minute     integer NOT NULL,
    groups          text[] NOT NULL
);
CREATE INDEX ngn_accept_rules_account_idx ON kamailio.ngn_accept_rules (ngn_account_id);

CREATE TABLE kamailio.ngn_reject_members (
    ngn_account_id  bigint NOT NULL,
    username        text NOT NULL,
    domain          text NOT NULL,
    caller          text NOT NULL
);
CREATE INDEX ngn_reject_members_account_idx ON kamailio.ngn_reject_members (ngn_account_id, caller);

CREATE TABLE kamailio.ngn_barring_prefixes (
    ngn_account_id  bigint NOT NULL,
    username        text NOT NULL,
    domain          text NOT NULL,
    prefix          text NOT NULL
);
CREATE INDEX ngn_barring_prefixes_account_idx ON kamailio.ngn_barring_prefixes (ngn_account_id);
CREATE INDEX ngn_barring_prefixes_user_idx ON kamailio.ngn_barring_prefixes (username, domain);

CREATE TABLE kamailio.ngn_phonebook (
    ngn_account_id  bigint NOT NULL,
    username        text NOT NULL,
    domain          text NOT NULL,
    uri             text NOT NULL,
    grp             text NOT NULL
);
CREATE INDEX ngn_phonebook_account_idx ON kamailio.ngn_phonebook (ngn_account_id, uri);

GRANT SELECT ON kamailio.ngn_account_routing, kamailio.ngn_diversions, kamailio.ngn_accept_rules,
    kamailio.ngn_reject_members, kamailio.ngn_barring_prefixes, kamailio.ngn_phonebook TO kamailio;

-- ---------------------------------------------------------------------------------------------
-- A caller's address as the reject list and the phonebook store it: the URI inside <>, without
-- parameters or headers, lower-case ('"Bob" <SIP:Bob@Example.com;tag=1>' -> 'sip:bob@example.com').
CREATE FUNCTION kamailio.ngn_caller_uri(p text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(btrim(regexp_replace(
           CASE WHEN p ~ '<[^>]*>' THEN substring(p FROM '<([^>]*)>') ELSE p END,
           '[;?].*$', '')))
$$;

-- A timezone PostgreSQL knows, else '' (UTC): sip_accounts.timezone is free text, and
-- ngn_incoming must never fail on a call because of it. Checked when copied, not per call.
CREATE FUNCTION ngnpro.kamailio_timezone(p text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p = '' THEN RETURN ''; END IF;
  PERFORM now() AT TIME ZONE p;
  RETURN p;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN '';
END $$;

-- Rebuild one kind of copy ('routing', 'diversions', 'accept', 'reject', 'barring', 'phonebook')
-- for the given accounts from the ngnpro rows; an account that is gone loses its copies.
CREATE FUNCTION ngnpro.kamailio_refresh_settings(p_kind text, p_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  CASE p_kind
    WHEN 'routing' THEN
      DELETE FROM kamailio.ngn_account_routing k
       WHERE k.ngn_account_id = ANY (p_ids)
         AND NOT EXISTS (SELECT FROM ngnpro.sip_accounts a WHERE a.id = k.ngn_account_id);
      INSERT INTO kamailio.ngn_account_routing
             (ngn_account_id, username, domain, timezone, no_answer_timeout, temp_groups, temp_until)
      SELECT a.id, a.username, d.domain, ngnpro.kamailio_timezone(a.timezone), greatest(a.timeout, 0),
             t.groups, t.until
        FROM ngnpro.sip_accounts a
        JOIN ngnpro.sip_domains d ON d.id = a.domain_id
        LEFT JOIN ngnpro.sip_accept_temporary t ON t.account_id = a.id
       WHERE a.id = ANY (p_ids)
      ON CONFLICT (ngn_account_id) DO UPDATE
         SET username = EXCLUDED.username, domain = EXCLUDED.domain, timezone = EXCLUDED.timezone,
             no_answer_timeout = EXCLUDED.no_answer_timeout, temp_groups = EXCLUDED.temp_groups,
             temp_until = EXCLUDED.temp_until
       WHERE (ngn_account_routing.username, ngn_account_routing.domain, ngn_account_routing.timezone,
              ngn_account_routing.no_answer_timeout, ngn_account_routing.temp_groups,
              ngn_account_routing.temp_until)
             IS DISTINCT FROM (EXCLUDED.username, EXCLUDED.domain, EXCLUDED.timezone,
                               EXCLUDED.no_answer_timeout, EXCLUDED.temp_groups, EXCLUDED.temp_until);
    WHEN 'diversions' THEN
      DELETE FROM kamailio.ngn_diversions WHERE ngn_account_id = ANY (p_ids);
      -- api §8.11: when F and R of one condition are both set, F wins (redirect false first).
      INSERT INTO kamailio.ngn_diversions (ngn_account_id, username, domain, condition, redirect, target)
      SELECT DISTINCT ON (v.account_id, v.condition)
             v.account_id, a.username, d.domain, v.condition, v.redirect, v.target
        FROM ngnpro.sip_call_diversions v
        JOIN ngnpro.sip_accounts a ON a.id = v.account_id
        JOIN ngnpro.sip_domains d ON d.id = a.domain_id
       WHERE v.account_id = ANY (p_ids)
       ORDER BY v.account_id, v.condition, v.redirect;
    WHEN 'accept' THEN
      DELETE FROM kamailio.ngn_accept_rules WHERE ngn_account_id = ANY (p_ids);
      INSERT INTO kamailio.ngn_accept_rules
             (ngn_account_id, username, domain, days, start_minute, stop_minute, groups)
      SELECT r.account_id, a.username, d.domain, r.days, r.start_minute, r.stop_minute, r.groups
        FROM ngnpro.sip_accept_rules r
        JOIN ngnpro.sip_accounts a ON a.id = r.account_id
        JOIN ngnpro.sip_domains d ON d.id = a.domain_id
       WHERE r.account_id = ANY (p_ids);
    WHEN 'reject' THEN
      DELETE FROM kamailio.ngn_reject_members WHERE ngn_account_id = ANY (p_ids);
      INSERT INTO kamailio.ngn_reject_members (ngn_account_id, username, domain, caller)
      SELECT m.account_id, a.username, d.domain, m.uri
        FROM ngnpro.sip_reject_members m
        JOIN ngnpro.sip_accounts a ON a.id = m.account_id
        JOIN ngnpro.sip_domains d ON d.id = a.domain_id
       WHERE m.account_id = ANY (p_ids);
    WHEN 'barring' THEN
      DELETE FROM kamailio.ngn_barring_prefixes WHERE ngn_account_id = ANY (p_ids);
      INSERT INTO kamailio.ngn_barring_prefixes (ngn_account_id, username, domain, prefix)
      SELECT b.account_id, a.username, d.domain, b.prefix
        FROM ngnpro.sip_barring_prefixes b
        JOIN ngnpro.sip_accounts a ON a.id = b.account_id
        JOIN ngnpro.sip_domains d ON d.id = a.domain_id
       WHERE b.account_id = ANY (p_ids);
    WHEN 'phonebook' THEN
      DELETE FROM kamailio.ngn_phonebook WHERE ngn_account_id = ANY (p_ids);
      -- Matched against the caller the way ngn_incoming normalises it.
      INSERT INTO kamailio.ngn_phonebook (ngn_account_id, username, domain, uri, grp)
      SELECT p.account_id, a.username, d.domain, kamailio.ngn_caller_uri(p.uri), p.grp
        FROM ngnpro.sip_phonebook p
        JOIN ngnpro.sip_accounts a ON a.id = p.account_id
        JOIN ngnpro.sip_domains d ON d.id = a.domain_id
       WHERE p.account_id = ANY (p_ids) AND p.grp <> '';
  END CASE;
END $$;

-- Statement triggers of the settings tables: TG_ARGV[0] is the kind. Transition tables hold
-- the statement's rows; a cascade from a deleted account arrives here too (and finds no account).
CREATE FUNCTION ngnpro.kamailio_sync_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT account_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT account_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x.account_id) INTO ids
      FROM (SELECT account_id FROM old_rows UNION SELECT account_id FROM new_rows) x;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM ngnpro.kamailio_refresh_settings(TG_ARGV[0], ids);
  END IF;
  RETURN NULL;
END $$;

-- TRUNCATE fires no row or transition triggers: clear the copies of the emptied table.
CREATE FUNCTION ngnpro.kamailio_sync_settings_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_ARGV[0]
    WHEN 'routing' THEN
      IF TG_TABLE_NAME = 'sip_accounts' THEN
        DELETE FROM kamailio.ngn_account_routing;
      ELSE
        UPDATE kamailio.ngn_account_routing SET temp_groups = NULL, temp_until = NULL
         WHERE temp_groups IS NOT NULL;
      END IF;
    WHEN 'diversions' THEN DELETE FROM kamailio.ngn_diversions;
    WHEN 'accept' THEN DELETE FROM kamailio.ngn_accept_rules;
    WHEN 'reject' THEN DELETE FROM kamailio.ngn_reject_members;
    WHEN 'barring' THEN DELETE FROM kamailio.ngn_barring_prefixes;
    WHEN 'phonebook' THEN DELETE FROM kamailio.ngn_phonebook;
  END CASE;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('sip_call_diversions', 'diversions'), ('sip_accept_rules', 'accept'),
                                 ('sip_accept_temporary', 'routing'), ('sip_reject_members', 'reject'),
                                 ('sip_barring_prefixes', 'barring'), ('sip_phonebook', 'phonebook'))
                          v (tab, kind)
  LOOP
    EXECUTE format('CREATE TRIGGER kamailio_sync_ins AFTER INSERT ON ngnpro.%I
                      REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_settings(%L)', t.tab, t.kind);
    EXECUTE format('CREATE TRIGGER kamailio_sync_upd AFTER UPDATE ON ngnpro.%I
                      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_settings(%L)', t.tab, t.kind);
    EXECUTE format('CREATE TRIGGER kamailio_sync_del AFTER DELETE ON ngnpro.%I
                      REFERENCING OLD TABLE AS old_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_settings(%L)', t.tab, t.kind);
    EXECUTE format('CREATE TRIGGER kamailio_sync_truncate AFTER TRUNCATE ON ngnpro.%I
                      FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_settings_truncate(%L)', t.tab, t.kind);
  END LOOP;
END $$ ;

-- The account: its routing row follows insert, delete, timezone and timeout; a rename (003
-- allows one with new digests) re-copies every kind, whose rows carry username and domain.
CREATE FUNCTION ngnpro.kamailio_sync_account_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  kind text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM ngnpro.kamailio_refresh_settings('routing', ARRAY[OLD.id]);
    RETURN NULL;
  END IF;
  PERFORM ngnpro.kamailio_refresh_settings('routing', ARRAY[NEW.id]);
  IF TG_OP = 'UPDATE' AND (NEW.username <> OLD.username OR NEW.domain_id <> OLD.domain_id) THEN
    FOREACH kind IN ARRAY ARRAY['diversions', 'accept', 'reject', 'barring', 'phonebook'] LOOP
      PERFORM ngnpro.kamailio_refresh_settings(kind, ARRAY[NEW.id]);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kamailio_sync_settings AFTER INSERT OR DELETE OR UPDATE OF username, domain_id, timezone, timeout
  ON ngnpro.sip_accounts FOR EACH ROW EXECUTE FUNCTION ngnpro.kamailio_sync_account_settings();
CREATE TRIGGER kamailio_sync_settings_truncate AFTER TRUNCATE ON ngnpro.sip_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ngnpro.kamailio_sync_settings_truncate('routing');

-- Existing accounts get their routing row.
SELECT ngnpro.kamailio_refresh_settings('routing', ARRAY(SELECT id FROM ngnpro.sip_accounts));

-- ---------------------------------------------------------------------------------------------
-- The decisions, for kamailio.cfg (sqlops, one query per INVITE). They read only kamailio.*,
-- run with the caller's rights (SECURITY INVOKER) and change nothing (STABLE).

-- The groups of a rule admit a caller when they contain 'everybody' or one of the caller's
-- phonebook groups; 'nobody' (or an empty list) admits no one.
CREATE FUNCTION kamailio.ngn_groups_admit(p_groups text[], p_caller_groups text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'everybody' = ANY (p_groups) OR p_groups && p_caller_groups
$$;

-- The callee's side (api §8.11, §8.12). Accept rules: while a temporary rule runs
-- (temp_until > now()) only it decides; otherwise the persistent rules that cover the current
-- minute and weekday in the account's timezone decide (a rule covers [start, stop); start > stop
-- wraps past midnight; start = stop is the whole day), and the caller is accepted when one of
-- them admits it. Rules are a schedule: at a time none covers the call is refused (FUNV applies,
-- api §8.12: "accepted during [start, stop)"); an account without rules accepts everybody.
CREATE FUNCTION kamailio.ngn_incoming(p_username text, p_domain text, p_caller text)
RETURNS TABLE (rejected boolean, accepted boolean,
               unc text, unc_redirect boolean, nol text, nol_redirect boolean,
               unv text, unv_redirect boolean, noa text, noa_redirect boolean,
               bus text, bus_redirect boolean, no_answer_timeout integer)
LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
DECLARE
  r kamailio.ngn_account_routing%ROWTYPE;
  caller_uri text := kamailio.ngn_caller_uri(p_caller);
  caller_groups text[];
  local_time timestamp;
  day_bit integer;
  minute integer;
BEGIN
  SELECT * INTO r FROM kamailio.ngn_account_routing k WHERE k.username = p_username AND k.domain = p_domain;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  caller_groups := ARRAY(SELECT p.grp FROM kamailio.ngn_phonebook p
                          WHERE p.ngn_account_id = r.ngn_account_id AND p.uri = caller_uri);
  rejected := EXISTS (SELECT FROM kamailio.ngn_reject_members m
                       WHERE m.ngn_account_id = r.ngn_account_id AND m.caller = caller_uri);
  IF r.temp_groups IS NOT NULL AND r.temp_until > now() THEN
    accepted := kamailio.ngn_groups_admit(r.temp_groups, caller_groups);
  ELSE
    local_time := now() AT TIME ZONE (CASE WHEN r.timezone = '' THEN 'UTC' ELSE r.timezone END);
    day_bit := 1 << (extract(isodow FROM local_time)::integer - 1);
    minute := extract(hour FROM local_time)::integer * 60 + extract(minute FROM local_time)::integer;
    SELECT count(*) = 0 OR coalesce(bool_or(
             a.days & day_bit <> 0
             AND CASE WHEN a.start_minute < a.stop_minute THEN minute >= a.start_minute AND minute < a.stop_minute
                      WHEN a.start_minute > a.stop_minute THEN minute >= a.start_minute OR minute < a.stop_minute
                      ELSE true END
             AND kamailio.ngn_groups_admit(a.groups, caller_groups)), false)
      INTO accepted
      FROM kamailio.ngn_accept_rules a
     WHERE a.ngn_account_id = r.ngn_account_id;
  END IF;
  SELECT d.target, d.redirect INTO unc, unc_redirect FROM kamailio.ngn_diversions d
   WHERE d.ngn_account_id = r.ngn_account_id AND d.condition = 'UNC';
  SELECT d.target, d.redirect INTO nol, nol_redirect FROM kamailio.ngn_diversions d
   WHERE d.ngn_account_id = r.ngn_account_id AND d.condition = 'NOL';
  SELECT d.target, d.redirect INTO unv, unv_redirect FROM kamailio.ngn_diversions d
   WHERE d.ngn_account_id = r.ngn_account_id AND d.condition = 'UNV';
  SELECT d.target, d.redirect INTO noa, noa_redirect FROM kamailio.ngn_diversions d
   WHERE d.ngn_account_id = r.ngn_account_id AND d.condition = 'NOA';
  SELECT d.target, d.redirect INTO bus, bus_redirect FROM kamailio.ngn_diversions d
   WHERE d.ngn_account_id = r.ngn_account_id AND d.condition = 'BUS';
  no_answer_timeout := r.no_answer_timeout;
  RETURN NEXT;
END $$;

-- The caller's side: p_number ('+<digits>', the cfg turns '00...' into '+...') starts with one
-- of the account's barring prefixes.
CREATE FUNCTION kamailio.ngn_barred(p_username text, p_domain text, p_number text) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT EXISTS (SELECT FROM kamailio.ngn_barring_prefixes b
                  WHERE b.username = p_username AND b.domain = p_domain
                    AND left(p_number, length(b.prefix)) = b.prefix)
$$;

REVOKE EXECUTE ON FUNCTION ngnpro.kamailio_refresh_settings(text, bigint[]), ngnpro.kamailio_timezone(text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kamailio.ngn_incoming(text, text, text), kamailio.ngn_barred(text, text, text),
  kamailio.ngn_caller_uri(text), kamailio.ngn_groups_admit(text[], text[]) TO kamailio;
