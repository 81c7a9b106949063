-- SCRATCH, NOT A MIGRATION: delete this file when branch sip-settings (schema/019_sip_settings.sql)
-- is merged into kam-routing.
--
-- A stand-in for the kamailio.ngn_* tables and functions of the sipset/kam contract
-- (/work/briefs/sip_contract.md, issue 11), so that config/kamailio/kamailio.cfg and
-- tests/e2e/test_call_settings.py can be built before schema/019 exists. test_call_settings.py
-- applies it as superuser only when kamailio.ngn_account_routing does not exist yet, and drops
-- it again at the end (tests/e2e/sql/contract_scratch_drop.sql). No triggers: the test writes
-- these rows itself until the Sip port's set... methods exist.

CREATE TABLE kamailio.ngn_account_routing (
    ngn_account_id    bigint PRIMARY KEY,
    username          text NOT NULL,
    domain            text NOT NULL,
    timezone          text NOT NULL DEFAULT '',
    no_answer_timeout integer NOT NULL DEFAULT 0,
    temp_groups       text[],
    temp_until        timestamptz,
    UNIQUE (username, domain)
);

CREATE TABLE kamailio.ngn_diversions (
    ngn_account_id bigint NOT NULL,
    username       text NOT NULL,
    domain         text NOT NULL,
    condition      text NOT NULL CHECK (condition IN ('UNC', 'NOL', 'UNV', 'NOA', 'BUS')),
    redirect       boolean NOT NULL,
    target         text NOT NULL,
    UNIQUE (ngn_account_id, condition)
);

CREATE TABLE kamailio.ngn_accept_rules (
    ngn_account_id bigint NOT NULL,
    username       text NOT NULL,
    domain         text NOT NULL,
    days           integer NOT NULL,
    start_minute   integer NOT NULL,
    stop_minute    integer NOT NULL,
    groups         text[] NOT NULL
);
CREATE INDEX ON kamailio.ngn_accept_rules (ngn_account_id);

CREATE TABLE kamailio.ngn_reject_members (
    ngn_account_id bigint NOT NULL,
    username       text NOT NULL,
    domain         text NOT NULL,
    caller         text NOT NULL
);
CREATE INDEX ON kamailio.ngn_reject_members (ngn_account_id, caller);

CREATE TABLE kamailio.ngn_barring_prefixes (
    ngn_account_id bigint NOT NULL,
    username       text NOT NULL,
    domain         text NOT NULL,
    prefix         text NOT NULL
);
CREATE INDEX ON kamailio.ngn_barring_prefixes (username, domain);

CREATE TABLE kamailio.ngn_phonebook (
    ngn_account_id bigint NOT NULL,
    username       text NOT NULL,
    domain         text NOT NULL,
    uri            text NOT NULL,
    grp            text NOT NULL
);
CREATE INDEX ON kamailio.ngn_phonebook (ngn_account_id, uri);

-- 'sip:User@Example.com;user=phone' and '"Bob" <sip:bob@x>' -> 'sip:user@example.com'
CREATE FUNCTION kamailio.ngn_caller_key(p text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(regexp_replace(lower(coalesce(p, '')), '^[^<]*<', ''), '[;>?].*$', '')
$$;

CREATE FUNCTION kamailio.ngn_incoming(p_username text, p_domain text, p_caller text)
RETURNS TABLE (rejected boolean, accepted boolean,
               unc text, unc_redirect boolean, nol text, nol_redirect boolean,
               unv text, unv_redirect boolean, noa text, noa_redirect boolean,
               bus text, bus_redirect boolean, no_answer_timeout integer)
LANGUAGE sql STABLE SECURITY INVOKER AS $$
  WITH a AS (
    SELECT r.*, kamailio.ngn_caller_key(p_caller) AS caller,
           now() AT TIME ZONE coalesce(nullif(r.timezone, ''), 'UTC') AS local_now
      FROM kamailio.ngn_account_routing r
     WHERE r.username = p_username AND r.domain = p_domain
  )
  SELECT
    EXISTS (SELECT 1 FROM kamailio.ngn_reject_members m
             WHERE m.ngn_account_id = a.ngn_account_id AND m.caller = a.caller),
    CASE
      WHEN a.temp_groups IS NOT NULL AND a.temp_until > now() THEN
        'everybody' = ANY (a.temp_groups)
        OR EXISTS (SELECT 1 FROM kamailio.ngn_phonebook p
                    WHERE p.ngn_account_id = a.ngn_account_id AND p.uri = a.caller
                      AND p.grp = ANY (a.temp_groups))
      WHEN NOT EXISTS (SELECT 1 FROM kamailio.ngn_accept_rules x
                        WHERE x.ngn_account_id = a.ngn_account_id) THEN true
      ELSE EXISTS (
        SELECT 1 FROM kamailio.ngn_accept_rules x
         WHERE x.ngn_account_id = a.ngn_account_id
           AND x.days & (1 << (extract(isodow FROM a.local_now)::int - 1)) <> 0
           AND (extract(hour FROM a.local_now) * 60 + extract(minute FROM a.local_now))::int
               >= x.start_minute
           AND (extract(hour FROM a.local_now) * 60 + extract(minute FROM a.local_now))::int
               < x.stop_minute
           AND ('everybody' = ANY (x.groups)
                OR EXISTS (SELECT 1 FROM kamailio.ngn_phonebook p
                            WHERE p.ngn_account_id = a.ngn_account_id AND p.uri = a.caller
                              AND p.grp = ANY (x.groups))))
    END,
    d.unc, d.unc_r, d.nol, d.nol_r, d.unv, d.unv_r, d.noa, d.noa_r, d.bus, d.bus_r,
    a.no_answer_timeout
  FROM a
  LEFT JOIN LATERAL (
    SELECT max(target) FILTER (WHERE condition = 'UNC') AS unc,
           bool_or(redirect) FILTER (WHERE condition = 'UNC') AS unc_r,
           max(target) FILTER (WHERE condition = 'NOL') AS nol,
           bool_or(redirect) FILTER (WHERE condition = 'NOL') AS nol_r,
           max(target) FILTER (WHERE condition = 'UNV') AS unv,
           bool_or(redirect) FILTER (WHERE condition = 'UNV') AS unv_r,
           max(target) FILTER (WHERE condition = 'NOA') AS noa,
           bool_or(redirect) FILTER (WHERE condition = 'NOA') AS noa_r,
           max(target) FILTER (WHERE condition = 'BUS') AS bus,
           bool_or(redirect) FILTER (WHERE condition = 'BUS') AS bus_r
      FROM kamailio.ngn_diversions dv WHERE dv.ngn_account_id = a.ngn_account_id
  ) d ON true
$$;

CREATE FUNCTION kamailio.ngn_barred(p_username text, p_domain text, p_number text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT EXISTS (SELECT 1 FROM kamailio.ngn_barring_prefixes b
                  WHERE b.username = p_username AND b.domain = p_domain
                    AND starts_with(p_number, b.prefix))
$$;

GRANT SELECT ON kamailio.ngn_account_routing, kamailio.ngn_diversions, kamailio.ngn_accept_rules,
                kamailio.ngn_reject_members, kamailio.ngn_barring_prefixes, kamailio.ngn_phonebook
   TO kamailio;
GRANT EXECUTE ON FUNCTION kamailio.ngn_caller_key(text), kamailio.ngn_incoming(text, text, text),
                 kamailio.ngn_barred(text, text, text) TO kamailio;
