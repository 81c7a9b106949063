-- A blocked trusted peer (blocked <> 0, api §5.7) is trusted no more: it leaves Kamailio's
-- trusted and address tables, and comes back when unblocked. The peer views of 003 gain the
-- condition; the row trigger already refreshes a peer whenever its row changes.
CREATE OR REPLACE VIEW ngnpro.kamailio_peer_v AS
SELECT p.id AS ngn_peer_id, host(network(n.net)) AS ip_addr, masklen(n.net) AS mask,
       masklen(n.net) = CASE family(n.net) WHEN 4 THEN 32 ELSE 128 END AS plain,
       p.protocol, NULLIF(p.tag, '') AS tag  -- '' would set Kamailio's peer_tag_avp to ""
  FROM ngnpro.trusted_peers p
 CROSS JOIN LATERAL (SELECT p.ip::inet AS net) n
 WHERE p.blocked = 0;

-- Peers blocked before this file.
DO $$ BEGIN PERFORM ngnpro.kamailio_refresh_peer(id) FROM ngnpro.trusted_peers WHERE blocked <> 0; END $$;
