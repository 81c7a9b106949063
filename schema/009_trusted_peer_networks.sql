-- addTrustedPeer by a non-admin caller is refused when the network overlaps a peer of another
-- reseller (services/trusted_peers.cpp): the check asks ip::inet && $1 over every peer, which
-- this index answers without reading them all.
CREATE INDEX trusted_peers_network_idx ON ngnpro.trusted_peers USING gist ((ip::inet) inet_ops);
