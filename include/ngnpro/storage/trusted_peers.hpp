// Trusted peers (ngnpro.trusted_peers), keyed by ip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct TrustedPeerRow {
  std::int64_t id = 0;
  core::TrustedPeer peer;
};

std::optional<TrustedPeerRow> find_trusted_peer(pqxx::transaction_base& tx, const std::string& ip, bool lock = false);
core::Page<core::TrustedPeer> list_trusted_peers(pqxx::transaction_base& tx, const core::TrustedPeerQuery& query,
                                                 const Scope& scope);
void insert_trusted_peer(pqxx::transaction_base& tx, const core::TrustedPeer& peer, const Audit& audit);  //!< 1041
void update_trusted_peer(pqxx::transaction_base& tx, std::int64_t id, const core::TrustedPeer& peer, const Audit& audit);
void delete_trusted_peer(pqxx::transaction_base& tx, std::int64_t id);

}  // namespace ngnpro::storage
