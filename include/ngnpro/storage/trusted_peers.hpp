// Trusted peers (ngnpro.trusted_peers), keyed by ip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct TrustedPeerRow {
  std::int64_t id = 0;
  core::TrustedPeer peer;
};

std::optional<TrustedPeerRow> find_trusted_peer(Tx& tx, const std::string& ip, bool lock = false);
core::Page<core::TrustedPeer> list_trusted_peers(Tx& tx, const core::TrustedPeerQuery& query,
                                                 const Scope& scope);
void insert_trusted_peer(Tx& tx, const core::TrustedPeer& peer, const Audit& audit);  //!< 1041
// Serialises adds until the transaction ends, so that the overlap check below stays true.
void lock_trusted_peer_adds(Tx& tx);
// Whether network overlaps a peer of any other reseller (or of the platform, reseller NULL).
bool trusted_peer_overlaps_another_reseller(Tx& tx, const std::string& network, std::int64_t reseller);
void update_trusted_peer(Tx& tx, std::int64_t id, const core::TrustedPeer& peer, const Audit& audit);
void delete_trusted_peer(Tx& tx, std::int64_t id);

}  // namespace ngnpro::storage
