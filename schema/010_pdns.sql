-- PowerDNS 4.7's own tables (generic PostgreSQL backend, gpgsql) in schema pdns, kept in step
-- with our ngnpro DNS and ENUM tables by row triggers inside the writing transaction
-- (research/consumers/SCHEMA-MAPPING.md, option b2). ngnpro is the truth; nothing but those
-- triggers and the resync functions writes here.
--
-- PowerDNS reads (role pdns, SELECT only, search_path = pdns: 011_pdns_role.sql). Zones are
-- NATIVE: no AXFR to secondaries, so PowerDNS never writes notified_serial.
--
-- Provenance. Each materialised row says which ngnpro row made it: records.ngn_src is the
-- source table ('dns_zone' for a zone's SOA and NS, 'dns_record', 'dns_fancy_record',
-- 'enum_range' for a range's SOA and NS, 'enum_number' for a number's NAPTR set) and
-- ngn_src_id its id. Triggers delete and re-insert by (ngn_src, ngn_src_id); PowerDNS ignores the
-- columns. domains.id is the ngnpro zone's or range's id: both take ids from one sequence,
-- ngnpro.dns_domain_ids, so they never collide here.

CREATE SCHEMA pdns;

CREATE SEQUENCE ngnpro.dns_domain_ids AS integer;

-- ---------------------------------------------------------------------------------------------
-- Upstream DDL, schema-qualified, from /usr/share/pdns-backend-pgsql/schema/schema.pgsql.sql of
-- Debian 12's pdns-backend-pgsql 4.7.3 (PowerDNS is GPL-2.0, like ngnpro), with the provenance
-- columns above added. On a PowerDNS upgrade, diff the package's file against this block and
-- add a migration. domainmetadata, cryptokeys, tsigkeys, supermasters and comments stay empty
-- but must exist: PowerDNS queries domainmetadata on every lookup (SCHEMA-MAPPING §4).

CREATE TABLE pdns.domains (
  id                    SERIAL PRIMARY KEY,
  name                  VARCHAR(255) NOT NULL,
  master                VARCHAR(128) DEFAULT NULL,
  last_check            INT DEFAULT NULL,
  type                  TEXT NOT NULL,
  notified_serial       BIGINT DEFAULT NULL,
  account               VARCHAR(40) DEFAULT NULL,
  options               TEXT DEFAULT NULL,
  catalog               TEXT DEFAULT NULL,
  CONSTRAINT c_lowercase_name CHECK (((name)::TEXT = LOWER((name)::TEXT)))
);

CREATE UNIQUE INDEX name_index ON pdns.domains(name);
CREATE INDEX catalog_idx ON pdns.domains(catalog);

CREATE TABLE pdns.records (
  id                    BIGSERIAL PRIMARY KEY,
  domain_id             INT DEFAULT NULL,
  name                  VARCHAR(255) DEFAULT NULL,
  type                  VARCHAR(10) DEFAULT NULL,
  content               VARCHAR(65535) DEFAULT NULL,
  ttl                   INT DEFAULT NULL,
  prio                  INT DEFAULT NULL,
  disabled              BOOL DEFAULT 'f',
  ordername             VARCHAR(255),
  auth                  BOOL DEFAULT 't',
  ngn_src               TEXT NOT NULL,
  ngn_src_id            BIGINT NOT NULL,
  CONSTRAINT domain_exists
  FOREIGN KEY(domain_id) REFERENCES pdns.domains(id)
  ON DELETE CASCADE,
  CONSTRAINT c_lowercase_name CHECK (((name)::TEXT = LOWER((name)::TEXT)))
);

CREATE INDEX rec_name_index ON pdns.records(name);
CREATE INDEX nametype_index ON pdns.records(name,type);
CREATE INDEX domain_id ON pdns.records(domain_id);
CREATE INDEX recordorder ON pdns.records (domain_id, ordername text_pattern_ops);
CREATE INDEX records_provenance ON pdns.records (ngn_src, ngn_src_id);

CREATE TABLE pdns.supermasters (
  ip                    INET NOT NULL,
  nameserver            VARCHAR(255) NOT NULL,
  account               VARCHAR(40) NOT NULL,
  PRIMARY KEY(ip, nameserver)
);

CREATE TABLE pdns.comments (
  id                    SERIAL PRIMARY KEY,
  domain_id             INT NOT NULL,
  name                  VARCHAR(255) NOT NULL,
  type                  VARCHAR(10) NOT NULL,
  modified_at           INT NOT NULL,
  account               VARCHAR(40) DEFAULT NULL,
  comment               VARCHAR(65535) NOT NULL,
  CONSTRAINT domain_exists
  FOREIGN KEY(domain_id) REFERENCES pdns.domains(id)
  ON DELETE CASCADE,
  CONSTRAINT c_lowercase_name CHECK (((name)::TEXT = LOWER((name)::TEXT)))
);

CREATE INDEX comments_domain_id_idx ON pdns.comments (domain_id);
CREATE INDEX comments_name_type_idx ON pdns.comments (name, type);
CREATE INDEX comments_order_idx ON pdns.comments (domain_id, modified_at);

CREATE TABLE pdns.domainmetadata (
  id                    SERIAL PRIMARY KEY,
  domain_id             INT REFERENCES pdns.domains(id) ON DELETE CASCADE,
  kind                  VARCHAR(32),
  content               TEXT
);

CREATE INDEX domainidmetaindex ON pdns.domainmetadata(domain_id);

CREATE TABLE pdns.cryptokeys (
  id                    SERIAL PRIMARY KEY,
  domain_id             INT REFERENCES pdns.domains(id) ON DELETE CASCADE,
  flags                 INT NOT NULL,
  active                BOOL,
  published             BOOL DEFAULT TRUE,
  content               TEXT
);

CREATE INDEX domainidindex ON pdns.cryptokeys(domain_id);

CREATE TABLE pdns.tsigkeys (
  id                    SERIAL PRIMARY KEY,
  name                  VARCHAR(255),
  algorithm             VARCHAR(50),
  secret                VARCHAR(255),
  CONSTRAINT c_lowercase_name CHECK (((name)::TEXT = LOWER((name)::TEXT)))
);

CREATE UNIQUE INDEX namealgoindex ON pdns.tsigkeys(name, algorithm);
