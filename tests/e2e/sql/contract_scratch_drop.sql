-- SCRATCH: undoes contract_scratch.sql (delete both when sip-settings is merged).
DROP FUNCTION IF EXISTS kamailio.ngn_incoming(text, text, text), kamailio.ngn_barred(text, text, text),
                        kamailio.ngn_caller_key(text);
DROP TABLE IF EXISTS kamailio.ngn_account_routing, kamailio.ngn_diversions, kamailio.ngn_accept_rules,
                     kamailio.ngn_reject_members, kamailio.ngn_barring_prefixes, kamailio.ngn_phonebook;
