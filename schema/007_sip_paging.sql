-- A domain's accounts and aliases in changeDate order (CDRTool's default list) walk these
-- indexes and stop after the page, instead of sorting the whole domain (api §3). Username order
-- walks the UNIQUE (domain_id, username) indexes of 002.
CREATE INDEX sip_accounts_domain_change_idx ON ngnpro.sip_accounts (domain_id, change_date, id);
CREATE INDEX sip_aliases_domain_change_idx ON ngnpro.sip_aliases (domain_id, change_date, id);
