-- ngnpro's own normalized tables: the source of truth (ARCHITECTURE §4).
-- Customers and resellers (api §5.3, §8.4) and their properties (api §8.6).

CREATE SCHEMA IF NOT EXISTS ngnpro;

-- Ids are server-assigned and never reused (api §6). An admin may still insert an explicit id
-- (CDRTool's import re-creates exported customers); storage then moves the sequence past it.
CREATE SEQUENCE ngnpro.customer_id_seq START WITH 1000;

CREATE TABLE ngnpro.customers (
    id               bigint PRIMARY KEY DEFAULT nextval('ngnpro.customer_id_seq'),
    -- A reseller references itself; deleting a reseller that still has customers fails here.
    reseller_id      bigint NOT NULL REFERENCES ngnpro.customers (id),
    impersonate      bigint NOT NULL DEFAULT 0,
    username         text NOT NULL DEFAULT '',
    password_hash    text NOT NULL DEFAULT '',   -- pbkdf2-sha256$...; '' = no customer login
    first_name       text NOT NULL DEFAULT '',
    last_name        text NOT NULL DEFAULT '',
    organization     text NOT NULL DEFAULT '',
    vat_number       text NOT NULL DEFAULT '',
    email            text NOT NULL DEFAULT '',
    web              text NOT NULL DEFAULT '',
    tel              text NOT NULL DEFAULT '',
    fax              text NOT NULL DEFAULT '',
    mobile           text NOT NULL DEFAULT '',
    sip              text NOT NULL DEFAULT '',
    enum_number      text NOT NULL DEFAULT '',
    address          text NOT NULL DEFAULT '',
    postcode         text NOT NULL DEFAULT '',
    city             text NOT NULL DEFAULT '',
    state            text NOT NULL DEFAULT '',
    country          text NOT NULL DEFAULT '',
    timezone         text NOT NULL DEFAULT '',
    language         text NOT NULL DEFAULT '',
    bank_account     text NOT NULL DEFAULT '',
    billing_address  text NOT NULL DEFAULT '',
    billing_email    text NOT NULL DEFAULT '',
    company_code     text NOT NULL DEFAULT '',
    balance          double precision NOT NULL DEFAULT 0,
    credit           double precision NOT NULL DEFAULT 0,
    reseller_active  boolean NOT NULL DEFAULT true,
    create_date      timestamptz NOT NULL DEFAULT now(),
    change_date      timestamptz NOT NULL DEFAULT now(),
    -- Who made the last change: the authenticated login and the customer it acted as (0: none).
    changed_by       text NOT NULL DEFAULT '',
    changed_as       bigint NOT NULL DEFAULT 0
);

-- Customer logins are unique; customers without a login (empty username) may be many.
CREATE UNIQUE INDEX customers_username_key ON ngnpro.customers (username) WHERE username <> '';
CREATE INDEX customers_reseller_idx ON ngnpro.customers (reseller_id);
CREATE INDEX customers_change_date_idx ON ngnpro.customers (change_date);

CREATE TABLE ngnpro.customer_properties (
    customer_id  bigint NOT NULL REFERENCES ngnpro.customers (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (name <> ''),
    value        text NOT NULL DEFAULT '',
    category     text NOT NULL DEFAULT '',
    permission   text NOT NULL DEFAULT 'customer' CHECK (permission IN ('admin', 'reseller', 'customer')),
    PRIMARY KEY (customer_id, name)
);
