-- SIP domains, accounts, groups, aliases and trusted peers (api §4.2.1-4.2.5, §5.4-5.7): our
-- normalized tables, the truth. Kamailio's own tables are kept in step by triggers (003).
--
-- Ownership: a domain is assigned to a customer and/or reseller (NULL: the platform's own);
-- accounts and aliases inherit both from their domain through domain_id, so moving a domain
-- moves its children (api §8.5). Deleting a customer that still owns a domain or peer fails on
-- the foreign key (api §8.10).

CREATE TABLE ngnpro.sip_domains (
    id                bigserial PRIMARY KEY,
    domain            text NOT NULL UNIQUE CHECK (domain <> '' AND domain = lower(domain)),
    customer_id       bigint REFERENCES ngnpro.customers (id),
    reseller_id       bigint REFERENCES ngnpro.customers (id),
    certificate       text NOT NULL DEFAULT '',
    private_key       text NOT NULL DEFAULT '',
    match_ip_address  text NOT NULL DEFAULT '',
    match_sip_domain  text NOT NULL DEFAULT '',
    verify_cert       boolean NOT NULL DEFAULT false,
    require_cert      boolean NOT NULL DEFAULT false,
    create_date       timestamptz NOT NULL DEFAULT now(),
    change_date       timestamptz NOT NULL DEFAULT now(),
    changed_by        text NOT NULL DEFAULT '',
    changed_as        bigint NOT NULL DEFAULT 0
);
CREATE INDEX sip_domains_customer_idx ON ngnpro.sip_domains (customer_id);
CREATE INDEX sip_domains_reseller_idx ON ngnpro.sip_domains (reseller_id);

CREATE TABLE ngnpro.sip_accounts (
    id                bigserial PRIMARY KEY,
    -- No cascade: deleteDomain is refused while accounts remain (api §9.1 Q16).
    domain_id         bigint NOT NULL REFERENCES ngnpro.sip_domains (id),
    username          text NOT NULL CHECK (username <> '' AND username = lower(username)),
    -- ha1 = MD5(username:domain:password), ha1b = MD5(username@domain:domain:password) (api §8.7)
    ha1               text NOT NULL CHECK (ha1 ~ '^[0-9a-f]{32}$'),
    ha1b              text NOT NULL CHECK (ha1b ~ '^[0-9a-f]{32}$'),
    clear_password    text NOT NULL DEFAULT '',   -- kept only with store_clear_text_passwords
    first_name        text NOT NULL DEFAULT '',
    last_name         text NOT NULL DEFAULT '',
    email             text NOT NULL DEFAULT '',
    timezone          text NOT NULL DEFAULT '',
    rpid              text NOT NULL DEFAULT '',
    quota             bigint NOT NULL DEFAULT 0,
    quickdial_prefix  text NOT NULL DEFAULT '',
    call_limit        integer NOT NULL DEFAULT 0,
    prepaid           boolean NOT NULL DEFAULT false,
    region            text NOT NULL DEFAULT '',
    timeout           integer NOT NULL DEFAULT 0,
    owner_id          bigint NOT NULL DEFAULT 0,  -- a label for grouping; grants no access (api §9.1 Q4)
    create_date       timestamptz NOT NULL DEFAULT now(),
    change_date       timestamptz NOT NULL DEFAULT now(),
    changed_by        text NOT NULL DEFAULT '',
    changed_as        bigint NOT NULL DEFAULT 0,
    UNIQUE (domain_id, username)
);
CREATE INDEX sip_accounts_change_date_idx ON ngnpro.sip_accounts (change_date);
CREATE INDEX sip_accounts_owner_idx ON ngnpro.sip_accounts (owner_id) WHERE owner_id <> 0;

CREATE TABLE ngnpro.sip_account_groups (
    account_id  bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (name <> ''),
    PRIMARY KEY (account_id, name)
);
CREATE INDEX sip_account_groups_name_idx ON ngnpro.sip_account_groups (name);

CREATE TABLE ngnpro.sip_account_acls (
    account_id  bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    ip          text NOT NULL,
    mask        integer NOT NULL CHECK (mask BETWEEN 0 AND 32),
    tag         text NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, position)
);

CREATE TABLE ngnpro.sip_account_properties (
    account_id  bigint NOT NULL REFERENCES ngnpro.sip_accounts (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    name        text NOT NULL,
    value       text NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, position)
);

CREATE TABLE ngnpro.sip_aliases (
    id                bigserial PRIMARY KEY,
    domain_id         bigint NOT NULL REFERENCES ngnpro.sip_domains (id),
    username          text NOT NULL CHECK (username <> '' AND username = lower(username)),
    target_username   text NOT NULL CHECK (target_username <> ''),
    target_domain     text NOT NULL CHECK (target_domain <> ''),
    owner_id          bigint NOT NULL DEFAULT 0,
    create_date       timestamptz NOT NULL DEFAULT now(),
    change_date       timestamptz NOT NULL DEFAULT now(),
    changed_by        text NOT NULL DEFAULT '',
    changed_as        bigint NOT NULL DEFAULT 0,
    UNIQUE (domain_id, username)
);
CREATE INDEX sip_aliases_target_idx ON ngnpro.sip_aliases (target_domain, target_username);

CREATE TABLE ngnpro.trusted_peers (
    id                bigserial PRIMARY KEY,
    ip                text NOT NULL UNIQUE CHECK (ip <> ''),   -- an address, or a network a.b.c.d/n
    protocol          text NOT NULL DEFAULT 'any' CHECK (protocol IN ('any', 'udp', 'tcp', 'tls', 'sctp', 'ws', 'wss')),
    tag               text NOT NULL DEFAULT '',
    description       text NOT NULL DEFAULT '',
    tags              text NOT NULL DEFAULT '',
    customer_id       bigint REFERENCES ngnpro.customers (id),
    reseller_id       bigint REFERENCES ngnpro.customers (id),
    owner_id          bigint NOT NULL DEFAULT 0,
    call_limit        integer NOT NULL DEFAULT 0,
    blocked           integer NOT NULL DEFAULT 0,
    prepaid           boolean NOT NULL DEFAULT false,
    enum_lookup       boolean NOT NULL DEFAULT true,
    transit           boolean NOT NULL DEFAULT false,
    msteams           boolean NOT NULL DEFAULT false,
    tenant            text NOT NULL DEFAULT '',
    auth_token        text NOT NULL DEFAULT '',
    carrier_name      text NOT NULL DEFAULT '',
    originator        text NOT NULL DEFAULT '',
    prefix            text NOT NULL DEFAULT '',
    strip             integer NOT NULL DEFAULT 0,
    billing_id        text NOT NULL DEFAULT '',
    create_date       timestamptz NOT NULL DEFAULT now(),
    change_date       timestamptz NOT NULL DEFAULT now(),
    changed_by        text NOT NULL DEFAULT '',
    changed_as        bigint NOT NULL DEFAULT 0
);
CREATE INDEX trusted_peers_reseller_idx ON ngnpro.trusted_peers (reseller_id);
