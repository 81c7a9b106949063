-- The customer properties that mean something to the server (the six credits, pstn_access,
-- prepaid_changes, pstn_changes, payment_processor_class: core/properties.hpp) are always
-- permission 'admin' (api §8.6). Before this file a caller could store one with a weaker
-- permission and later raise it itself: a reseller granting itself pstn_access, a customer
-- raising its own sip_credit. Repair what is stored, and keep it so whatever writes the row.
UPDATE ngnpro.customer_properties
   SET permission = 'admin'
 WHERE permission <> 'admin'
   AND name IN ('sip_credit', 'sip_alias_credit', 'enum_range_credit', 'enum_number_credit',
                'dns_zone_credit', 'email_credit', 'pstn_access', 'prepaid_changes',
                'pstn_changes', 'payment_processor_class');

ALTER TABLE ngnpro.customer_properties
  ADD CONSTRAINT customer_properties_server_names_admin CHECK (
    permission = 'admin'
    OR name NOT IN ('sip_credit', 'sip_alias_credit', 'enum_range_credit', 'enum_number_credit',
                    'dns_zone_credit', 'email_credit', 'pstn_access', 'prepaid_changes',
                    'pstn_changes', 'payment_processor_class'));
